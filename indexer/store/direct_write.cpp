#include <fmt/format.h>

#include <exception>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "indexer/store/analysis_worker.hpp"
#include "indexer/store/checkpoint.hpp"
#include "indexer/store/disk_full.hpp"
#include "indexer/store/document_writer.hpp"
#include "indexer/store/in_order_handoff.hpp"
#include "indexer/store/record_batcher.hpp"
#include "indexer/store/work_queue.hpp"
#include "indexer/store/write_paths.hpp"

namespace herald {
namespace {

constexpr std::size_t kDirectChunkRecords = 64;  // unit of work for parallel analysis

using Handoff = InOrderHandoff<std::pair<RecordBatcher::Batch, std::vector<AnalyzedDocument>>>;

// The records read again after an interrupted run are not the ones it
// committed (write_records wrote nothing).
struct ResumeRefused {};

// Reads, analyses and writes every planned record after `resume`, which
// the records read first must prove (else ResumeRefused); `checkpointed`
// follows the records the database's commits hold.
void write_records(const JobContext& job, IndexWriter& target, const JobPlan& plan, std::size_t batch_records,
                   const ResumePoint& resume, std::uint64_t& checkpointed, BatchSummary& summary) {
    Xapian::WritableDatabase& database = target.database();
    const std::uint64_t resume_from = resume.records;
    target.add_synonyms(job.options.synonyms);

    DocumentWriter writer(target, job.reporter, job.progress, job.options.memory_limit_bytes);
    std::uint64_t next_checkpoint = resume_from + batch_records;  // every --batch-size records from where it starts
    auto apply = [&](const RecordBatcher::Batch& chunk, const std::vector<AnalyzedDocument>& documents) {
        writer.write(documents);
        for (const auto& [key, stamp] : chunk.finished_files) database.set_metadata(key, stamp);
        const std::uint64_t done = chunk.first_record + chunk.records.size();
        // Not while passing over what a resumed job committed: the checkpoint
        // would go back, and a re-run on a disk still full would lose ground.
        if (done >= next_checkpoint && done > resume_from) {
            record_checkpoint(database, plan.signature, {done, chunk.prefix_digest}, false);
            writer.flush();
            checkpointed = done;
            next_checkpoint = done + batch_records;
        }
    };

    std::uint64_t total_records = 0;
    std::uint64_t final_digest = kEmptyRecordsDigest;
    if (job.workers() == 1) {
        // One thread reads, analyses and writes: the single-threaded baseline.
        Analyzer analyzer(job.options, job.reporter);
        RecordBatcher batcher(
            kDirectChunkRecords,
            [&](RecordBatcher::Batch&& chunk) {
                apply(chunk, analyzer.analyze_or_reject(chunk.records.begin(), chunk.records.end()));
                return true;  // a failed write throws out of read_all
            },
            resume);
        read_all(plan, job.options, batcher, job.reporter, job.progress);
        if (batcher.resume_refused()) throw ResumeRefused{};
        total_records = batcher.records();
        final_digest = batcher.prefix_digest();
    } else {
        WorkQueue<std::pair<std::uint64_t, RecordBatcher::Batch>> queue(4 * job.workers());
        Handoff handoff(8 * job.workers());
        std::vector<std::thread> analysts;
        for (unsigned i = 0; i < job.workers(); ++i) {
            analysts.emplace_back([&] {
                Analyzer analyzer(job.options, job.reporter);
                while (auto item = queue.pop()) {
                    auto documents =
                        analyzer.analyze_or_reject(item->second.records.begin(), item->second.records.end());
                    handoff.put(item->first, {std::move(item->second), std::move(documents)});
                }
            });
        }
        std::exception_ptr writer_error;
        std::thread writer_thread([&] {
            try {
                while (auto item = handoff.take()) apply(item->first, item->second);
            } catch (...) {
                writer_error = std::current_exception();
                queue.close();
                handoff.abort();
            }
        });
        std::uint64_t sequence = 0;
        RecordBatcher batcher(
            kDirectChunkRecords,
            [&](RecordBatcher::Batch&& chunk) {
                if (!queue.push({sequence, std::move(chunk)})) return false;  // the writer failed
                ++sequence;
                return true;
            },
            resume);
        read_all(plan, job.options, batcher, job.reporter, job.progress);
        total_records = batcher.records();
        final_digest = batcher.prefix_digest();
        queue.close();
        for (auto& thread : analysts) thread.join();
        handoff.finish(sequence);
        writer_thread.join();
        if (writer_error) std::rethrow_exception(writer_error);
        if (batcher.resume_refused()) throw ResumeRefused{};
    }
    record_checkpoint(database, plan.signature, {total_records, final_digest}, true);
    target.commit();
    summary.added = writer.counts().added;
    summary.replaced = writer.counts().replaced;
}

}  // namespace

void write_direct(const JobContext& job, IndexWriter& target, const JobPlan& plan, std::size_t batch_records,
                  BatchSummary& summary) {
    ResumePoint resume = job.options.resume ? interrupted_run(target.database(), plan.signature) : ResumePoint{};
    std::uint64_t checkpointed = resume.records;
    try {
        try {
            if (resume.records > 0) {
                job.reporter.note(
                    fmt::format("resuming an interrupted job: {} records already indexed (skipped once read again and "
                                "found unchanged)",
                                resume.records));
            }
            job.progress.resumed_records.store(resume.records);
            summary.resumed_records = resume.records;
            write_records(job, target, plan, batch_records, resume, checkpointed, summary);
        } catch (const ResumeRefused&) {
            if (plan.reads_stdin) {
                throw std::runtime_error(fmt::format(
                    "standard input is not the input of the interrupted job this command would resume: its first {} "
                    "records are not the ones that job committed, so none can be skipped. Nothing was written. To "
                    "index this input in full, send it again with --no-resume.",
                    resume.records));
            }
            job.reporter.note(fmt::format(
                "not resuming: the inputs' first {} records are not the ones the interrupted job committed (a file "
                "changed in place); starting over from the first record",
                resume.records));
            job.progress.records_read.store(0);
            job.progress.bytes_read.store(0);
            job.progress.resumed_records.store(0);
            summary.resumed_records = 0;
            checkpointed = 0;
            write_records(job, target, plan, batch_records, ResumePoint{}, checkpointed, summary);
        }
    } catch (...) {
        // A failed commit leaves the database at its previous one (Xapian
        // drops the changes), whose checkpoint says where a re-run resumes.
        rethrow_explaining_disk_full(
            std::current_exception(), job.options.database, "writing it",
            checkpointed > 0
                ? fmt::format("It keeps its last commit, which holds this job's first {} records: free some space and "
                              "run the same command again to resume after them.",
                              checkpointed)
                : std::string("It keeps its last commit, before this job's checkpoints: free some space and run the "
                              "same command again."));
    }
}

}  // namespace herald
