// The list-valued value slots (schema.hpp: authors, tags, keyword fields):
// items joined by separator bytes that no item may hold, so a stored value
// always splits back into the items written. The indexer joins, the searcher
// splits (facet counts).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace herald {

// Throws std::invalid_argument unless `item` is free of schema::kListSeparator
// and schema::kKeywordNameEnd. Both are control characters, which the
// indexer cleans out of every stored field (finish_article), so only a
// caller that skipped that cleaning sees this.
void check_slot_item(std::string_view item);

// `items` joined by schema::kListSeparator, each checked by check_slot_item.
std::string list_slot_value(const std::vector<std::string>& items);

// The items of a list slot value, in order; none for "".
std::vector<std::string_view> list_slot_items(std::string_view value);

}  // namespace herald
