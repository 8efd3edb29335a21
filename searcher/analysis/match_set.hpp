// Every match of a query over local shards, as document ids: what counts are
// taken over. Each shard is matched on its own (Xapian's match spies see a
// combined database's documents with their own shard's docids, and cannot
// tell the shard), without weights, keeping Xapian's pruning out of it.
#pragma once

#include <xapian.h>

#include <chrono>
#include <vector>

#include "searcher/analysis/column_store.hpp"

namespace herald {

struct MatchSet {
    // By shard: the ids (in the shard's numbering) of the matches counts take.
    std::vector<std::vector<Xapian::docid>> counted;
    // By shard: matches that only a name key finds (match/name_variants.hpp),
    // listed but not counted; empty unless the match told them apart.
    std::vector<std::vector<Xapian::docid>> variants;
    bool cut = false;  // the time limit stopped a match: some matches are missing
};

// What is left of a time limit (0: none) started at `started`; Xapian
// reads 0 as no limit, so a spent budget leaves the smallest one.
double time_left(double limit_seconds, std::chrono::steady_clock::time_point started);

// A match over every candidate, for its spies.
struct CountingRun {
    Xapian::MSet matches;
    bool cut = false;  // the time limit may have stopped it: some matches are missing
};
// Runs `enquire` over all `documents` candidates within `time_limit_seconds`
// (0: none).
CountingRun count_every_match(Xapian::Enquire& enquire, Xapian::doccount documents, double time_limit_seconds);

// Every match of `query` on each of `shards`, within `time_limit_seconds`
// (0: none) for them all.
MatchSet collect_matches(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                         double time_limit_seconds);

// Every match of `listed` (a query with name keys), told apart: those
// `without_name_keys` also matches are counted, the others are variants.
MatchSet collect_split_matches(const std::vector<Xapian::Database>& shards, const Xapian::Query& listed,
                               const Xapian::Query& without_name_keys, double time_limit_seconds);

// The matches of `query` among `documents` (by shard, each in increasing
// docid order): a match that visits those documents alone.
MatchSet collect_matches_among(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                               const std::vector<std::vector<Xapian::docid>>& documents);

}  // namespace herald
