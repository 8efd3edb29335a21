// Checkpoints of a batch job, kept in the database's metadata: the job's
// signature (its inputs and settings), how many records are committed, the
// digest of those records, and whether it finished. A re-run of the same job
// resumes from them once it has read the same records again.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "indexer/store/batch_job.hpp"
#include "indexer/store/record_batcher.hpp"

namespace herald {

// The settings that must match for a job to resume another's work: write
// path, batch size, language, format, field map and shard.
std::string settings_signature(const BatchOptions& options, std::size_t batch_records, bool bulk);

// `committed`: the records (from the job's first) whose articles the commit
// holds, and their digest.
void record_checkpoint(Xapian::WritableDatabase& database, const std::string& signature, const ResumePoint& committed,
                       bool complete);

// What an interrupted run of the job with `signature` committed: an empty
// ResumePoint when the database holds no such unfinished run, or when its
// checkpoint has no digest (an older Herald wrote it) to check records by.
ResumePoint interrupted_run(const Xapian::Database& database, const std::string& signature);

}  // namespace herald
