#include "indexer/store/sharded_job.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "common/shards.hpp"
#include "indexer/store/memory_usage.hpp"

namespace herald {
namespace {

// The shards' jobs report from their own threads; the caller's reporter
// expects one caller at a time.
class SerialisedReporter : public BatchReporter {
  public:
    SerialisedReporter(BatchReporter& out, std::mutex& mutex, std::string shard)
        : out_(out), mutex_(mutex), shard_(std::move(shard)) {}
    void warn(const RecordOrigin& origin, const std::string& message) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        out_.warn(origin, message);
    }
    void reject(const RecordOrigin& origin, const std::string& reason) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        out_.reject(origin, reason);
    }
    void note(const std::string& message) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        out_.note(shard_ + ": " + message);
    }
    void id_collision(const IdCollision& collision) override {
        const std::lock_guard<std::mutex> lock(mutex_);
        out_.id_collision(collision);
    }

  private:
    BatchReporter& out_;
    std::mutex& mutex_;
    std::string shard_;
};

// Every shard reads the same records, so reading progress is the slowest
// shard's; articles written add up.
void add_up(const std::vector<BatchProgress>& shards, BatchProgress& total) {
    std::uint64_t read = UINT64_MAX, bytes = UINT64_MAX, resumed = UINT64_MAX, written = 0, rejected = 0,
                  collisions = 0;
    bool merging = false;
    for (const auto& shard : shards) {
        read = std::min(read, shard.records_read.load());
        bytes = std::min(bytes, shard.bytes_read.load());
        resumed = std::min(resumed, shard.resumed_records.load());
        written += shard.articles_written.load();
        rejected += shard.rejected.load();
        collisions += shard.id_collisions.load();  // shard 0 alone reports them
        merging = merging || shard.merging.load();
    }
    total.records_read = read;
    total.bytes_read = bytes;
    total.resumed_records = resumed;
    total.articles_written = written;
    total.rejected = rejected;
    total.id_collisions = collisions;
    total.bytes_total = shards.front().bytes_total.load();
    total.merging = merging;
}

BatchSummary add_up(const std::vector<BatchSummary>& shards) {
    BatchSummary total;
    total.skipped_files = shards.front().skipped_files;
    total.resumed_records = UINT64_MAX;
    for (const auto& shard : shards) {
        total.added += shard.added;
        total.replaced += shard.replaced;
        total.rejected += shard.rejected;
        total.warnings += shard.warnings;
        total.id_collisions += shard.id_collisions;
        total.deleted += shard.deleted;
        total.delete_not_found += shard.delete_not_found;
        total.documents += shard.documents;
        total.resumed_records = std::min(total.resumed_records, shard.resumed_records);
        total.seconds = std::max(total.seconds, shard.seconds);
        total.bulk = total.bulk || shard.bulk;
    }
    total.peak_memory_bytes = peak_resident_memory_bytes();
    return total;
}

std::string describe(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const Xapian::Error& error) {
        return error.get_description();
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "unknown error";
    }
}

// Every failed shard is reported, each by name: shards fail independently
// (one locked, another out of space), and fixing one should not hide the next.
void throw_if_any_failed(const std::vector<std::exception_ptr>& failures) {
    std::vector<std::string> reasons;
    for (unsigned i = 0; i < failures.size(); ++i) {
        if (failures[i]) reasons.push_back(fmt::format("{}: {}", shard_name(i), describe(failures[i])));
    }
    if (reasons.empty()) return;
    throw std::runtime_error(
        fmt::format("{} of {} shards failed: {}", reasons.size(), failures.size(), fmt::join(reasons, "; ")));
}

}  // namespace

BatchSummary run_sharded_batch_job(const BatchOptions& options, unsigned shard_count, BatchReporter& reporter,
                                   BatchProgress& progress) {
    if (std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end()) {
        throw std::invalid_argument("standard input cannot be split between shards; index files instead");
    }
    const std::filesystem::path directory(options.database);
    prepare_sharded_directory(directory, shard_count);

    std::vector<BatchOptions> shard_options(shard_count, options);
    for (unsigned i = 0; i < shard_count; ++i) {
        BatchOptions& mine = shard_options[i];
        mine.database = (directory / shard_name(i)).string();
        mine.shard = {i, shard_count};
        mine.jobs = std::max(1u, options.jobs / shard_count);
        mine.delete_ids.clear();
        for (const auto& id : options.delete_ids) {
            if (shard_of(id, shard_count) == i) mine.delete_ids.push_back(id);
        }
    }

    std::mutex report_mutex;
    std::vector<BatchProgress> shard_progress(shard_count);
    std::vector<BatchSummary> summaries(shard_count);
    std::vector<std::exception_ptr> failures(shard_count);
    std::atomic<unsigned> finished{0};
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < shard_count; ++i) {
        threads.emplace_back([&, i] {
            try {
                SerialisedReporter shard_reporter(reporter, report_mutex, shard_name(i));
                summaries[i] = run_batch_job(shard_options[i], shard_reporter, shard_progress[i]);
            } catch (...) {
                failures[i] = std::current_exception();
            }
            ++finished;
        });
    }
    // Keep the caller's progress current while the shards work.
    std::thread adder([&] {
        while (finished < shard_count) {
            add_up(shard_progress, progress);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    for (auto& thread : threads) thread.join();
    adder.join();
    add_up(shard_progress, progress);
    throw_if_any_failed(failures);
    return add_up(summaries);
}

}  // namespace herald
