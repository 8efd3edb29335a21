// "Did you mean": corrects the words of a query that the index does not
// contain, using the spelling data the indexer records from titles.
#pragma once

#include <xapian.h>

#include <string>

namespace herald {

// `folded_query` is the query after fold_query_text(). Returns the query with
// unknown words replaced by their closest known spelling (edit distance 1
// preferred over 2), or "" when nothing needs correcting. Field values
// (after "name:") and operators are left alone.
std::string suggest_correction(const Xapian::Database& database, const Xapian::Stem& stemmer,
                               const std::string& folded_query);

}  // namespace herald
