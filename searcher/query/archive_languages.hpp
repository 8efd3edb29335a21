// The languages a database's articles are in, read from their language
// terms, and the stemmers that serve them: query words are stemmed in each,
// so an English query word also meets the stems of Russian articles.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace herald {

// The Snowball algorithms of the languages with articles in `database`
// (languages without one are matched by the exact word alone), sorted.
std::vector<std::string> archive_stemmer_names(const Xapian::Database& database);

// This thread's stemmer for a Snowball algorithm: building one allocates its
// stem cache, which costs more than a search, and stemmers are not
// thread-safe, so each thread keeps its own.
const Xapian::Stem& thread_stemmer(const std::string& snowball_name);

}  // namespace herald
