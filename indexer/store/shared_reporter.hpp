// One batch job's reports from every thread, serialised and counted, to the
// job's BatchReporter. Problems of the inputs themselves are reported by one
// job only when several jobs (shards) read the same inputs.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "indexer/input/reader.hpp"
#include "indexer/input/records.hpp"
#include "indexer/store/batch_job.hpp"

namespace herald {

class SharedReporter : public ArticleSink, public ReadProblems {
  public:
    // `reports_inputs`: false for all but one of the jobs reading the same inputs.
    SharedReporter(BatchReporter& out, BatchProgress& progress, bool reports_inputs)
        : out_(out), progress_(progress), reports_inputs_(reports_inputs) {}

    void accept(Article&&, const RecordOrigin&) override {}  // planning only reports problems
    // Problems of the inputs (reading, framing, parsing).
    void warn(const RecordOrigin& origin, const std::string& message) override;
    void reject(const RecordOrigin& origin, const std::string& reason) override;
    // Problems of an article this job indexes.
    void warn_article(const RecordOrigin& origin, const std::string& message);
    void reject_article(const RecordOrigin& origin, const std::string& reason);
    void note(const std::string& message);
    // A problem of the inputs, reported like warn().
    void id_collision(const IdCollision& collision);

    std::uint64_t warnings() const { return warnings_; }
    std::uint64_t id_collisions() const { return id_collisions_; }
    std::uint64_t rejected() const { return rejected_; }

  private:
    BatchReporter& out_;
    BatchProgress& progress_;
    bool reports_inputs_;
    std::mutex mutex_;
    std::uint64_t warnings_ = 0;
    std::uint64_t rejected_ = 0;
    std::uint64_t id_collisions_ = 0;
};

}  // namespace herald
