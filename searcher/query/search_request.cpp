#include "searcher/query/search_request.hpp"

namespace herald {

std::optional<SortOrder> sort_order_from_name(const std::string& name) {
    if (name == "relevance") return SortOrder::Relevance;
    if (name == "date") return SortOrder::DateAscending;
    if (name == "-date") return SortOrder::DateDescending;
    return std::nullopt;
}

std::optional<Ranking> ranking_from_name(const std::string& name) {
    if (name == "herald") return Ranking::Herald;
    if (name == "bm25") return Ranking::BM25;
    return std::nullopt;
}

}  // namespace herald
