// Every match of a request in its final order, for exports: the ranking
// (Xapian's MSet of document ids, weights and collapse counts) is held, and
// the articles are read and decoded one at a time as they are visited, so
// memory grows with the number of matches, not with their text.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "searcher/analysis/match_counter.hpp"
#include "searcher/match/ranking.hpp"
#include "searcher/match/searcher.hpp"

namespace herald {

class FullRanking {
  public:
    // `head`: the first matches of `matches` in their final order (re-ranked
    // by the second pass when it applies); the rest follow in `matches`'
    // order. `size` of them are visited. `copies`: each match's copies.
    FullRanking(Xapian::MSet matches, std::vector<RankedMatch> head, Xapian::doccount size, bool truncated,
                CopyCounts copies, std::vector<std::string> shard_labels, std::vector<std::string> warnings);

    // Matches visit() passes on.
    Xapian::doccount size() const { return size_; }
    // Whether the cap (Searcher::rank_all's max_matches) left matches out.
    bool truncated() const { return truncated_; }
    // Missing shards, remote-order caveats (as SearchResults::warnings).
    const std::vector<std::string>& warnings() const { return warnings_; }

    // Calls `visit` with each match in order: rank (from 1), score, copies
    // folded into it, shard and article; no snippet. The hit is reused
    // between calls.
    void visit(const std::function<void(const Hit&)>& visit) const;

  private:
    Xapian::MSet matches_;
    std::vector<RankedMatch> head_;
    Xapian::doccount size_;
    bool truncated_;
    CopyCounts copies_;
    std::vector<std::string> shard_labels_;
    std::vector<std::string> warnings_;
};

}  // namespace herald
