#include <fmt/format.h>

#include <exception>
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

// Reads, analyses and writes every planned record after `resume_from`;
// `checkpointed` follows the records the database's commits hold.
void write_records(const JobContext& job, IndexWriter& target, const JobPlan& plan, std::size_t batch_records,
                   std::uint64_t resume_from, std::uint64_t& checkpointed, BatchSummary& summary) {
    Xapian::WritableDatabase& database = target.database();
    job.progress.resumed_records.store(resume_from);
    target.add_synonyms(job.options.synonyms);

    DocumentWriter writer(target, job.reporter, job.progress, job.options.memory_limit_bytes);
    std::uint64_t next_checkpoint = batch_records;
    auto apply = [&](const RecordBatcher::Batch& chunk, const std::vector<AnalyzedDocument>& documents) {
        writer.write(documents);
        for (const auto& [key, stamp] : chunk.finished_files) database.set_metadata(key, stamp);
        const std::uint64_t done = chunk.first_record + chunk.records.size();
        // Not while passing over what a resumed job committed: the checkpoint
        // would go back, and a re-run on a disk still full would lose ground.
        if (done >= next_checkpoint && done > resume_from) {
            record_checkpoint(database, plan.signature, done, false);
            writer.flush();
            checkpointed = done;
            next_checkpoint = done + batch_records;
        }
    };
    // Chunks that lie wholly before the checkpoint are read, not indexed.
    auto resumed = [&](const RecordBatcher::Batch& chunk) {
        return chunk.first_record + chunk.records.size() <= resume_from;
    };

    std::uint64_t total_records = 0;
    if (job.workers() == 1) {
        // One thread reads, analyses and writes: the single-threaded baseline.
        Analyzer analyzer(job.options, job.reporter);
        RecordBatcher batcher(kDirectChunkRecords, [&](RecordBatcher::Batch&& chunk) {
            apply(chunk, resumed(chunk) ? std::vector<AnalyzedDocument>{}
                                        : analyzer.analyze_or_reject(chunk.records.begin(), chunk.records.end()));
            return true;  // a failed write throws out of read_all
        });
        read_all(plan, job.options, batcher, job.reporter, job.progress);
        total_records = batcher.records();
    } else {
        WorkQueue<std::pair<std::uint64_t, RecordBatcher::Batch>> queue(4 * job.workers());
        Handoff handoff(8 * job.workers());
        std::vector<std::thread> analysts;
        for (unsigned i = 0; i < job.workers(); ++i) {
            analysts.emplace_back([&] {
                Analyzer analyzer(job.options, job.reporter);
                while (auto item = queue.pop()) {
                    std::vector<AnalyzedDocument> documents;
                    if (!resumed(item->second))
                        documents =
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
        RecordBatcher batcher(kDirectChunkRecords, [&](RecordBatcher::Batch&& chunk) {
            if (!queue.push({sequence, std::move(chunk)})) return false;  // the writer failed
            ++sequence;
            return true;
        });
        read_all(plan, job.options, batcher, job.reporter, job.progress);
        total_records = batcher.records();
        queue.close();
        for (auto& thread : analysts) thread.join();
        handoff.finish(sequence);
        writer_thread.join();
        if (writer_error) std::rethrow_exception(writer_error);
    }
    record_checkpoint(database, plan.signature, std::max(total_records, resume_from), true);
    target.commit();
    summary.added = writer.counts().added;
    summary.replaced = writer.counts().replaced;
}

}  // namespace

void write_direct(const JobContext& job, IndexWriter& target, const JobPlan& plan, std::size_t batch_records,
                  BatchSummary& summary) {
    const std::uint64_t resume_from = committed_records(target.database(), plan.signature);
    if (resume_from > 0) {
        job.reporter.note(fmt::format("resuming an interrupted job: {} records already indexed", resume_from));
    }
    summary.resumed_records = resume_from;
    std::uint64_t checkpointed = resume_from;
    try {
        write_records(job, target, plan, batch_records, resume_from, checkpointed, summary);
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
