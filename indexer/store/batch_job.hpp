// Batch indexing jobs: many inputs into one database, in parallel, with
// bounded memory, checkpoints that survive kill -9, incremental re-runs and
// deletions. The indexer binary is a command line over run_batch_job().
//
// Two write paths, chosen per run (ARCHITECTURE.md has the reasoning):
// - bulk ("segments"): the database is empty. Workers each take whole
//   batches of records and write each batch into its own small segment
//   database beside the target; the segments are merged with Xapian's
//   compaction at the end (later copies of an id win). Xapian's write path
//   runs on every core and flushes into small, fresh tables.
// - direct: the database has articles. Workers parse and analyse in
//   parallel; one writer applies the documents in input order. With one
//   job, one thread does everything.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/language.hpp"
#include "indexer/analysis/synonym_file.hpp"
#include "indexer/input/id_collisions.hpp"
#include "indexer/input/inputs.hpp"
#include "indexer/input/json_articles.hpp"
#include "indexer/input/records.hpp"

namespace herald {

// One shard's share of a sharded job: the articles whose id hashes to
// `index` (shard_of in shards.hpp). Every shard's job reads the same records.
struct ShardSlice {
    unsigned index = 0;
    unsigned count = 1;
};

// How a job writes: auto picks segments for an empty database, else direct.
enum class WriteStrategy { Auto, Segments, Direct };

struct BatchOptions {
    std::string database;
    std::vector<std::string> paths;  // files, directories, "-" for stdin
    std::optional<Format> format;
    IdPrefix id_prefix = IdPrefix::None;
    FieldMap fields;
    Language default_language{"en", "english"};
    std::vector<SynonymGroup> synonyms;
    std::vector<std::string> delete_ids;
    unsigned jobs = 1;
    // Records per batch: a bulk segment, or the direct writer's checkpoint interval.
    std::size_t batch_records = 0;         // 0: the mode's default
    std::uint64_t memory_limit_bytes = 0;  // 0: no limit beyond the batch size
    ReadLimits limits;
    bool reindex_unchanged = false;  // --force: read files even if unchanged since the last run
    // Continue an interrupted run of the same job (--no-resume: start over).
    // Either way a record is skipped only when the input proves that the
    // interrupted run committed it.
    bool resume = true;
    WriteStrategy strategy = WriteStrategy::Auto;
    // Sharded jobs: only this shard's articles are analysed and written, and
    // problems with the inputs themselves (bad records, unreadable files) are
    // reported by shard 0's job alone, so each is reported once.
    ShardSlice shard;
};

// Live counters, read by a progress display on another thread.
struct BatchProgress {
    std::atomic<std::uint64_t> records_read{0};
    std::atomic<std::uint64_t> articles_written{0};
    std::atomic<std::uint64_t> rejected{0};
    std::atomic<std::uint64_t> bytes_read{0};
    std::atomic<std::uint64_t> bytes_total{0};      // 0 when unknown (stdin)
    std::atomic<std::uint64_t> resumed_records{0};  // skipped: committed by an interrupted run
    std::atomic<std::uint64_t> id_collisions{0};    // known once the inputs are planned
    std::atomic<bool> merging{false};
};

struct BatchSummary {
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t skipped_files = 0;    // unchanged since the last run
    std::uint64_t resumed_records = 0;  // already committed by an interrupted run
    std::uint64_t rejected = 0;
    std::uint64_t warnings = 0;
    std::uint64_t id_collisions = 0;  // input files whose article another one replaced (IdCollision)
    std::uint64_t deleted = 0;
    std::uint64_t delete_not_found = 0;
    std::uint64_t documents = 0;  // in the database at the end
    double seconds = 0;
    std::uint64_t peak_memory_bytes = 0;
    bool bulk = false;
};

// Receives warnings and rejections from every thread (calls are serialised
// by the job, never concurrent).
class BatchReporter {
  public:
    virtual ~BatchReporter() = default;
    virtual void warn(const RecordOrigin& origin, const std::string& message) = 0;
    virtual void reject(const RecordOrigin& origin, const std::string& reason) = 0;
    virtual void note(const std::string& message) = 0;  // job-level events (resumed, merging)
    virtual void id_collision(const IdCollision& collision) = 0;
};

// Throws Xapian::DatabaseLockError when another writer holds the database,
// Xapian::Error or std::runtime_error when it cannot be opened or written.
BatchSummary run_batch_job(const BatchOptions& options, BatchReporter& reporter, BatchProgress& progress);

}  // namespace herald
