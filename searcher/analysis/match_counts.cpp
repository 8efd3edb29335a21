#include "searcher/analysis/match_counts.hpp"

#include <algorithm>
#include <limits>

namespace herald {
namespace {

// The documents a count takes, each once: those outside any group (all of
// them without collapsing), and each group of copies seen.
struct CountedDocuments {
    std::vector<ShardDocument> single;
    std::vector<ShardDocument> grouped;  // in any order, a group's members together or not
    std::vector<std::uint32_t> groups;   // each group seen, once
};

CountedDocuments counted_documents(const std::vector<std::vector<Xapian::docid>>& by_shard, const ColumnStore& store,
                                   bool collapse, std::vector<std::uint32_t>& seen_mark, std::uint32_t mark) {
    CountedDocuments documents;
    for (std::size_t shard = 0; shard < by_shard.size(); ++shard) {
        const auto& groups = store.shards()[shard].group;
        for (const Xapian::docid docid : by_shard[shard]) {
            const std::uint32_t group = collapse ? groups[docid] : 0;
            const ShardDocument document{static_cast<std::uint32_t>(shard), docid};
            if (group == 0) {
                documents.single.push_back(document);
                continue;
            }
            documents.grouped.push_back(document);
            if (seen_mark[group] != mark) {
                seen_mark[group] = mark;
                documents.groups.push_back(group);
            }
        }
    }
    return documents;
}

DayCounts count_days(const CountedDocuments& documents, const ColumnStore& store) {
    DayTally tally(store.first_day(), store.last_day());
    for (const auto& [shard, docid] : documents.single) tally.add(store.shards()[shard].day[docid]);
    if (!documents.groups.empty()) {
        // A group counts on the earliest day of its matching copies (kUndated sorts last).
        std::vector<int> earliest(store.copy_groups() + 1, kUndated);
        for (const auto& [shard, docid] : documents.grouped) {
            const auto& columns = store.shards()[shard];
            int& day = earliest[columns.group[docid]];
            day = std::min(day, columns.day[docid]);
        }
        for (const std::uint32_t group : documents.groups) tally.add(earliest[group]);
    }
    return tally.counts();
}

FacetCounts count_facet(const CountedDocuments& documents, const ColumnStore& store, const FacetField& facet,
                        const FacetColumn& column) {
    std::vector<Xapian::doccount> by_value(column.names.size(), 0);
    Xapian::doccount missing = 0;
    for (const auto& [shard, docid] : documents.single) {
        const auto& values = column.shards[shard];
        const std::uint32_t first = values.first[docid], end = values.first[docid + 1];
        if (first == end) ++missing;
        for (std::uint32_t i = first; i < end; ++i) ++by_value[values.ids[i]];
    }
    if (!documents.grouped.empty()) {
        // Each (group, value) once; a group none of whose copies has a value is missing once.
        constexpr std::uint32_t kNoValue = std::numeric_limits<std::uint32_t>::max();
        std::vector<std::uint64_t> pairs;
        for (const auto& [shard, docid] : documents.grouped) {
            const std::uint64_t group = store.shards()[shard].group[docid];
            const auto& values = column.shards[shard];
            const std::uint32_t first = values.first[docid], end = values.first[docid + 1];
            if (first == end) pairs.push_back(group << 32 | kNoValue);
            for (std::uint32_t i = first; i < end; ++i) pairs.push_back(group << 32 | values.ids[i]);
        }
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const auto value = static_cast<std::uint32_t>(pairs[i]);
            const bool group_starts = i == 0 || pairs[i] >> 32 != pairs[i - 1] >> 32;
            if (value != kNoValue) {
                ++by_value[value];
            } else if (group_starts) {  // kNoValue sorts last: the group had no value
                ++missing;
            }
        }
    }
    // By count, then value, as sorted_counts() orders them: sorting ids, a
    // string copied only for each value counted.
    std::vector<std::uint32_t> counted;
    for (std::uint32_t id = 0; id < by_value.size(); ++id) {
        if (by_value[id] > 0) counted.push_back(id);
    }
    std::sort(counted.begin(), counted.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (by_value[a] != by_value[b]) return by_value[a] > by_value[b];
        return column.name_order[a] < column.name_order[b];
    });
    FacetCounts counts{facet.name, {}};
    counts.values.reserve(counted.size() + 1);
    for (const std::uint32_t id : counted) counts.values.push_back({column.names[id], by_value[id]});
    if (missing > 0) counts.values.push_back({std::nullopt, missing});
    return counts;
}

Xapian::doccount size(const CountedDocuments& documents) {
    return static_cast<Xapian::doccount>(documents.single.size() + documents.groups.size());
}

}  // namespace

MatchCounts count_matches(const MatchSet& matches, const ColumnStore& store,
                          const std::vector<Xapian::Database>& shards, const CountRequest& request) {
    MatchCounts counts;
    std::vector<std::uint32_t> seen(request.collapse ? store.copy_groups() + 1 : 0, 0);
    const CountedDocuments counted = counted_documents(matches.counted, store, request.collapse, seen, 1);
    const CountedDocuments variants = counted_documents(matches.variants, store, request.collapse, seen, 2);
    counts.total = size(counted);
    counts.variants = size(variants);
    if (request.days) counts.days = count_days(counted, store);
    counts.days.cut = matches.cut;
    for (const auto& facet : request.facets)
        counts.facets.push_back(count_facet(counted, store, facet, *store.facet(facet, shards)));
    if (request.collapse) counts.group_matches = group_matches(matches, store);
    return counts;
}

std::vector<std::uint32_t> group_matches(const MatchSet& matches, const ColumnStore& store) {
    std::vector<std::uint32_t> by_group(store.copy_groups() + 1, 0);
    for (const auto* documents : {&matches.counted, &matches.variants}) {
        for (std::size_t shard = 0; shard < documents->size(); ++shard) {
            const auto& groups = store.shards()[shard].group;
            for (const Xapian::docid docid : (*documents)[shard]) ++by_group[groups[docid]];
        }
    }
    by_group[0] = 0;  // not a group
    return by_group;
}

std::vector<std::vector<Xapian::docid>> copies_to_match(const std::vector<Xapian::docid>& documents,
                                                        const ColumnStore& store) {
    std::vector<std::vector<Xapian::docid>> by_shard(store.shards().size());
    for (const Xapian::docid combined : documents) {
        const auto [shard, docid] = shard_document(combined, store.shards().size());
        const std::uint32_t group = store.shards()[shard].group[docid];
        if (group == 0) continue;
        const auto [first, end] = store.members(group);
        for (auto member = first; member != end; ++member) by_shard[member->shard].push_back(member->docid);
    }
    for (auto& docids : by_shard) {
        std::sort(docids.begin(), docids.end());
        docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
    }
    return by_shard;
}

}  // namespace herald
