// The order of results sorted by date.
#pragma once

namespace herald {

// Undated articles go last in both directions (Elasticsearch's `missing:
// _last`): an undated article says nothing about being old or new. Oldest
// first gives the empty date this key, past every date value (YYYYMMDD
// digits); newest first already puts the empty value last.
inline constexpr char kUndatedSortKey[] = "\xff";

}  // namespace herald
