// Reading and batching: every planned input framed into records, handed on
// in numbered batches of consecutive records (a bulk segment, or a chunk of
// the direct writer's work).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "indexer/input/records.hpp"
#include "indexer/store/batch_job.hpp"
#include "indexer/store/job_plan.hpp"

namespace herald {

// Where a resumed job continues: the records an interrupted run committed,
// and the digest of those records (extend_records_digest).
struct ResumePoint {
    std::uint64_t records = 0;
    std::uint64_t digest = kEmptyRecordsDigest;
};

// Hands records to `dispatch` in batches of `batch_size` consecutive records,
// numbered from 0 over the whole job. `dispatch` returns false when its
// consumers have stopped (a writer failed): the batcher then counts as
// stopped and drops whatever it is given, and read_all stops reading.
//
// Given a resume point, the batcher first passes over that many records
// without dispatching them, and dispatches nothing until their digest proves
// they are the records the interrupted run committed. When they are not (or
// the input ends before them) it stops with resume_refused() set: nothing of
// the input has reached `dispatch`.
class RecordBatcher {
  public:
    struct Batch {
        std::uint64_t number = 0;
        std::uint64_t first_record = 0;
        std::vector<RawRecord> records;
        std::uint64_t digest = kEmptyRecordsDigest;         // of this batch's records
        std::uint64_t prefix_digest = kEmptyRecordsDigest;  // of every record of the job up to this batch's end
        std::vector<std::pair<std::string, std::string>> finished_files;  // metadata key, value
    };
    using Dispatch = std::function<bool(Batch&&)>;

    RecordBatcher(std::size_t batch_size, Dispatch dispatch, ResumePoint resume = {})
        : batch_size_(batch_size), dispatch_(std::move(dispatch)), resume_(resume) {}

    void add(RawRecord&& record);
    // A file read to its end: a metadata entry (its stamp, the id it owns)
    // recorded with the batch holding its last record.
    void finish_file(std::string key, std::string value);
    void finish();
    std::uint64_t records() const { return next_record_; }
    bool stopped() const { return stopped_; }
    bool resume_refused() const { return resume_refused_; }
    // The digest of every record added so far.
    std::uint64_t prefix_digest() const { return prefix_digest_; }

  private:
    void send();
    void check_resume_point();

    std::size_t batch_size_;
    Dispatch dispatch_;
    ResumePoint resume_;
    std::uint64_t next_record_ = 0;
    std::uint64_t prefix_digest_ = kEmptyRecordsDigest;
    Batch current_;
    bool stopped_ = false;
    bool resume_refused_ = false;
};

// Reads every planned input (a file, or standard input) into `batcher`,
// updating the progress counters; problems go to `problems`. Stops at the
// first record after the batcher has stopped, so a failed writer does not
// leave the rest of the input to be read and decompressed for nothing.
void read_all(const JobPlan& plan, const BatchOptions& options, RecordBatcher& batcher, ReadProblems& problems,
              BatchProgress& progress);

}  // namespace herald
