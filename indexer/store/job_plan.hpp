// What a batch job will read, decided before it starts: the expanded inputs,
// which files are unchanged since the last run (skipped), the total size for
// progress, and the job's signature (the identity its checkpoints belong to).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "indexer/input/id_collisions.hpp"
#include "indexer/input/inputs.hpp"
#include "indexer/input/json_articles.hpp"
#include "indexer/input/reader.hpp"

namespace herald {

struct PlannedInput {
    std::optional<InputFile> file;  // nullopt: standard input
    std::string stamp_key;          // metadata key of the file's stamp; empty for stdin
    std::string stamp;              // "size:mtime_ns"
    // Set with the stamp once the file is read: the plain-text file that
    // owns its id (schema::kTextIdKeyPrefix); empty for other formats.
    std::string text_id_key;
    std::string absolute_path;
    std::uint64_t size = 0;
};

struct JobPlan {
    std::vector<PlannedInput> inputs;
    std::uint64_t skipped_files = 0;
    std::uint64_t total_bytes = 0;  // 0 when stdin is among the inputs
    bool reads_stdin = false;       // which cannot be read twice
    std::string signature;
    std::vector<IdCollision> id_collisions;  // in reading order
};

// "size:mtime_ns" of a file, empty when it cannot be read.
std::string file_stamp(const std::filesystem::path& path);

// Expands `paths` (rejections of missing or unreadable paths go to `sink`),
// giving plain-text files ids as `id_prefix` says, and finds the files whose
// ids collide, in this run or with a file an earlier run indexed. Files whose stamp in `database`'s metadata equals
// their current stamp are skipped unless `reindex_unchanged`. `settings` (format, field map, language, batch size,
// mode) enter the signature with the inputs.
JobPlan plan_job(const std::vector<std::string>& paths, std::optional<Format> format, IdPrefix id_prefix,
                 const Xapian::Database& database, bool reindex_unchanged, const std::string& settings,
                 ArticleSink& sink);

}  // namespace herald
