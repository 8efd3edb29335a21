// The two ways a batch job writes (batch_job.hpp says when each is used):
// - bulk: a segment database per batch, written on every core, merged into
//   the empty target at the end (bulk_write.cpp);
// - direct: parallel analysis, one writer applying documents in input order
//   with checkpoints (direct_write.cpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>

#include "indexer/store/batch_job.hpp"
#include "indexer/store/index_writer.hpp"
#include "indexer/store/job_plan.hpp"
#include "indexer/store/shared_reporter.hpp"

namespace herald {

// What both write paths share from their job.
struct JobContext {
    const BatchOptions& options;
    SharedReporter& reporter;
    BatchProgress& progress;

    unsigned workers() const { return std::max(1u, options.jobs); }
};

// Measured on AllSides (bench/index_throughput.py): segments of 640 keep the
// final merge short; the direct writer commits into a large database, where
// each commit costs more, so it checkpoints less often.
inline constexpr std::size_t kDefaultBulkBatch = 640;
inline constexpr std::size_t kDefaultDirectBatch = 5000;

// Writes every planned record into segments and swaps their merge in for the
// empty `target` (which it closes).
void write_bulk(const JobContext& job, std::optional<IndexWriter>& target, const JobPlan& plan,
                std::size_t batch_records, BatchSummary& summary);

// Writes every planned record into `target` in input order, checkpointing
// every `batch_records` records and resuming an interrupted run of the job.
void write_direct(const JobContext& job, IndexWriter& target, const JobPlan& plan, std::size_t batch_records,
                  BatchSummary& summary);

}  // namespace herald
