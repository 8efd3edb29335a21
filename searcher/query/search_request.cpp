#include "searcher/query/search_request.hpp"

namespace herald {

std::optional<SortOrder> sort_order_from_name(const std::string& name) {
    if (name == "relevance") return SortOrder::Relevance;
    if (name == "date") return SortOrder::DateAscending;
    if (name == "-date") return SortOrder::DateDescending;
    return std::nullopt;
}

}  // namespace herald
