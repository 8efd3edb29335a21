#include "herald/batch_job.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "herald/document_builder.hpp"
#include "herald/index_writer.hpp"
#include "herald/job_plan.hpp"
#include "herald/memory_usage.hpp"
#include "herald/schema.hpp"
#include "herald/segment_store.hpp"
#include "herald/shards.hpp"
#include "herald/work_queue.hpp"

namespace herald {
namespace fs = std::filesystem;
namespace {

// Measured on AllSides (bench/index_throughput.py): Xapian's buffered changes
// are balanced trees that outgrow the CPU caches within a few hundred
// articles, so a segment flushes every 64 articles (unsynced; the finished
// segment is synced once); segments of 640 keep the final merge short. The
// direct writer commits into a large database, where each commit costs more,
// so it checkpoints less often.
constexpr std::size_t kDefaultBulkBatch = 640;
constexpr std::size_t kSegmentFlushDocuments = 64;
constexpr std::size_t kDefaultDirectBatch = 5000;
constexpr std::size_t kDirectChunkRecords = 64;  // unit of work for parallel analysis
constexpr std::size_t kMemoryCheckInterval = 32;
constexpr std::size_t kMinDocumentsPerMemoryCommit = 100;

// Serialises reports from every thread and counts them.
class SharedReporter : public ArticleSink, public ReadProblems {
  public:
    // `reports_inputs`: false for all but one of the jobs reading the same inputs.
    SharedReporter(BatchReporter& out, BatchProgress& progress, bool reports_inputs)
        : out_(out), progress_(progress), reports_inputs_(reports_inputs) {}

    void accept(Article&&, const RecordOrigin&) override {}  // planning only reports problems
    // Problems of the inputs (reading, framing, parsing).
    void warn(const RecordOrigin& origin, const std::string& message) override {
        if (reports_inputs_) warn_article(origin, message);
    }
    void reject(const RecordOrigin& origin, const std::string& reason) override {
        if (reports_inputs_) reject_article(origin, reason);
    }
    // Problems of an article this job indexes.
    void warn_article(const RecordOrigin& origin, const std::string& message) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++warnings_;
        out_.warn(origin, message);
    }
    void reject_article(const RecordOrigin& origin, const std::string& reason) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++rejected_;
        progress_.rejected.store(rejected_, std::memory_order_relaxed);
        out_.reject(origin, reason);
    }
    void note(const std::string& message) {
        std::lock_guard<std::mutex> lock(mutex_);
        out_.note(message);
    }
    std::uint64_t warnings() const { return warnings_; }
    std::uint64_t rejected() const { return rejected_; }

  private:
    BatchReporter& out_;
    BatchProgress& progress_;
    bool reports_inputs_;
    std::mutex mutex_;
    std::uint64_t warnings_ = 0;
    std::uint64_t rejected_ = 0;
};

struct AnalyzedDocument {
    BuiltDocument built;
    RecordOrigin origin;
};

// Parsing and analysis for one worker thread (its own stemmers and term generator).
class Analyzer : private ArticleSink {
  public:
    Analyzer(const BatchOptions& options, SharedReporter& reporter)
        : fields_(options.fields), shard_(options.shard), reporter_(reporter), builder_(options.default_language) {}

    using Records = std::vector<RawRecord>::const_iterator;
    // Documents in input order; rejected records are reported, not returned.
    std::vector<AnalyzedDocument> analyze(Records first, Records last) {
        std::vector<AnalyzedDocument> documents;
        documents.reserve(static_cast<std::size_t>(last - first));
        output_ = &documents;
        for (auto record = first; record != last; ++record) parse_record(*record, fields_, *this);
        output_ = nullptr;
        return documents;
    }

  private:
    void accept(Article&& article, const RecordOrigin& origin) override {
        if (shard_.count > 1 && shard_of(article.id, shard_.count) != shard_.index) return;  // another shard's
        std::vector<std::string> warnings;
        output_->push_back({build_document(builder_, article, warnings), origin});
        for (const auto& warning : warnings) reporter_.warn_article(origin, warning);
    }
    void warn(const RecordOrigin& origin, const std::string& message) override { reporter_.warn(origin, message); }
    void reject(const RecordOrigin& origin, const std::string& reason) override { reporter_.reject(origin, reason); }

    const FieldMap& fields_;
    ShardSlice shard_;
    SharedReporter& reporter_;
    DocumentBuilder builder_;
    std::vector<AnalyzedDocument>* output_ = nullptr;
};

// Commits early when the process outgrows --memory (Xapian buffers every
// change since the last commit).
class MemoryGuard {
  public:
    explicit MemoryGuard(std::uint64_t limit_bytes) : limit_(limit_bytes) {}

    bool over_limit(std::size_t documents_since_commit) const {
        if (limit_ == 0 || documents_since_commit < kMinDocumentsPerMemoryCommit) return false;
        if (documents_since_commit % kMemoryCheckInterval != 0) return false;
        return resident_memory_bytes() > limit_;
    }

  private:
    std::uint64_t limit_;
};

struct WriteCounts {
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
};

// Writes analysed documents; a document Xapian refuses is rejected alone.
class DocumentWriter {
  public:
    // `flush_every`: documents Xapian buffers before a commit (0: only on
    // flush() and the memory limit).
    DocumentWriter(IndexWriter& writer, SharedReporter& reporter, BatchProgress& progress, std::uint64_t memory_limit,
                   std::size_t flush_every = 0)
        : writer_(writer), reporter_(reporter), progress_(progress), memory_(memory_limit), flush_every_(flush_every) {}

    void write(const std::vector<AnalyzedDocument>& documents) {
        for (const auto& document : documents) {
            try {
                const auto outcome = writer_.upsert(document.built);
                ++(outcome == IndexWriter::Outcome::Added ? counts_.added : counts_.replaced);
                progress_.articles_written.fetch_add(1, std::memory_order_relaxed);
            } catch (const Xapian::InvalidArgumentError& error) {
                reporter_.reject_article(document.origin, "cannot index: " + error.get_msg());
                continue;
            }
            ++since_commit_;
            if (flush_every_ != 0 && since_commit_ >= flush_every_) {
                commit();  // the next flush reuses the memory: no point handing it back
            } else if (memory_.over_limit(since_commit_)) {
                flush();
            }
        }
    }

    // Commits and returns the freed memory to the system.
    void flush() {
        commit();
        release_free_memory();
    }

    const WriteCounts& counts() const { return counts_; }

  private:
    void commit() {
        writer_.commit();
        since_commit_ = 0;
    }

    IndexWriter& writer_;
    SharedReporter& reporter_;
    BatchProgress& progress_;
    MemoryGuard memory_;
    std::size_t flush_every_;
    std::size_t since_commit_ = 0;
    WriteCounts counts_;
};

// Hands records to `dispatch` in batches of `batch_size` consecutive records,
// numbered from 0 over the whole job. Records before `skip_records` are read
// but not dispatched (already committed by an interrupted run).
class RecordBatcher {
  public:
    struct Batch {
        std::uint64_t number = 0;
        std::uint64_t first_record = 0;
        std::vector<RawRecord> records;
        std::vector<std::pair<std::string, std::string>> finished_files;  // stamp key, stamp
    };
    using Dispatch = std::function<void(Batch&&)>;

    RecordBatcher(std::size_t batch_size, Dispatch dispatch)
        : batch_size_(batch_size), dispatch_(std::move(dispatch)) {}

    void add(RawRecord&& record) {
        if (current_.records.empty()) {
            current_.number = next_record_ / batch_size_;
            current_.first_record = next_record_;
        }
        ++next_record_;
        current_.records.push_back(std::move(record));
        if (next_record_ % batch_size_ == 0) send();
    }
    // A file read to its end: recorded with the batch holding its last record.
    void finish_file(std::string stamp_key, std::string stamp) {
        current_.finished_files.emplace_back(std::move(stamp_key), std::move(stamp));
    }
    void finish() {
        if (!current_.records.empty() || !current_.finished_files.empty()) send();
    }
    std::uint64_t records() const { return next_record_; }

  private:
    void send() {
        if (current_.records.empty()) current_.number = next_record_ / batch_size_;
        dispatch_(std::move(current_));
        current_ = Batch{};
    }

    std::size_t batch_size_;
    Dispatch dispatch_;
    std::uint64_t next_record_ = 0;
    Batch current_;
};

std::string settings_signature(const BatchOptions& options, std::size_t batch_records, bool bulk) {
    std::string settings = fmt::format("herald-job-1 {} {} {} {}", bulk ? "bulk" : "direct", batch_records,
                                       options.default_language.code, options.format ? int(*options.format) : -1);
    for (const auto& field : FieldMap::fields()) settings += " " + field + "=" + options.fields.dataset_name(field);
    if (options.shard.count > 1) settings += fmt::format(" shard={}/{}", options.shard.index, options.shard.count);
    return settings;
}

// Reads every planned input into `batcher`, updating the progress counters.
void read_all(const JobPlan& plan, const BatchOptions& options, RecordBatcher& batcher, SharedReporter& reporter,
              BatchProgress& progress) {
    std::uint64_t bytes_before = 0;
    for (const auto& input : plan.inputs) {
        std::uint64_t bytes = 0;
        auto on_record = [&](RawRecord&& record) {
            progress.records_read.fetch_add(1, std::memory_order_relaxed);
            progress.bytes_read.store(bytes_before + bytes, std::memory_order_relaxed);
            batcher.add(std::move(record));
        };
        if (input.file) {
            read_records(*input.file, options.limits, on_record, reporter, &bytes);
            batcher.finish_file(input.stamp_key, input.stamp);
        } else {
            read_record_stream(std::cin, "<stdin>", options.format, options.limits, on_record, reporter, &bytes);
        }
        bytes_before += bytes;
        progress.bytes_read.store(bytes_before, std::memory_order_relaxed);
    }
    batcher.finish();
}

void record_checkpoint(Xapian::WritableDatabase& database, const std::string& signature, std::uint64_t records,
                       bool complete) {
    database.set_metadata(std::string(schema::kJobSignatureKey), signature);
    database.set_metadata(std::string(schema::kJobRecordsKey), std::to_string(records));
    database.set_metadata(std::string(schema::kJobStateKey), complete ? "complete" : "running");
    database.set_metadata(std::string(schema::kJobUpdatedKey), std::to_string(std::time(nullptr)));
}

// Keeps the direct writer applying chunks in input order whatever order the
// analysis workers finish them in; a worker waits when it runs too far ahead.
class InOrderHandoff {
  public:
    using Item = std::pair<RecordBatcher::Batch, std::vector<AnalyzedDocument>>;
    explicit InOrderHandoff(std::size_t window) : window_(window) {}

    void put(std::uint64_t sequence, Item item) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return aborted_ || sequence < next_ + window_; });
        if (aborted_) return;
        items_.emplace(sequence, std::move(item));
        changed_.notify_all();
    }
    // The next item in sequence; nullopt after finish(total) once all are taken.
    std::optional<Item> take() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return (total_ && next_ == *total_) || items_.count(next_); });
        if (total_ && next_ == *total_) return std::nullopt;
        auto node = items_.extract(next_++);
        changed_.notify_all();
        return std::move(node.mapped());
    }
    void finish(std::uint64_t total) {
        std::lock_guard<std::mutex> lock(mutex_);
        total_ = total;
        changed_.notify_all();
    }
    // The consumer failed: producers stop waiting for room.
    void abort() {
        std::lock_guard<std::mutex> lock(mutex_);
        aborted_ = true;
        changed_.notify_all();
    }

  private:
    std::size_t window_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::uint64_t, Item> items_;
    std::uint64_t next_ = 0;
    std::optional<std::uint64_t> total_;
    bool aborted_ = false;
};

fs::path staging_path_for(const std::string& database) {
    fs::path path = fs::path(database).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path.parent_path() / (path.filename().string() + ".staging");
}

class BatchJob {
  public:
    BatchJob(const BatchOptions& options, BatchReporter& out, BatchProgress& progress)
        : options_(options), progress_(progress), reporter_(out, progress, options.shard.index == 0) {}

    BatchSummary run() {
        const auto start = std::chrono::steady_clock::now();
        BatchSummary summary;
        {
            // Holds the write lock for the whole job.
            std::optional<IndexWriter> target(std::in_place, options_.database, options_.default_language);
            delete_requested(*target, summary);
            const bool empty = is_empty(target->database());
            if (options_.strategy == WriteStrategy::Segments && !empty)
                throw std::runtime_error("--strategy segments needs an empty database (it replaces it when done)");
            summary.bulk = options_.strategy == WriteStrategy::Segments ||
                           (options_.strategy == WriteStrategy::Auto && !options_.paths.empty() && empty);
            const std::size_t batch_records = options_.batch_records
                                                  ? options_.batch_records
                                                  : (summary.bulk ? kDefaultBulkBatch : kDefaultDirectBatch);
            const JobPlan plan =
                plan_job(options_.paths, options_.format, target->database(), options_.reindex_unchanged,
                         settings_signature(options_, batch_records, summary.bulk), reporter_);
            summary.skipped_files = plan.skipped_files;
            progress_.bytes_total.store(plan.total_bytes);
            if (summary.bulk) {
                run_bulk(target, plan, batch_records, summary);
            } else {
                run_direct(*target, plan, batch_records, summary);
            }
        }
        summary.rejected = reporter_.rejected();
        summary.warnings = reporter_.warnings();
        summary.documents = Xapian::Database(options_.database).get_doccount();
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        summary.peak_memory_bytes = peak_resident_memory_bytes();
        return summary;
    }

  private:
    // Bulk mode replaces the target wholesale, so only when it holds nothing:
    // no articles, no synonyms, and no files of anyone else in its folder.
    bool is_empty(const Xapian::Database& database) const {
        if (database.get_doccount() != 0 || database.synonym_keys_begin() != database.synonym_keys_end()) return false;
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(options_.database, error)) {
            const fs::path& name = entry.path().filename();
            if (name != "iamglass" && name != "flintlock" && name.extension() != ".glass") return false;
        }
        return !error;
    }

    void delete_requested(IndexWriter& target, BatchSummary& summary) {
        if (options_.delete_ids.empty()) return;
        for (const auto& id : options_.delete_ids) {
            ++(target.remove(id) ? summary.deleted : summary.delete_not_found);
        }
        target.commit();
    }

    unsigned workers() const { return std::max(1u, options_.jobs); }

    // An unexpected failure analysing a chunk rejects its records, not the job.
    std::vector<AnalyzedDocument> analyze_guarded(Analyzer& analyzer, Analyzer::Records first, Analyzer::Records last) {
        try {
            return analyzer.analyze(first, last);
        } catch (const std::exception& error) {
            for (auto record = first; record != last; ++record) reporter_.reject_article(record->origin, error.what());
        } catch (const Xapian::Error& error) {
            for (auto record = first; record != last; ++record) {
                reporter_.reject_article(record->origin, error.get_description());
            }
        }
        return {};
    }
    std::vector<AnalyzedDocument> analyze_guarded(Analyzer& analyzer, const RecordBatcher::Batch& chunk) {
        return analyze_guarded(analyzer, chunk.records.begin(), chunk.records.end());
    }

    // --- direct: parallel analysis, one writer in input order -------------
    void run_direct(IndexWriter& target, const JobPlan& plan, std::size_t batch_records, BatchSummary& summary) {
        Xapian::WritableDatabase& database = target.database();
        std::uint64_t resume_from = 0;
        if (database.get_metadata(std::string(schema::kJobSignatureKey)) == plan.signature &&
            database.get_metadata(std::string(schema::kJobStateKey)) == "running") {
            resume_from = std::stoull("0" + database.get_metadata(std::string(schema::kJobRecordsKey)));
            if (resume_from > 0)
                reporter_.note(fmt::format("resuming an interrupted job: {} records already indexed", resume_from));
        }
        summary.resumed_records = resume_from;
        progress_.resumed_records.store(resume_from);
        target.add_synonyms(options_.synonyms);

        DocumentWriter writer(target, reporter_, progress_, options_.memory_limit_bytes);
        std::uint64_t next_checkpoint = batch_records;
        auto apply = [&](const RecordBatcher::Batch& chunk, const std::vector<AnalyzedDocument>& documents) {
            writer.write(documents);
            for (const auto& [key, stamp] : chunk.finished_files) database.set_metadata(key, stamp);
            const std::uint64_t done = chunk.first_record + chunk.records.size();
            if (done >= next_checkpoint) {
                record_checkpoint(database, plan.signature, done, false);
                writer.flush();
                next_checkpoint = done + batch_records;
            }
        };
        // Chunks that lie wholly before the checkpoint are read, not indexed.
        auto resumed = [&](const RecordBatcher::Batch& chunk) {
            return chunk.first_record + chunk.records.size() <= resume_from;
        };

        std::uint64_t total_records = 0;
        if (workers() == 1) {
            // One thread reads, analyses and writes: the single-threaded baseline.
            Analyzer analyzer(options_, reporter_);
            RecordBatcher batcher(kDirectChunkRecords, [&](RecordBatcher::Batch&& chunk) {
                apply(chunk, resumed(chunk) ? std::vector<AnalyzedDocument>{} : analyze_guarded(analyzer, chunk));
            });
            read_all(plan, options_, batcher, reporter_, progress_);
            total_records = batcher.records();
        } else {
            WorkQueue<std::pair<std::uint64_t, RecordBatcher::Batch>> queue(4 * workers());
            InOrderHandoff handoff(8 * workers());
            std::vector<std::thread> analysts;
            for (unsigned i = 0; i < workers(); ++i) {
                analysts.emplace_back([&] {
                    Analyzer analyzer(options_, reporter_);
                    while (auto item = queue.pop()) {
                        std::vector<AnalyzedDocument> documents;
                        if (!resumed(item->second)) documents = analyze_guarded(analyzer, item->second);
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
                if (queue.push({sequence, std::move(chunk)})) ++sequence;
            });
            read_all(plan, options_, batcher, reporter_, progress_);
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

    // --- bulk: a segment per batch on every core, merged at the end --------
    void run_bulk(std::optional<IndexWriter>& target, const JobPlan& plan, std::size_t batch_records,
                  BatchSummary& summary) {
        const fs::path staging = staging_path_for(options_.database);
        SegmentStore segments(staging, plan.signature);
        // Batches an interrupted run finished. A copy: workers add to the
        // store's set (under segments_mutex) while the reader consults this.
        const std::set<std::uint64_t> finished_before = segments.finished_batches();
        if (!finished_before.empty()) {
            reporter_.note(fmt::format("resuming an interrupted job: {} finished segments in {}",
                                       finished_before.size(), staging.string()));
        }

        std::vector<std::pair<std::string, std::string>> finished_files;
        std::mutex segments_mutex;
        std::atomic<std::uint64_t> replaced{0};
        std::exception_ptr worker_error;
        WorkQueue<RecordBatcher::Batch> queue(workers() + 1);
        std::vector<std::thread> threads;
        for (unsigned i = 0; i < workers(); ++i) {
            threads.emplace_back([&] {
                Analyzer analyzer(options_, reporter_);
                while (auto batch = queue.pop()) {
                    try {
                        const auto counts = write_segment(segments.segment_path(batch->number), analyzer, *batch);
                        replaced += counts.replaced;
                        std::lock_guard<std::mutex> lock(segments_mutex);
                        segments.mark_finished(batch->number, batch->first_record, batch->records.size());
                    } catch (...) {
                        std::lock_guard<std::mutex> lock(segments_mutex);
                        if (!worker_error) worker_error = std::current_exception();
                        queue.close();
                    }
                }
            });
        }
        RecordBatcher batcher(batch_records, [&](RecordBatcher::Batch&& batch) {
            for (auto& file : batch.finished_files) finished_files.push_back(std::move(file));
            if (batch.records.empty()) return;
            if (finished_before.count(batch.number)) {
                summary.resumed_records += batch.records.size();
                progress_.resumed_records.store(summary.resumed_records);
                progress_.articles_written.fetch_add(batch.records.size(), std::memory_order_relaxed);
                return;
            }
            queue.push(std::move(batch));
        });
        {
            // Reading runs here while workers write; mark_finished() only runs under the mutex.
            read_all(plan, options_, batcher, reporter_, progress_);
        }
        queue.close();
        for (auto& thread : threads) thread.join();
        if (worker_error) std::rethrow_exception(worker_error);

        progress_.merging.store(true);
        const std::uint64_t superseded = segments.remove_superseded_copies();
        summary.replaced = replaced + superseded;

        // Metadata (and synonyms) travel in a small database merged first.
        const fs::path metadata_path = staging / "metadata";
        {
            IndexWriter metadata(metadata_path.string(), options_.default_language, IndexWriter::OpenMode::Overwrite);
            metadata.add_synonyms(options_.synonyms);
            for (const auto& [key, stamp] : finished_files) metadata.database().set_metadata(key, stamp);
            record_checkpoint(metadata.database(), plan.signature, batcher.records(), true);
            metadata.commit();
        }
        const fs::path merged = staging / "merged";
        fs::remove_all(merged);
        segments.merge_into(merged, metadata_path);
        summary.added = Xapian::Database(merged.string()).get_doccount();

        // Swap the merged database in for the empty target. A crash before the
        // rename leaves the finished segments, so a re-run merges again.
        target.reset();
        fs::remove_all(options_.database);
        fs::rename(merged, options_.database);
        segments.remove_all();
    }

    WriteCounts write_segment(const fs::path& path, Analyzer& analyzer, const RecordBatcher::Batch& batch) {
        IndexWriter segment(path.string(), options_.default_language, IndexWriter::OpenMode::Scratch);
        // No memory limit: a segment commits every kSegmentFlushDocuments, before
        // the guard's kMinDocumentsPerMemoryCommit, so the flush bounds memory.
        static_assert(kSegmentFlushDocuments < kMinDocumentsPerMemoryCommit);
        DocumentWriter writer(segment, reporter_, progress_, /*memory_limit=*/0, kSegmentFlushDocuments);
        // Analysed a flush at a time, so memory follows the flush, not the segment.
        for (std::size_t start = 0; start < batch.records.size(); start += kSegmentFlushDocuments) {
            const auto first = batch.records.begin() + static_cast<std::ptrdiff_t>(start);
            const auto last = batch.records.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                          batch.records.size(), start + kSegmentFlushDocuments));
            writer.write(analyze_guarded(analyzer, first, last));
        }
        writer.flush();
        return writer.counts();
    }

    const BatchOptions& options_;
    BatchProgress& progress_;
    SharedReporter reporter_;
};

}  // namespace

BatchSummary run_batch_job(const BatchOptions& options, BatchReporter& reporter, BatchProgress& progress) {
    return BatchJob(options, reporter, progress).run();
}

}  // namespace herald
