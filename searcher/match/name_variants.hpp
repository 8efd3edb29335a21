// Counting without names' variant spellings. A query word that is a name
// also finds, through its name key (synonym_expansion.hpp), articles that
// spell it otherwise, and unrelated words that share the key ("Asylum" for
// "Islam"). The results list those articles below the exact forms; totals,
// facets, timelines and exports leave them out unless asked to count them
// (docs/analysis.md, "Name keys"). One counting match tells the two kinds apart
// (analysis/match_set.hpp).
#pragma once

#include <xapian.h>

namespace herald {

// The weight an article the words' own forms match gains in a counting
// match, so that one matched by boolean terms alone still weighs above 0.
inline constexpr double kCountedMark = 1e-3;

// The query of a counting match over every match of `listed` (the query
// with name keys): an article only a name key finds weighs 0, one that
// `without_name_keys` also matches weighs above 0 (its weight there plus
// kCountedMark).
Xapian::Query counting_query(const Xapian::Query& listed, const Xapian::Query& without_name_keys);

}  // namespace herald
