#include "searcher/match/facets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "searcher/query/query_builder.hpp"

namespace herald {
namespace {

// By count, then value; documents without one last.
FacetCounts sorted_counts(std::string_view name, const std::map<std::string, Xapian::doccount>& counts,
                          Xapian::doccount missing) {
    FacetCounts result{std::string(name), {}};
    for (const auto& [value, count] : counts) result.values.push_back({value, count});
    std::stable_sort(result.values.begin(), result.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (missing > 0) result.values.push_back({std::nullopt, missing});
    return result;
}

void add_values(const std::string& value, bool multi_valued, Xapian::doccount count,
                std::map<std::string, Xapian::doccount>& counts) {
    if (!multi_valued) {
        counts[value] += count;
        return;
    }
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto end = value.find(schema::kListSeparator, start);
        counts[value.substr(start, end == std::string::npos ? std::string::npos : end - start)] += count;
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

}  // namespace

const schema::Facet& find_facet(const std::string& name) {
    for (const auto& facet : schema::kFacets) {
        if (facet.name == name) return facet;
    }
    std::vector<std::string_view> known;
    for (const auto& facet : schema::kFacets) known.push_back(facet.name);
    throw QueryError(fmt::format("unknown facet '{}' (known: {})", name, fmt::join(known, ", ")));
}

void FacetSpy::operator()(const Xapian::Document& document, double) {
    if (collapse_) {
        const std::string signature = document.get_value(schema::kSimHashSlot);
        if (!signature.empty() && !signatures_seen_.insert(signature).second) return;
    }
    ++documents_;
    const std::string value = document.get_value(facet_.slot);
    if (value.empty()) {
        ++missing_;
        return;
    }
    add_values(value, facet_.multi_valued, 1, counts_);
}

FacetCounts FacetSpy::counts() const { return sorted_counts(facet_.name, counts_, missing_); }

FacetCounts RemoteFacetCounter::counts() const {
    std::map<std::string, Xapian::doccount> counts;
    Xapian::doccount with_value = 0;
    for (auto it = spy_.values_begin(); it != spy_.values_end(); ++it) {
        if ((*it).empty()) continue;
        with_value += it.get_termfreq();
        add_values(*it, facet_.multi_valued, it.get_termfreq(), counts);
    }
    return sorted_counts(facet_.name, counts, spy_.get_total() - with_value);
}

}  // namespace herald
