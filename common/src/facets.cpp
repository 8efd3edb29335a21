#include "herald/facets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "herald/query_builder.hpp"

namespace herald {

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
    if (!facet_.multi_valued) {
        ++counts_[value];
        return;
    }
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto end = value.find(schema::kListSeparator, start);
        ++counts_[value.substr(start, end == std::string::npos ? std::string::npos : end - start)];
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

FacetCounts FacetSpy::counts() const {
    FacetCounts result{std::string(facet_.name), {}};
    for (const auto& [value, count] : counts_) result.values.push_back({value, count});
    std::stable_sort(result.values.begin(), result.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (missing_ > 0) result.values.push_back({std::nullopt, missing_});
    return result;
}

}  // namespace herald
