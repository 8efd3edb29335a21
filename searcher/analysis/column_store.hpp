// Per-document columns every count reads: the publication day, the group of
// near-duplicate copies and the ids of each facet's values, for each local
// shard a search runs over. Read once per revision of the shards and shared
// by threads, as Lucene keeps doc values, so counting a match set costs
// array reads instead of value-stream decoding per match.
//
// Copies: articles whose SimHash signature (schema::kSimHashSlot, computed
// when the article is indexed) is equal. That is the one definition of a
// copy: Xapian's collapse key, collapsing after the match and every count
// use it. Groups are numbered across all the shards, so copies on different
// shards are one group.
//
// Memory: 8 bytes a document for days and groups, plus 8 bytes per document
// and value for each facet counted (read on first use): at a million
// articles 8 MB, and about 10 MB per facet of one value an article.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "searcher/analysis/archive_frequencies.hpp"
#include "searcher/analysis/facet_counts.hpp"

namespace herald {

inline constexpr int kUndated = std::numeric_limits<int>::max();

// The day (since 1970-01-01) of a stored "YYYYMMDD" date value; kUndated
// for an empty or malformed one.
int day_of_date_value(const std::string& value);

// A document of shards searched as one: the shard's index and its own docid.
struct ShardDocument {
    std::uint32_t shard = 0;
    Xapian::docid docid = 0;
};

// Xapian numbers the documents of combined databases by interleaving them.
ShardDocument shard_document(Xapian::docid combined, std::size_t shards);

// One facet's values: for each shard, each document's value ids.
struct FacetColumn {
    struct Shard {
        std::vector<std::uint32_t> first;  // by docid (size last docid + 2): the document's first entry in `ids`
        std::vector<std::uint32_t> ids;    // value ids, into `names`
    };
    std::vector<std::string> names;         // by value id
    std::vector<std::uint32_t> name_order;  // by value id: its place among the names sorted (counts tie by it)
    std::vector<Shard> shards;
    std::size_t bytes() const;
};

struct ShardColumns {
    std::vector<int> day;              // by docid: kUndated where there is none
    std::vector<std::uint32_t> group;  // by docid: 0 unless it has copies, then its group (1..copy_groups)
    Xapian::doccount documents = 0;
};

class ColumnStore {
  public:
    // Reads the days and copy groups of `shards`, local databases searched
    // as one in this order (one database is one shard).
    explicit ColumnStore(const std::vector<Xapian::Database>& shards);

    const std::vector<ShardColumns>& shards() const { return shards_; }
    std::uint32_t copy_groups() const { return copy_groups_; }
    // The documents of a group, on every shard.
    std::pair<const ShardDocument*, const ShardDocument*> members(std::uint32_t group) const;
    // The earliest and latest day of any document (kUndated without dates).
    int first_day() const { return first_day_; }
    int last_day() const { return last_day_; }
    // Every document by day (copies included), days without any left out,
    // and those without a date: the archive's side of an unfiltered timeline.
    const std::vector<std::pair<int, Xapian::doccount>>& documents_by_day() const { return documents_by_day_; }
    Xapian::doccount undated_documents() const { return undated_documents_; }

    // The facet's column, read from `shards` (the databases this store was
    // read from, or others at the same revisions) on first use.
    std::shared_ptr<const FacetColumn> facet(const FacetField& facet,
                                             const std::vector<Xapian::Database>& shards) const;
    // The archive frequencies top terms have looked up at these revisions
    // (thread-safe: it locks itself).
    ArchiveFrequencies& frequencies() const { return frequencies_; }
    // Memory held, facets read and frequencies remembered so far included.
    std::size_t bytes() const;
    // Time spent reading the columns, facets read so far included.
    double build_seconds() const;

  private:
    void count_documents_by_day();

    std::vector<ShardColumns> shards_;
    std::uint32_t copy_groups_ = 0;
    std::vector<std::uint32_t> group_first_;  // by group (size copy_groups + 2): its first entry in group_members_
    std::vector<ShardDocument> group_members_;
    int first_day_ = kUndated, last_day_ = kUndated;
    std::vector<std::pair<int, Xapian::doccount>> documents_by_day_;
    Xapian::doccount undated_documents_ = 0;
    double build_seconds_ = 0;                // days and groups
    mutable double facet_build_seconds_ = 0;  // under facets_mutex_
    mutable std::mutex facets_mutex_;
    mutable std::map<std::string, std::shared_ptr<const FacetColumn>> facets_;  // by facet name
    mutable ArchiveFrequencies frequencies_;
};

// The columns of `shards` as of their revisions, read on first use and kept
// for threads to share until other revisions are asked for. nullptr for
// remote shards, which tell no revision and whose documents cannot be read
// in bulk.
std::shared_ptr<const ColumnStore> column_store(const std::vector<Xapian::Database>& shards);

// The same when it has been read already, else nullptr: for work that is
// cheaper without reading it (a one-shot search showing a page).
std::shared_ptr<const ColumnStore> cached_column_store(const std::vector<Xapian::Database>& shards);

// The store read last (for /metrics), nullptr before any.
std::shared_ptr<const ColumnStore> latest_column_store();

}  // namespace herald
