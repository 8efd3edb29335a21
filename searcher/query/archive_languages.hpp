// The languages a database's articles are in, read from their language
// terms, and the stemmers that serve them: query words are stemmed in each,
// so an English query word also meets the stems of Russian articles.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "common/language.hpp"

namespace herald {

// A language's stems (and stopwords, query_units.hpp) join every query when it holds kEnoughLanguageArticles
// articles, or kMinLanguageShare of a smaller archive: stems share one prefix
// across languages, so a language of three misdetected articles in AllSides
// (de, fr, sv) would make "biden" match "bid" (German) in every English
// article, and "war" more than wars.
inline constexpr double kMinLanguageShare = 0.001;
inline constexpr Xapian::doccount kEnoughLanguageArticles = 100;

// The stemmers of the languages with articles in `database` (enough of them, above), sorted: their
// Snowball or light stemmers, and kBaseFormStemmer when one of them has
// dictionary base forms among its stems (a query word is usually a base
// form). Languages with neither are matched by the exact word alone.
std::vector<std::string> archive_stemmer_names(const Xapian::Database& database);

// The ISO codes of the languages with enough articles in `database` (above), sorted.
std::vector<std::string> archive_language_codes(const Xapian::Database& database);

// Whether `database` holds articles in a language written in Cyrillic
// (Russian, Ukrainian, Belarusian, Bulgarian, Macedonian, Serbian): only
// then may a Latin query word match in its Cyrillic form.
bool archive_writes_cyrillic(const Xapian::Database& database);

// The same for one language (--language).
std::vector<std::string> language_stemmer_names(const Language& language);

// This thread's stemmer for a Snowball algorithm: building one allocates its
// stem cache, which costs more than a search, and stemmers are not
// thread-safe, so each thread keeps its own.
const Xapian::Stem& thread_stemmer(const std::string& snowball_name);

}  // namespace herald
