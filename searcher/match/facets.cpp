#include "searcher/match/facets.hpp"

#include <fmt/format.h>

#include <algorithm>

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
    if (value.empty()) {
        missing += count_by;
        return;
    }
    add_values(value, facet_.multi_valued, count_by, counts);
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
        if ((*it).empty()) continue;
        with_value += it.get_termfreq();
        add_values(*it, facet_.multi_valued, it.get_termfreq(), counts);
    }
    return sorted_counts(facet_.name, counts, spy_.get_total() - with_value);
}

}  // namespace herald
