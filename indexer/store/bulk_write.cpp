#include <fcntl.h>  // AT_FDCWD
#include <fmt/format.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc 2.28, _GNU_SOURCE)

#include <atomic>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "indexer/store/analysis_worker.hpp"
#include "indexer/store/checkpoint.hpp"
#include "indexer/store/disk_full.hpp"
#include "indexer/store/document_writer.hpp"
#include "indexer/store/record_batcher.hpp"
#include "indexer/store/segment_store.hpp"
#include "indexer/store/work_queue.hpp"
#include "indexer/store/write_paths.hpp"

namespace herald {
namespace fs = std::filesystem;
namespace {

// Measured on AllSides (bench/index_throughput.py): Xapian's buffered changes
// are balanced trees that outgrow the CPU caches within a few hundred
// articles, so a segment flushes every 64 articles (unsynced; the finished
// segment is synced once).
constexpr std::size_t kSegmentFlushDocuments = 64;

fs::path staging_path_for(const std::string& database) {
    fs::path path = fs::path(database).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path.parent_path() / (path.filename().string() + ".staging");
}

// Swaps the names of two directories in one step (renameat2 RENAME_EXCHANGE),
// so each name refers to a directory at every moment. False when the file
// system or kernel cannot; throws for other errors.
bool exchange_directories(const fs::path& first, const fs::path& second) {
    if (::renameat2(AT_FDCWD, first.c_str(), AT_FDCWD, second.c_str(), RENAME_EXCHANGE) == 0) return true;
    const int error = errno;
    if (error == EINVAL || error == ENOSYS) return false;
    throw std::system_error(error, std::generic_category(),
                            fmt::format("cannot swap {} and {}", first.string(), second.string()));
}

// One batch into a fresh segment database.
WriteCounts write_segment(const JobContext& job, const fs::path& path, Analyzer& analyzer,
                          const RecordBatcher::Batch& batch) {
    IndexWriter segment(path.string(), job.options.default_language, IndexWriter::OpenMode::Scratch);
    segment.declare_keywords(job.options.fields.keywords());
    // No memory limit: a segment commits every kSegmentFlushDocuments, before
    // the guard's kMinDocumentsPerMemoryCommit, so the flush bounds memory.
    static_assert(kSegmentFlushDocuments < kMinDocumentsPerMemoryCommit);
    DocumentWriter writer(segment, job.reporter, job.progress, /*memory_limit=*/0, kSegmentFlushDocuments);
    // Analysed a flush at a time, so memory follows the flush, not the segment.
    for (std::size_t start = 0; start < batch.records.size(); start += kSegmentFlushDocuments) {
        const auto first = batch.records.begin() + static_cast<std::ptrdiff_t>(start);
        const auto last = batch.records.begin() +
                          static_cast<std::ptrdiff_t>(std::min(batch.records.size(), start + kSegmentFlushDocuments));
        writer.write(analyzer.analyze_or_reject(first, last));
    }
    writer.flush();
    return writer.counts();
}

SegmentContent content_of(const RecordBatcher::Batch& batch) {
    return {batch.first_record, batch.records.size(), batch.digest};
}

std::string segments_phrase(std::size_t count, const char* adjective) {
    return fmt::format("{} {}segment{}", count, adjective, count == 1 ? "" : "s");
}

// How to recover from a failure that left `segments` finished: the target is
// untouched and a re-run resumes from them.
std::string resume_advice(const SegmentStore& segments) {
    const std::size_t count = segments.finished_batches().size();
    if (count == 0) return "The database is still empty: free some space and run the same command again.";
    return fmt::format(
        "The database is still empty; {} keeps {} ({:.1f} MiB): free some space and run the same command again to "
        "resume from them, or delete that folder to give their space back and start over.",
        segments.directory().string(), segments_phrase(count, "finished "),
        double(segments.finished_bytes()) / (1 << 20));
}

// Merges the finished segments, with the job's metadata first, into
// `merged`; returns the number of superseded copies removed.
std::uint64_t merge_segments(const JobContext& job, SegmentStore& segments, const JobPlan& plan,
                             const std::vector<std::pair<std::string, std::string>>& finished_files,
                             const ResumePoint& records, const fs::path& merged) {
    const std::uint64_t superseded = segments.remove_superseded_copies();
    // Metadata (and synonyms) travel in a small database merged first.
    const fs::path metadata_path = segments.directory() / "metadata";
    {
        IndexWriter metadata(metadata_path.string(), job.options.default_language, IndexWriter::OpenMode::Overwrite);
        metadata.declare_keywords(job.options.fields.keywords());
        metadata.add_synonyms(job.options.synonyms);
        for (const auto& [key, stamp] : finished_files) metadata.database().set_metadata(key, stamp);
        record_checkpoint(metadata.database(), plan.signature, records, true);
        metadata.commit();
    }
    fs::remove_all(merged);
    segments.merge_into(merged, metadata_path);
    return superseded;
}

}  // namespace

void write_bulk(const JobContext& job, std::optional<IndexWriter>& target, const JobPlan& plan,
                std::size_t batch_records, BatchSummary& summary) {
    const fs::path staging = staging_path_for(job.options.database);
    SegmentStore segments(staging, plan.signature);
    if (!job.options.resume) segments.discard_all_but({});
    // Batches an interrupted run finished (workers add to the store's set
    // while the reader consults this).
    const std::set<std::uint64_t> finished_before = segments.finished_batches();
    if (!finished_before.empty()) {
        job.reporter.note(fmt::format(
            "resuming an interrupted job: {} finished segments in {} (each reused once its records are read again "
            "and found unchanged)",
            finished_before.size(), staging.string()));
    }
    std::set<std::uint64_t> batches_read;  // by the reader: the segments the merge may take

    std::vector<std::pair<std::string, std::string>> finished_files;
    std::uint64_t rewritten_segments = 0;
    std::atomic<std::uint64_t> replaced{0};
    std::mutex error_mutex;
    std::exception_ptr worker_error;  // the first failure, under error_mutex
    WorkQueue<RecordBatcher::Batch> queue(job.workers() + 1);
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < job.workers(); ++i) {
        threads.emplace_back([&] {
            Analyzer analyzer(job.options, job.reporter);
            while (auto batch = queue.pop()) {
                try {
                    const auto counts = write_segment(job, segments.segment_path(batch->number), analyzer, *batch);
                    replaced += counts.replaced;
                    segments.mark_finished(batch->number, content_of(*batch));
                } catch (...) {
                    const std::lock_guard<std::mutex> lock(error_mutex);
                    if (!worker_error) worker_error = std::current_exception();
                    queue.close();  // the reader stops at its next batch
                }
            }
        });
    }
    RecordBatcher batcher(batch_records, [&](RecordBatcher::Batch&& batch) {
        for (auto& file : batch.finished_files) finished_files.push_back(std::move(file));
        if (batch.records.empty()) return true;
        batches_read.insert(batch.number);
        if (finished_before.count(batch.number)) {
            if (segments.holds(batch.number, content_of(batch))) {
                summary.resumed_records += batch.records.size();
                job.progress.resumed_records.store(summary.resumed_records);
                job.progress.articles_written.fetch_add(batch.records.size(), std::memory_order_relaxed);
                return true;
            }
            // Written from other records (the input changed since): written again.
            segments.discard(batch.number);
            ++rewritten_segments;
        }
        return queue.push(std::move(batch));  // false once a worker failed: stop reading
    });
    // Reading runs here while workers write.
    read_all(plan, job.options, batcher, job.reporter, job.progress);
    queue.close();
    for (auto& thread : threads) thread.join();
    if (rewritten_segments > 0) {
        job.reporter.note(
            fmt::format("{} of the interrupted job's finished segments held other records than the "
                        "input now has; they were written again",
                        rewritten_segments));
    }
    if (worker_error) {
        segments.discard_unfinished();
        rethrow_explaining_disk_full(worker_error, job.options.database,
                                     fmt::format("writing segments in {}", staging.string()), resume_advice(segments));
    }

    // Segments of batches beyond this input's end (an interrupted run read a
    // longer input) hold no record of this job.
    if (!worker_error) segments.discard_all_but(batches_read);
    job.progress.merging.store(true);
    const fs::path merged = staging / "merged";
    try {
        summary.replaced = replaced + merge_segments(job, segments, plan, finished_files,
                                                     {batcher.records(), batcher.prefix_digest()}, merged);
    } catch (...) {
        segments.discard_unfinished();  // the partial merge: its space is what the re-run needs
        rethrow_explaining_disk_full(
            std::current_exception(), job.options.database,
            fmt::format("merging {} into it", segments_phrase(segments.finished_batches().size(), "")),
            resume_advice(segments) + " The merge needs free space for a compacted copy of the segments.");
    }
    summary.added = Xapian::Database(merged.string()).get_doccount();

    // Swap the merged database in for the empty target. A crash before the
    // swap leaves the finished segments, so a re-run merges again.
    target->database().commit();  // nothing may be pending once its directory moves
    if (exchange_directories(merged, job.options.database)) {
        // The write lock (the flintlock of the old, empty directory) was held
        // until the merge took its place; now the old one is at `merged`.
        target.reset();
    } else {
        // No RENAME_EXCHANGE on this file system: the lock goes before the
        // swap, so another writer could open (or, after the removal, create)
        // the database until the rename; the rename then fails, or that
        // writer's changes are lost.
        target.reset();
        fs::remove_all(job.options.database);
        fs::rename(merged, job.options.database);
    }
    segments.remove_all();
}

}  // namespace herald
