// Checkpoints of a batch job, kept in the database's metadata: the job's
// signature (its inputs and settings), how many records are committed, and
// whether it finished. A re-run of the same job resumes from them.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "indexer/store/batch_job.hpp"

namespace herald {

// The settings that must match for a job to resume another's work: write
// path, batch size, language, format, field map and shard.
std::string settings_signature(const BatchOptions& options, std::size_t batch_records, bool bulk);

void record_checkpoint(Xapian::WritableDatabase& database, const std::string& signature, std::uint64_t records,
                       bool complete);

// Records already committed by an interrupted run of the job with
// `signature` (0 when the database holds no such unfinished run).
std::uint64_t committed_records(const Xapian::Database& database, const std::string& signature);

}  // namespace herald
