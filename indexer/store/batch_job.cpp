#include "indexer/store/batch_job.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "indexer/store/checkpoint.hpp"
#include "indexer/store/disk_full.hpp"
#include "indexer/store/index_writer.hpp"
#include "indexer/store/job_plan.hpp"
#include "indexer/store/memory_usage.hpp"
#include "indexer/store/shared_reporter.hpp"
#include "indexer/store/write_paths.hpp"

namespace herald {
namespace fs = std::filesystem;
namespace {

// Opens the target, applies deletions, plans the inputs and picks the write path.
class BatchJob {
  public:
    BatchJob(const BatchOptions& options, BatchReporter& out, BatchProgress& progress)
        : options_(options), progress_(progress), reporter_(out, progress, options.shard.index == 0) {}

    BatchSummary run() {
        const auto start = std::chrono::steady_clock::now();
        BatchSummary summary;
        try {
            // Holds the write lock for the whole job: the direct path writes
            // through it, and the bulk path keeps it until its merged
            // database has replaced the empty one (write_bulk).
            std::optional<IndexWriter> target(std::in_place, options_.database, options_.default_language);
            target->declare_keywords(options_.fields.keywords());
            delete_requested(*target, summary);
            const bool empty = is_empty(target->database());
            if (options_.strategy == WriteStrategy::Segments && !empty)
                throw std::runtime_error("--strategy segments needs an empty database (it replaces it when done)");
            summary.bulk = options_.strategy == WriteStrategy::Segments ||
                           (options_.strategy == WriteStrategy::Auto && !options_.paths.empty() && empty);
            const std::size_t batch_records = options_.batch_records
                                                  ? options_.batch_records
                                                  : (summary.bulk ? kDefaultBulkBatch : kDefaultDirectBatch);
            const JobPlan plan = plan_job(options_.paths, options_.format, options_.id_prefix, target->database(),
                                          options_.reindex_unchanged,
                                          settings_signature(options_, batch_records, summary.bulk), reporter_);
            for (const auto& collision : plan.id_collisions) reporter_.id_collision(collision);
            summary.skipped_files = plan.skipped_files;
            progress_.bytes_total.store(plan.total_bytes);
            const JobContext job{options_, reporter_, progress_};
            if (summary.bulk) {
                write_bulk(job, target, plan, batch_records, summary);
            } else {
                write_direct(job, *target, plan, batch_records, summary);
            }
        } catch (...) {
            // The write paths explain their own failures; this covers opening,
            // deletions and the bulk path's final swap.
            rethrow_explaining_disk_full(std::current_exception(), options_.database, "writing it",
                                         "Free some space and run the same command again.");
        }
        summary.rejected = reporter_.rejected();
        summary.warnings = reporter_.warnings();
        summary.id_collisions = reporter_.id_collisions();
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

    const BatchOptions& options_;
    BatchProgress& progress_;
    SharedReporter reporter_;
};

}  // namespace

BatchSummary run_batch_job(const BatchOptions& options, BatchReporter& reporter, BatchProgress& progress) {
    return BatchJob(options, reporter, progress).run();
}

}  // namespace herald
