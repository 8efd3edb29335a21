#include "searcher/query/search_request.hpp"

#include <array>
#include <utility>

namespace herald {
namespace {

constexpr std::array<std::pair<std::string_view, TimelineInterval>, 4> kIntervals{{
    {"day", TimelineInterval::Day},
    {"week", TimelineInterval::Week},
    {"month", TimelineInterval::Month},
    {"year", TimelineInterval::Year},
}};

}  // namespace

std::optional<TimelineInterval> timeline_interval_from_name(std::string_view name) {
    for (const auto& [interval_name, interval] : kIntervals) {
        if (interval_name == name) return interval;
    }
    return std::nullopt;
}

std::string_view timeline_interval_name(TimelineInterval interval) {
    for (const auto& [name, value] : kIntervals) {
        if (value == interval) return name;
    }
    return {};
}

std::optional<SortOrder> sort_order_from_name(const std::string& name) {
    if (name == "relevance") return SortOrder::Relevance;
    if (name == "date") return SortOrder::DateAscending;
    if (name == "-date") return SortOrder::DateDescending;
    return std::nullopt;
}

std::optional<MatchMode> match_mode_from_name(std::string_view name) {
    if (name == "all") return MatchMode::All;
    if (name == "any") return MatchMode::Any;
    return std::nullopt;
}

std::string_view match_mode_name(MatchMode mode) { return mode == MatchMode::All ? "all" : "any"; }

std::optional<Ranking> ranking_from_name(const std::string& name) {
    if (name == "herald") return Ranking::Herald;
    if (name == "bm25") return Ranking::BM25;
    return std::nullopt;
}

}  // namespace herald
