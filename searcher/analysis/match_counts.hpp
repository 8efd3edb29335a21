// Counts over a match set, read from the column store: the total, facets,
// articles by day, and each group's matching copies. Every count a search
// shows over local shards comes from here, so they agree with each other
// whichever way the shards are cut.
//
// With collapsing, a group of copies (column_store.hpp) counts as one
// article in the total, and in the timeline on the earliest day any of its
// matching copies has. Under a facet it counts once for each value one of
// its matching copies holds: a wire story three outlets ran counts once
// under each outlet, and once in the total.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "searcher/analysis/column_store.hpp"
#include "searcher/analysis/day_counts.hpp"
#include "searcher/analysis/facet_counts.hpp"
#include "searcher/analysis/match_set.hpp"

namespace herald {

struct MatchCounts {
    Xapian::doccount total = 0;     // the counted matches
    Xapian::doccount variants = 0;  // matches only a name key finds, not counted
    std::vector<FacetCounts> facets;
    DayCounts days;
    // By copy group: its matching documents, counted or variants (with
    // collapsing; empty otherwise).
    std::vector<std::uint32_t> group_matches;
};

struct CountRequest {
    bool collapse = true;
    std::vector<FacetField> facets;
    bool days = false;
};

// Counts `matches` of `shards` (the databases `store` was read from).
MatchCounts count_matches(const MatchSet& matches, const ColumnStore& store,
                          const std::vector<Xapian::Database>& shards, const CountRequest& request);

// The matching documents of each group `documents` (by shard) belong to,
// from a match set over those groups' members (copies_to_match()).
std::vector<std::uint32_t> group_matches(const MatchSet& matches, const ColumnStore& store);

// Every member of the copy groups of `documents` (combined docids of the
// shards searched as one), by shard in docid order: the documents a match
// must visit to count their copies.
std::vector<std::vector<Xapian::docid>> copies_to_match(const std::vector<Xapian::docid>& documents,
                                                        const ColumnStore& store);

}  // namespace herald
