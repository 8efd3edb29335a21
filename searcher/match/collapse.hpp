// Folding near-duplicate copies (a copy group of the column store,
// analysis/column_store.hpp) into the best-ranked of each group, after the
// match.
//
// Xapian collapses inside the match by reading the signature of every
// candidate that enters its running top N: on AllSides a third of an
// uncached search at the second pass's depth. Here the match ranks without
// collapsing, a few more matches than the page needs are fetched, and only
// those are read. When the window holds too many copies to fill the page,
// the caller lets Xapian collapse after all.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "searcher/match/ranking.hpp"

namespace herald {

// Pages ending deeper than this are collapsed by Xapian: the window would
// cost more than its match.
inline constexpr Xapian::doccount kCollapseAfterMatchDepth = 100;

// How many uncollapsed matches to fetch for `wanted` collapsed ones.
Xapian::doccount collapse_window(Xapian::doccount wanted);

struct CollapsedMatches {
    std::vector<RankedMatch> matches;  // the best of each group, in rank order, with its copies counted
    // Whether `matches` holds `wanted`, or every match of the query.
    bool complete = false;
    // The match's estimate and bounds with the copies seen taken out, as
    // Xapian adjusts them when it collapses.
    Xapian::doccount estimated = 0, lower = 0, upper = 0;
};

// `matches` of local shards, fetched from rank 0 without collapsing,
// collapsed by `groups` (the copy group of each, in rank order; 0: none).
// The copies counted are those among `matches`.
CollapsedMatches collapse_copies(const Xapian::MSet& matches, Xapian::doccount wanted,
                                 const std::vector<std::uint32_t>& groups);

}  // namespace herald
