// The order of results sorted by date, shared by the match (which sorts) and
// the facet spies (which must know which copy of a collapsed group is shown).
#pragma once

#include <string>

namespace herald {

// Undated articles go last in both directions (Elasticsearch's `missing:
// _last`): an undated article says nothing about being old or new. Oldest
// first gives the empty date this key, past every date value (YYYYMMDD
// digits); newest first already puts the empty value last.
inline constexpr char kUndatedSortKey[] = "\xff";

inline std::string oldest_first_key(const std::string& date_value) {
    return date_value.empty() ? std::string(kUndatedSortKey) : date_value;
}

}  // namespace herald
