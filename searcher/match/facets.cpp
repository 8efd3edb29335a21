#include "searcher/match/facets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common/keyword_fields.hpp"
#include "common/slot_lists.hpp"
#include "searcher/match/date_order.hpp"
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

// Counts a document's slot value; false when it holds no value of the facet.
bool add_values(const std::string& value, const FacetField& facet, Xapian::doccount count,
                std::map<std::string, Xapian::doccount>& counts) {
    if (value.empty()) return false;
    if (!facet.keyword.empty()) {
        const auto keyword = keyword_from_slot_value(value, facet.keyword);
        if (!keyword) return false;
        counts[*keyword] += count;
        return true;
    }
    if (!facet.multi_valued) {
        counts[value] += count;
        return true;
    }
    for (const std::string_view item : list_slot_items(value)) counts[std::string(item)] += count;
    return true;
}

}  // namespace

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

void FacetSpy::operator()(const Xapian::Document& document, double weight) {
    const std::string signature = collapse_ ? document.get_value(schema::kSimHashSlot) : std::string();
    if (signature.empty()) {
        ++documents_;
        count(document.get_value(facet_.slot), 1, counts_, missing_);
        return;
    }
    std::string date = sort_ == SortOrder::Relevance ? std::string() : document.get_value(schema::kDateSlot);
    Copy copy{sort_ == SortOrder::DateAscending ? oldest_first_key(date) : std::move(date), weight,
              document.get_docid(), document.get_value(facet_.slot)};
    const auto [kept, first] = copies_.try_emplace(signature, copy);
    if (!first && ranks_before(copy, kept->second)) kept->second = std::move(copy);
}

void FacetSpy::count_shown_copy(const Xapian::Document& document) {
    if (!collapse_) return;
    const auto kept = copies_.find(document.get_value(schema::kSimHashSlot));
    if (kept != copies_.end()) kept->second.value = document.get_value(facet_.slot);
}

// Xapian's order: the sort key (when sorting by date), then relevance, then
// docid, ascending. Spies see a combined database's documents with their own
// shard's docids, so ties across shards are settled by count_shown_copy().
bool FacetSpy::ranks_before(const Copy& a, const Copy& b) const {
    if (a.sort_key != b.sort_key) {
        return sort_ == SortOrder::DateDescending ? a.sort_key > b.sort_key : a.sort_key < b.sort_key;
    }
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.docid < b.docid;
}

void FacetSpy::count(const std::string& value, Xapian::doccount count_by,
                     std::map<std::string, Xapian::doccount>& counts, Xapian::doccount& missing) const {
    if (!add_values(value, facet_, count_by, counts)) missing += count_by;
}

FacetCounts FacetSpy::counts() const {
    std::map<std::string, Xapian::doccount> counts = counts_;
    Xapian::doccount missing = missing_;
    for (const auto& [signature, copy] : copies_) count(copy.value, 1, counts, missing);
    return sorted_counts(facet_.name, counts, missing);
}

FacetCounts RemoteFacetCounter::counts() const {
    std::map<std::string, Xapian::doccount> counts;
    Xapian::doccount with_value = 0;
    for (auto it = spy_.values_begin(); it != spy_.values_end(); ++it) {
        if (add_values(*it, facet_, it.get_termfreq(), counts)) with_value += it.get_termfreq();
    }
    return sorted_counts(facet_.name, counts, spy_.get_total() - with_value);
}

}  // namespace herald
