// The analysis stage of a search: counts over the whole match set (the
// total, facets, articles by day, copies of the hits shown), after the
// match has ranked a page. Over local shards from the column store, exact
// and the same however the articles are sharded; over remote shards with
// Xapian's own match spies, which count copies each, and the copies they
// counted twice read and taken out (remote_copies.hpp): the same counts.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "searcher/analysis/column_store.hpp"
#include "searcher/analysis/day_counts.hpp"
#include "searcher/analysis/facet_counts.hpp"
#include "searcher/analysis/match_counts.hpp"

namespace herald {

// What a count is taken over.
struct CountedQuery {
    Xapian::Query listed;             // every match the results list
    Xapian::Query without_name_keys;  // when set, only the matches it also has are counted (name_variants.hpp)
};

// Copies of the documents a search shows: for each, the other matching
// documents of its copy group. Locally by copy group (column_store.hpp);
// over remote shards by signature, as Xapian's ValueCountMatchSpy counts it.
class CopyCounts {
  public:
    CopyCounts() = default;
    CopyCounts(std::shared_ptr<const ColumnStore> store, std::vector<std::uint32_t> group_matches)
        : store_(std::move(store)), group_matches_(std::move(group_matches)), known_(true) {}
    explicit CopyCounts(std::map<std::string, Xapian::doccount> by_signature)
        : by_signature_(std::move(by_signature)), known_(true) {}
    // Whether copies were counted.
    bool known() const { return known_; }
    // The copies of `document`, whose id among the shards searched as one is `combined`.
    Xapian::doccount copies_of(Xapian::docid combined, const Xapian::Document& document) const;

  private:
    std::shared_ptr<const ColumnStore> store_;
    std::vector<std::uint32_t> group_matches_;
    std::map<std::string, Xapian::doccount> by_signature_;  // remote: matches by signature
    bool known_ = false;
};

struct Analysis {
    Xapian::doccount total = 0;     // matches counted (copies once, when collapsing)
    Xapian::doccount variants = 0;  // matches only a name key finds (not counted)
    std::vector<FacetCounts> facets;
    DayCounts days;     // when asked for
    bool cut = false;   // the time limit stopped the count
    CopyCounts copies;  // with collapsing
};

class MatchCounter {
  public:
    // `database`: the shards as one; `shards`: each alone, in the same order.
    MatchCounter(Xapian::Database database, std::vector<Xapian::Database> shards, bool remote);

    // A process answering one request (the command line) counts with match
    // spies, as over remote shards, unless the column store has been read:
    // reading every document's columns costs more than counting one query's
    // matches, and nothing later would reuse them.
    void set_one_shot(bool one_shot) { one_shot_ = one_shot; }

    // Counts every match of `query`, within `time_limit_seconds` (0: none).
    Analysis count(const CountedQuery& query, const CountRequest& request, double time_limit_seconds) const;
    // Every article within `filters` (empty: the whole archive) by day,
    // copies included: the side of a timeline that shares are taken of.
    DayCounts archive_days(const Xapian::Query& filters, double time_limit_seconds) const;
    // The copies, matching `listed`, of `shown` matches,
    // counted over their copy groups alone: a match that visits their
    // members only (locally: from the column store when it has been read,
    // else found in one walk of the signature slot), or the matches with
    // their signatures (remote shards).
    CopyCounts copies_of(const std::vector<Xapian::MSetIterator>& shown, const Xapian::Query& listed) const;
    // A number for the copy group of each of `documents` (combined docids),
    // 0 for none: equal numbers are copies. From the column store when it
    // has been read, else from the documents' signatures.
    std::vector<std::uint32_t> copy_groups(const std::vector<Xapian::docid>& documents) const;
    // The archive frequencies remembered for the shards' revisions, when
    // their column store has been read (it holds them), else nullptr.
    std::shared_ptr<ArchiveFrequencies> archive_frequencies() const;

  private:
    // Spies on the match (Xapian's, run by xapian-tcpsrv for remote shards)
    // instead of the column store.
    bool counts_with_spies() const;
    Analysis count_with_spies(const CountedQuery& query, const CountRequest& request, double time_limit_seconds) const;

    Xapian::Database database_;
    std::vector<Xapian::Database> shards_;
    bool remote_;
    bool one_shot_ = false;
};

}  // namespace herald
