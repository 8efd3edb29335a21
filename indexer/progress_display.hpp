// What the indexer prints while a batch job runs: warnings and rejections,
// a live progress line on a terminal or JSON progress events for machines,
// and the summary at the end.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "indexer/store/batch_job.hpp"

namespace herald {

enum class ProgressMode { None, Terminal, Json };

class ProgressDisplay : public BatchReporter {
  public:
    // `quiet`: warnings and notes are not printed (rejections always are).
    // `interval`: between progress reports; zero for the mode's default.
    ProgressDisplay(const BatchProgress& progress, ProgressMode mode, bool quiet, std::chrono::milliseconds interval);
    // In Json mode, a display destroyed without finish() (the job failed)
    // prints a last progress event.
    ~ProgressDisplay() override;

    void warn(const RecordOrigin& origin, const std::string& message) override;
    void reject(const RecordOrigin& origin, const std::string& reason) override;
    void note(const std::string& message) override;
    void id_collision(const IdCollision& collision) override;

    // Stops the live line and prints the summary (text, and JSON in Json mode).
    void finish(const BatchSummary& summary, const std::string& database);

  private:
    void tick_until_stopped();
    void print_progress_locked();
    void clear_line_locked();
    void print_message(const std::string& text);

    const BatchProgress& progress_;
    ProgressMode mode_;
    bool quiet_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopped_ = false;
    bool line_shown_ = false;
    std::thread ticker_;
};

}  // namespace herald
