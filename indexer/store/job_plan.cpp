#include "indexer/store/job_plan.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "common/hash.hpp"
#include "common/schema.hpp"

namespace herald {
namespace fs = std::filesystem;

std::string file_stamp(const fs::path& path) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) return {};
    const auto modified = fs::last_write_time(path, error);
    if (error) return {};
    const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch());
    return fmt::format("{}:{}", size, nanoseconds.count());
}

namespace {

// Plain-text files of this run whose id an earlier run gave to a file that
// is not among this run's inputs (those the finder has seen): their
// articles replace that file's, which is still in the database.
void add_earlier_runs_collisions(const Xapian::Database& database, JobPlan& plan,
                                 const std::set<std::string>& run_paths) {
    std::set<std::string> checked_ids;
    for (const auto& input : plan.inputs) {
        if (!input.file || input.text_id_key.empty() || !checked_ids.insert(input.file->id).second) continue;
        const std::string earlier = database.get_metadata(input.text_id_key);
        if (earlier.empty() || earlier == input.absolute_path || run_paths.count(earlier)) continue;
        if (!database.term_exists(std::string(schema::kIdPrefix) + input.file->id)) continue;  // deleted since
        plan.id_collisions.push_back({input.file->id, input.file->path.string(), earlier, true});
    }
}

}  // namespace

JobPlan plan_job(const std::vector<std::string>& paths, std::optional<Format> format, IdPrefix id_prefix,
                 const Xapian::Database& database, bool reindex_unchanged, const std::string& settings,
                 ArticleSink& sink) {
    JobPlan plan;
    IdCollisionFinder collisions;
    std::set<std::string> run_paths;  // absolute, read or not
    bool reads_stdin = false;
    std::uint64_t signature = stable_hash(settings);
    for (const auto& argument : paths) {
        if (argument == "-") {
            reads_stdin = true;
            plan.inputs.push_back({});
            signature = stable_hash("\n-", signature);
            continue;
        }
        for (auto& file : expand_input(argument, format, sink, id_prefix)) {
            std::error_code error;
            const std::string absolute = fs::absolute(file.path, error).lexically_normal().string();
            run_paths.insert(absolute);
            PlannedInput input;
            input.absolute_path = absolute;
            input.stamp_key = std::string(schema::kFileStampKeyPrefix) + absolute;
            if (file.format == Format::Text) input.text_id_key = std::string(schema::kTextIdKeyPrefix) + file.id;
            input.stamp = file_stamp(file.path);
            input.size = fs::file_size(file.path, error);
            if (error) input.size = 0;
            const bool unchanged =
                !reindex_unchanged && !input.stamp.empty() && database.get_metadata(input.stamp_key) == input.stamp;
            if (auto collision = collisions.add(file, !unchanged)) plan.id_collisions.push_back(std::move(*collision));
            if (unchanged) {
                ++plan.skipped_files;
                continue;
            }
            signature = stable_hash("\n" + absolute + " " + input.stamp, signature);
            plan.total_bytes += input.size;
            input.file = std::move(file);
            plan.inputs.push_back(std::move(input));
        }
    }
    add_earlier_runs_collisions(database, plan, run_paths);
    if (reads_stdin) plan.total_bytes = 0;
    plan.reads_stdin = reads_stdin;
    plan.signature = fmt::format("{:016x}", signature);
    return plan;
}

}  // namespace herald
