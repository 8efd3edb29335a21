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

// Hands records to `dispatch` in batches of `batch_size` consecutive records,
// numbered from 0 over the whole job. `dispatch` returns false when its
// consumers have stopped (a writer failed): the batcher then counts as
// stopped and drops whatever it is given, and read_all stops reading.
class RecordBatcher {
  public:
    struct Batch {
        std::uint64_t number = 0;
        std::uint64_t first_record = 0;
        std::vector<RawRecord> records;
        std::vector<std::pair<std::string, std::string>> finished_files;  // stamp key, stamp
    };
    using Dispatch = std::function<bool(Batch&&)>;

    RecordBatcher(std::size_t batch_size, Dispatch dispatch)
        : batch_size_(batch_size), dispatch_(std::move(dispatch)) {}

    void add(RawRecord&& record);
    // A file read to its end: recorded with the batch holding its last record.
    void finish_file(std::string stamp_key, std::string stamp);
    void finish();
    std::uint64_t records() const { return next_record_; }
    bool stopped() const { return stopped_; }

  private:
    void send();

    std::size_t batch_size_;
    Dispatch dispatch_;
    std::uint64_t next_record_ = 0;
    Batch current_;
    bool stopped_ = false;
};

// Reads every planned input (a file, or standard input) into `batcher`,
// updating the progress counters; problems go to `problems`. Stops at the
// first record after the batcher has stopped, so a failed writer does not
// leave the rest of the input to be read and decompressed for nothing.
void read_all(const JobPlan& plan, const BatchOptions& options, RecordBatcher& batcher, ReadProblems& problems,
              BatchProgress& progress);

}  // namespace herald
