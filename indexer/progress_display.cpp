#include "indexer/progress_display.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace herald {
namespace {

using ordered_json = nlohmann::ordered_json;
constexpr double kMiB = 1024.0 * 1024.0;

std::string duration_text(double seconds) {
    const long whole = static_cast<long>(seconds + 0.5);
    if (whole >= 3600) return fmt::format("{}h{:02}m", whole / 3600, whole / 60 % 60);
    if (whole >= 60) return fmt::format("{}m{:02}s", whole / 60, whole % 60);
    return fmt::format("{}s", whole);
}

struct Rates {
    double elapsed = 0, articles_per_second = 0, mib_per_second = 0;
    double eta_seconds = -1;  // unknown
};

Rates rates_of(const BatchProgress& progress, double elapsed) {
    Rates rates;
    rates.elapsed = elapsed;
    if (elapsed <= 0) return rates;
    const double bytes = static_cast<double>(progress.bytes_read.load());
    rates.articles_per_second = static_cast<double>(progress.articles_written.load()) / elapsed;
    rates.mib_per_second = bytes / kMiB / elapsed;
    const double total = static_cast<double>(progress.bytes_total.load());
    if (total > 0 && bytes > 0) rates.eta_seconds = std::max(0.0, (total - bytes) * elapsed / bytes);
    return rates;
}

}  // namespace

ProgressDisplay::ProgressDisplay(const BatchProgress& progress, ProgressMode mode, bool quiet,
                                 std::chrono::milliseconds interval)
    : progress_(progress), mode_(mode), quiet_(quiet), interval_(interval) {
    if (interval_.count() <= 0) interval_ = std::chrono::milliseconds(mode_ == ProgressMode::Json ? 1000 : 250);
    if (mode_ != ProgressMode::None) ticker_ = std::thread([this] { tick_until_stopped(); });
}

ProgressDisplay::~ProgressDisplay() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        // Without finish() the job failed: a last JSON event shows how far it got.
        if (!stopped_ && mode_ == ProgressMode::Json) print_progress_locked();
        stopped_ = true;
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();
}

void ProgressDisplay::tick_until_stopped() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [&] { return stopped_; })) print_progress_locked();
}

void ProgressDisplay::print_progress_locked() {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const Rates rates = rates_of(progress_, elapsed);
    if (mode_ == ProgressMode::Json) {
        ordered_json event{{"event", "progress"},
                           {"elapsed_seconds", rates.elapsed},
                           {"records_read", progress_.records_read.load()},
                           {"articles_indexed", progress_.articles_written.load()},
                           {"rejected", progress_.rejected.load()},
                           {"resumed_records", progress_.resumed_records.load()},
                           {"id_collisions", progress_.id_collisions.load()},
                           {"bytes_read", progress_.bytes_read.load()},
                           {"bytes_total", progress_.bytes_total.load()},
                           {"articles_per_second", rates.articles_per_second},
                           {"mb_per_second", rates.mib_per_second},
                           {"eta_seconds", rates.eta_seconds < 0 ? ordered_json() : ordered_json(rates.eta_seconds)},
                           {"merging", progress_.merging.load()}};
        fmt::print(stderr, "{}\n", event.dump());
        std::fflush(stderr);
        return;
    }
    std::string line = fmt::format("herald-indexer: {} articles, {:.0f}/s, {:.1f} MB/s",
                                   progress_.articles_written.load(), rates.articles_per_second, rates.mib_per_second);
    const auto total = progress_.bytes_total.load();
    if (total > 0) line += fmt::format(", {:.0f}%", 100.0 * progress_.bytes_read.load() / total);
    if (rates.eta_seconds >= 0) line += ", ETA " + duration_text(rates.eta_seconds);
    if (const auto rejected = progress_.rejected.load()) line += fmt::format(", {} rejected", rejected);
    if (progress_.merging.load()) line += ", merging segments";
    fmt::print(stderr, "\r\033[K{}", line);
    std::fflush(stderr);
    line_shown_ = true;
}

void ProgressDisplay::clear_line_locked() {
    if (!line_shown_) return;
    fmt::print(stderr, "\r\033[K");
    line_shown_ = false;
}

void ProgressDisplay::print_message(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    clear_line_locked();
    fmt::print(stderr, "{}\n", text);
}

void ProgressDisplay::warn(const RecordOrigin& origin, const std::string& message) {
    if (!quiet_) print_message(fmt::format("herald-indexer: warning: {}: {}", describe(origin), message));
}

void ProgressDisplay::reject(const RecordOrigin& origin, const std::string& reason) {
    print_message(fmt::format("herald-indexer: rejected: {}: {}", describe(origin), reason));
}

void ProgressDisplay::note(const std::string& message) {
    if (!quiet_) print_message("herald-indexer: " + message);
}

void ProgressDisplay::id_collision(const IdCollision& collision) {
    if (!quiet_) {
        print_message(fmt::format("herald-indexer: warning: {} replaces {}: same id \"{}\"{}", collision.path,
                                  collision.replaced, collision.id,
                                  collision.replaced_earlier ? " (indexed by an earlier run)" : ""));
    }
}

void ProgressDisplay::finish(const BatchSummary& summary, const std::string& database) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopped_ = true;
        clear_line_locked();
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();

    const double rate = summary.seconds > 0 ? (summary.added + summary.replaced) / summary.seconds : 0;
    if (mode_ == ProgressMode::Json) {
        ordered_json event{{"event", "summary"},
                           {"added", summary.added},
                           {"replaced", summary.replaced},
                           {"skipped_files", summary.skipped_files},
                           {"resumed_records", summary.resumed_records},
                           {"rejected", summary.rejected},
                           {"warnings", summary.warnings},
                           {"id_collisions", summary.id_collisions},
                           {"deleted", summary.deleted},
                           {"delete_not_found", summary.delete_not_found},
                           {"documents", summary.documents},
                           {"seconds", summary.seconds},
                           {"articles_per_second", rate},
                           {"peak_memory_bytes", summary.peak_memory_bytes},
                           {"mode", summary.bulk ? "bulk" : "direct"},
                           {"database", database}};
        fmt::print(stderr, "{}\n", event.dump());
    }
    if (quiet_ && mode_ != ProgressMode::Json) return;
    std::string line = fmt::format("herald-indexer: {} added, {} replaced, {} skipped (unchanged files), {} rejected",
                                   summary.added, summary.replaced, summary.skipped_files, summary.rejected);
    if (summary.deleted || summary.delete_not_found) {
        line += fmt::format(", {} deleted", summary.deleted);
        if (summary.delete_not_found) line += fmt::format(" ({} ids not found)", summary.delete_not_found);
    }
    if (summary.id_collisions) {
        line += fmt::format(
            ", {} id collisions (files whose article another file with the same id replaced; "
            "--id-prefix dirname keeps them apart)",
            summary.id_collisions);
    }
    if (summary.resumed_records) line += fmt::format(", {} records resumed from a checkpoint", summary.resumed_records);
    line += fmt::format(", {} warnings in {:.1f} s ({:.0f} articles/s), peak memory {:.0f} MiB; {} documents in {}",
                        summary.warnings, summary.seconds, rate, summary.peak_memory_bytes / kMiB, summary.documents,
                        database);
    fmt::print(stderr, "{}\n", line);
}

}  // namespace herald
