// A batch job over a sharded directory (shards.hpp): one run_batch_job per
// shard, all in parallel, each reading every input and indexing only its own
// articles. Each shard keeps its own checkpoints, so a killed sharded job
// resumes shard by shard.
#pragma once

#include "indexer/store/batch_job.hpp"

namespace herald {

// `options.database` is the sharded directory (created with its stub when
// new); `options.jobs` worker threads are shared out among the shards (at
// least one each). Standard input cannot be split between shards: throws
// std::invalid_argument. Progress and the summary add up all shards.
BatchSummary run_sharded_batch_job(const BatchOptions& options, unsigned shard_count, BatchReporter& reporter,
                                   BatchProgress& progress);

}  // namespace herald
