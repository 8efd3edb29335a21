#include "searcher/analysis/facet_counts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common/keyword_fields.hpp"
#include "common/slot_lists.hpp"
#include "searcher/query/query_builder.hpp"

namespace herald {

FacetCounts sorted_counts(std::string_view name, const std::map<std::string, Xapian::doccount>& counts,
                          Xapian::doccount missing) {
    FacetCounts result{std::string(name), {}};
    for (const auto& [value, count] : counts) result.values.push_back({value, count});
    std::stable_sort(result.values.begin(), result.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (missing > 0) result.values.push_back({std::nullopt, missing});
    return result;
}

std::vector<std::string> facet_values(const std::string& slot_value, const FacetField& facet) {
    std::vector<std::string> values;
    if (slot_value.empty()) return values;
    if (!facet.keyword.empty()) {
        if (auto keyword = keyword_from_slot_value(slot_value, facet.keyword)) values.push_back(std::move(*keyword));
    } else if (!facet.multi_valued) {
        values.push_back(slot_value);
    } else {
        for (const std::string_view item : list_slot_items(slot_value)) {
            // An author listed twice is still one author of the article.
            if (std::find(values.begin(), values.end(), item) == values.end()) values.emplace_back(item);
        }
    }
    return values;
}

FacetField find_facet(const std::string& name, const std::set<std::string>& keywords) {
    for (const auto& facet : schema::kFacets) {
        if (facet.name == name) return {std::string(facet.name), facet.slot, facet.multi_valued, {}};
    }
    if (keywords.count(name) > 0) return {name, schema::kKeywordsSlot, false, name};
    std::vector<std::string> known;
    for (const auto& facet : schema::kFacets) known.emplace_back(facet.name);
    known.insert(known.end(), keywords.begin(), keywords.end());
    throw QueryError(fmt::format("unknown facet '{}' (known: {})", name, fmt::join(known, ", ")));
}

FacetCounts RemoteFacetCounter::counts() const {
    std::map<std::string, Xapian::doccount> counts;
    Xapian::doccount with_value = 0;
    for (auto it = spy_.values_begin(); it != spy_.values_end(); ++it) {
        const auto values = facet_values(*it, facet_);
        for (const auto& value : values) counts[value] += it.get_termfreq();
        if (!values.empty()) with_value += it.get_termfreq();
    }
    return sorted_counts(facet_.name, counts, spy_.get_total() - with_value);
}

}  // namespace herald
