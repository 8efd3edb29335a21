#include "indexer/maintenance.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/database.hpp"
#include "common/date.hpp"
#include "common/keyword_fields.hpp"
#include "common/schema.hpp"

namespace herald {
namespace fs = std::filesystem;
namespace {

std::uintmax_t size_on_disk(const fs::path& path) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) return fs::file_size(path, error);
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
        if (entry.is_regular_file(error)) total += entry.file_size(error);
    }
    return total;
}

std::string metadata(const Xapian::Database& database, std::string_view key) {
    return database.get_metadata(std::string(key));
}

// "Herald 0.1.0"; databases last written before versions were recorded say so.
std::string written_by(const Xapian::Database& database) {
    const std::string version = metadata(database, schema::kWriterVersionKey);
    return version.empty() ? "a Herald older than 0.1.0" : "Herald " + version;
}

}  // namespace

void compact_database(const std::string& database, const std::string& output, bool single_file) {
    if (fs::exists(output)) throw std::runtime_error(fmt::format("{} already exists; choose a new path", output));
    Xapian::Database source = open_database({database});
    unsigned flags = Xapian::DBCOMPACT_MULTIPASS;
    if (single_file) flags |= Xapian::DBCOMPACT_SINGLE_FILE;
    source.compact(output, flags);
    fmt::print("herald-indexer: compacted {} ({:.1f} MiB) into {} ({:.1f} MiB{})\n", database,
               size_on_disk(database) / 1048576.0, output, size_on_disk(output) / 1048576.0,
               single_file ? ", single file" : "");
}

void print_database_stats(const std::string& database, bool as_json) {
    const Xapian::Database db = open_database({database});
    std::uint64_t terms = 0;
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) ++terms;
    std::uint64_t indexed_files = 0;
    const std::string file_prefix(schema::kFileStampKeyPrefix);
    for (auto key = db.metadata_keys_begin(file_prefix); key != db.metadata_keys_end(file_prefix); ++key) {
        ++indexed_files;
    }
    // Articles per language, as given or detected at indexing.
    nlohmann::ordered_json languages = nlohmann::ordered_json::object();
    const std::string language_prefix(schema::kLanguagePrefix);
    for (auto term = db.allterms_begin(language_prefix); term != db.allterms_end(language_prefix); ++term) {
        languages[(*term).substr(language_prefix.size())] = term.get_termfreq();
    }
    nlohmann::ordered_json stats{
        {"database", database},
        {"documents", db.get_doccount()},
        {"terms", terms},
        {"total_length", db.get_total_length()},
        {"average_length", db.get_avlength()},
        {"size_bytes", size_on_disk(database)},
        {"schema", metadata(db, schema::kSchemaVersionKey)},
        {"last_commit", herald::iso8601_from_epoch_seconds(metadata(db, schema::kLastCommitKey))},
        {"written_by", written_by(db)},
        {"indexed_files", indexed_files},
        {"languages", languages},
        {"keyword_fields", parse_keyword_names(metadata(db, schema::kKeywordNamesKey))},
        {"checkpoint",
         {{"job", metadata(db, schema::kJobSignatureKey)},
          {"state", metadata(db, schema::kJobStateKey)},
          {"records", std::stoull("0" + metadata(db, schema::kJobRecordsKey))},
          {"time", herald::iso8601_from_epoch_seconds(metadata(db, schema::kJobUpdatedKey))}}},
    };
    if (as_json) {
        fmt::print("{}\n", stats.dump(2));
        return;
    }
    fmt::print("database:     {}\n", database);
    fmt::print("documents:    {}\n", db.get_doccount());
    fmt::print("terms:        {}\n", terms);
    fmt::print("avg length:   {:.1f} terms\n", db.get_avlength());
    fmt::print("size:         {:.1f} MiB\n", size_on_disk(database) / 1048576.0);
    fmt::print("schema:       {}\n", metadata(db, schema::kSchemaVersionKey));
    fmt::print("last commit:  {}\n", stats["last_commit"].get<std::string>());
    fmt::print("written by:   {}\n", stats["written_by"].get<std::string>());
    fmt::print("files:        {} indexed (tracked for incremental runs)\n", indexed_files);
    std::vector<std::string> per_language;
    for (const auto& [code, count] : languages.items())
        per_language.push_back(fmt::format("{} {}", code, count.get<std::uint64_t>()));
    fmt::print("languages:    {}\n", per_language.empty() ? "none" : fmt::format("{}", fmt::join(per_language, ", ")));
    const auto keyword_fields = parse_keyword_names(metadata(db, schema::kKeywordNamesKey));
    fmt::print("keywords:     {}\n",
               keyword_fields.empty() ? "none" : fmt::format("{}", fmt::join(keyword_fields, ", ")));
    const auto& checkpoint = stats["checkpoint"];
    if (checkpoint["job"].get<std::string>().empty()) {
        fmt::print("checkpoint:   none\n");
    } else {
        fmt::print("checkpoint:   job {} {} after {} records at {}\n", checkpoint["job"].get<std::string>(),
                   checkpoint["state"].get<std::string>(), checkpoint["records"].get<std::uint64_t>(),
                   checkpoint["time"].get<std::string>());
    }
}

}  // namespace herald
