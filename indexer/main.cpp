// indexer: batch indexing of news articles (plain text, JSON Lines, JSON,
// CSV/TSV; plain or zstd/gzip-compressed; files, directories or stdin) into a
// Herald database, plus `herald-indexer compact` and `herald-indexer stats`.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "common/database_path.hpp"
#include "common/language.hpp"
#include "common/shards.hpp"
#include "common/version.hpp"
#include "indexer/input/inputs.hpp"
#include "indexer/maintenance.hpp"
#include "indexer/progress_display.hpp"
#include "indexer/store/batch_job.hpp"
#include "indexer/store/sharded_job.hpp"

namespace {

// Exit codes: a public interface, documented in --help and docs/operations.md.
constexpr int kExitOk = 0;
constexpr int kExitSomeRejected = 1;
constexpr int kExitUsage = 2;

constexpr const char* kExitCodeHelp =
    "Exit codes:\n"
    "  0  every input record was indexed\n"
    "  1  some records were rejected (each reported on stderr with file and line); the rest were indexed\n"
    "  2  usage error, or the database could not be opened, locked by another writer, or written, or standard\n"
    "     input was not the input of the interrupted job being resumed (nothing written; see --no-resume)\n";

struct Options {
    std::string database;
    std::vector<std::string> paths;
    std::string format;
    std::string id_prefix = "none";
    std::vector<std::string> field_specs;
    std::vector<std::string> keywords;
    std::string language = "en";
    std::string synonyms_file;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::size_t batch_size = 0;
    std::uint64_t memory_mb = 0;
    std::uint64_t max_record_mb = 16;
    bool force = false;
    bool no_resume = false;
    unsigned shards = 0;  // 0: as the directory says (unsharded when new)
    std::vector<std::string> delete_ids;
    std::string delete_from;
    std::string progress = "auto";
    std::string strategy = "auto";
    unsigned progress_interval_ms = 0;
    bool quiet = false;
    // Subcommands.
    std::string compact_output;
    bool single_file = false;
    bool stats_json = false;
};

std::vector<std::string> read_id_list(const std::string& path) {
    std::ifstream file(path);
    if (!file) throw CLI::ValidationError("--delete-from", "cannot read " + path);
    std::vector<std::string> ids;
    for (std::string line; std::getline(file, line);) {
        const auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') continue;
        ids.push_back(line.substr(start, line.find_last_not_of(" \t\r") + 1 - start));
    }
    return ids;
}

herald::ProgressMode progress_mode(const std::string& name, bool quiet) {
    if (name == "json") return herald::ProgressMode::Json;
    if (name == "none" || quiet) return herald::ProgressMode::None;
    if (name == "tty") return herald::ProgressMode::Terminal;
    return isatty(STDERR_FILENO) ? herald::ProgressMode::Terminal : herald::ProgressMode::None;
}

herald::BatchOptions batch_options(const Options& options) {
    herald::BatchOptions batch;
    batch.database = options.database;
    batch.paths = options.paths;
    if (!options.format.empty()) {
        batch.format = herald::format_from_name(options.format);
        if (!batch.format)
            throw CLI::ValidationError("--format",
                                       "must be text, jsonl, json, csv or tsv, not '" + options.format + "'");
    }
    for (const auto& name : options.keywords) {
        try {
            batch.fields.add_keyword(name);
        } catch (const std::invalid_argument& error) {
            throw CLI::ValidationError("--keyword", error.what());
        }
    }
    for (const auto& spec : options.field_specs) {
        try {
            batch.fields.set_from_spec(spec);
        } catch (const std::invalid_argument& error) {
            throw CLI::ValidationError("--field", error.what());
        }
    }
    const auto language = herald::resolve_language(options.language);
    if (!language) throw CLI::ValidationError("--language", "unknown language '" + options.language + "'");
    batch.default_language = *language;
    if (!options.synonyms_file.empty()) {
        std::ifstream file(options.synonyms_file);
        if (!file) throw CLI::ValidationError("--synonyms", "cannot read " + options.synonyms_file);
        batch.synonyms = herald::read_synonyms(file, options.synonyms_file);
    }
    batch.delete_ids = options.delete_ids;
    if (!options.delete_from.empty()) {
        for (auto& id : read_id_list(options.delete_from)) batch.delete_ids.push_back(std::move(id));
    }
    if (batch.paths.empty() && batch.delete_ids.empty() && batch.synonyms.empty())
        throw CLI::ValidationError("PATH", "give inputs to index (or --delete/--delete-from/--synonyms)");
    batch.jobs = options.jobs;
    batch.batch_records = options.batch_size;
    batch.memory_limit_bytes = options.memory_mb << 20;
    batch.limits.max_record_bytes = static_cast<std::size_t>(options.max_record_mb) << 20;
    batch.reindex_unchanged = options.force;
    batch.resume = !options.no_resume;
    batch.id_prefix = *herald::id_prefix_from_name(options.id_prefix);  // checked by CLI11
    batch.strategy = options.strategy == "segments" ? herald::WriteStrategy::Segments
                     : options.strategy == "direct" ? herald::WriteStrategy::Direct
                                                    : herald::WriteStrategy::Auto;
    return batch;
}

// --shards N, or the count recorded in an existing sharded directory.
unsigned shard_count(const Options& options) {
    const auto existing = herald::sharded_directory_shards(options.database);
    if (options.shards == 0) return existing.value_or(1);
    if (existing && *existing != options.shards)
        throw CLI::ValidationError("--shards", options.database + " has " + std::to_string(*existing) +
                                                   " shards; the count cannot change (articles are placed by it)");
    return options.shards;
}

int run_index(const Options& options) {
    const herald::BatchOptions batch = batch_options(options);
    const unsigned shards = shard_count(options);
    herald::BatchProgress progress;
    herald::ProgressDisplay display(progress, progress_mode(options.progress, options.quiet), options.quiet,
                                    std::chrono::milliseconds(options.progress_interval_ms));
    const herald::BatchSummary summary = shards > 1 || herald::sharded_directory_shards(options.database)
                                             ? herald::run_sharded_batch_job(batch, shards, display, progress)
                                             : herald::run_batch_job(batch, display, progress);
    display.finish(summary, options.database);
    return summary.rejected > 0 ? kExitSomeRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    // Under a file size limit (ulimit -f) a write past it would kill the
    // process mid-commit; ignored, the write fails with EFBIG and the job
    // reports it like a full disk.
    std::signal(SIGXFSZ, SIG_IGN);
    Options options;
    options.database = herald::default_database_path();
    CLI::App app{
        "Index news articles into a Herald database.\n"
        "PATH is a file, a directory (walked recursively) or - for standard input; .zst and .gz files are\n"
        "decompressed on the fly. Re-indexing an article with the same id replaces it; files unchanged since\n"
        "the last run are skipped; an interrupted run resumes from its last checkpoint when re-run.",
        "herald-indexer"};
    app.footer(kExitCodeHelp);
    app.set_version_flag("--version", herald::version_text("herald-indexer"), herald::kVersionOptionHelp);
    app.require_subcommand(0, 1);
    app.add_option("--db", options.database, "Database directory (default: $HERALD_DB, else ./herald.db)");
    app.add_option("--format", options.format,
                   "Input format: text, jsonl, json, csv or tsv (default: by file extension, seen through .zst/.gz; "
                   "stdin: JSON Lines if it starts with '{', else one text article)");
    app.add_option("--id-prefix", options.id_prefix,
                   "Ids of plain-text files: none (default: the path relative to the directory argument, "
                   "politics/064.txt under bbc is politics/064), or dirname (after the name of the directory "
                   "argument, or of a file argument's folder: bbc/politics/064.txt under bbc/politics is "
                   "politics/064), which keeps apart folders with the same file names")
        ->check(CLI::IsMember({"none", "dirname"}));
    app.add_option("--field", options.field_specs,
                   "Map a Herald field to the dataset's name (a JSON member or CSV column), FIELD=NAME (fields: id, "
                   "title, body, date, source, url, authors, tags, language); repeatable")
        ->allow_extra_args(false);
    app.add_option("--keyword", options.keywords,
                   "Index the dataset's field NAME as a keyword field: an exact filter (NAME:value, --filter "
                   "NAME=value) and a facet, shown in results as \"fields\"; map it like the others with "
                   "--field NAME=DATASET_NAME; repeatable")
        ->allow_extra_args(false);
    app.add_option("--language", options.language,
                   "Language of articles that name none when detection (CLD2) is unsure (default: en)");
    app.add_option("--synonyms", options.synonyms_file,
                   "Load synonym groups into the database (one group a line: us = united states, usa)");
    app.add_option("-j,--jobs", options.jobs, "Worker threads (default: all cores)")->check(CLI::Range(1u, 256u));
    app.add_option("--batch-size", options.batch_size,
                   "Records per commit and checkpoint (default: 640 when building a new database in parallel "
                   "segments, 5000 when updating one)");
    app.add_option("--commit-every", options.batch_size, "Same as --batch-size")->group("");
    app.add_option("--memory", options.memory_mb,
                   "Commit early whenever the process grows past this many MiB (default: no limit beyond the batch "
                   "size). Applies to direct updates: a segment build commits every 64 articles anyway");
    app.add_option("--max-record-mb", options.max_record_mb,
                   "Reject records (a JSON line, a text file, a CSV row) larger than this (default: 16)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4096}));
    app.add_option("--strategy", options.strategy,
                   "auto (default): segments for an empty database, else direct. segments: each worker writes "
                   "small databases merged at the end (fastest; needs the database's size again in free disk). "
                   "direct: one writer applies articles in input order")
        ->check(CLI::IsMember({"auto", "segments", "direct"}));
    app.add_option("--shards", options.shards,
                   "Split the database into N shards (DIR/shard-00..., listed in DIR/herald.stub) by a hash of "
                   "the article id; later runs find the count in DIR")
        ->check(CLI::Range(1u, 100u));
    app.add_flag("--force", options.force, "Re-read files even when unchanged since the last run");
    app.add_flag("--no-resume", options.no_resume,
                 "Index every record even when an interrupted run of the same job committed some (a resumed run "
                 "skips them only after reading them again and finding them unchanged)");
    app.add_option("--delete", options.delete_ids, "Delete the article with this id; repeatable")
        ->allow_extra_args(false);
    app.add_option("--delete-from", options.delete_from,
                   "Delete the articles whose ids are listed in FILE, one a line");
    app.add_option("--progress", options.progress,
                   "Progress report: auto (a live line when stderr is a terminal), tty, json (one JSON object a "
                   "second on stderr), none")
        ->check(CLI::IsMember({"auto", "tty", "json", "none"}));
    app.add_option("--progress-interval", options.progress_interval_ms,
                   "Milliseconds between progress reports (default: 250 on a terminal, 1000 for json)");
    app.add_flag("-q,--quiet", options.quiet, "Report only rejected records");
    app.add_option("PATH", options.paths, "Inputs");

    CLI::App* compact = app.add_subcommand("compact", "Write a compacted copy of the database");
    compact->add_option("OUTPUT", options.compact_output, "Path of the new database (must not exist)")->required();
    compact->add_flag("--single-file", options.single_file, "Produce a single-file database (read-only)");
    CLI::App* stats = app.add_subcommand("stats", "Print document count, terms, size, last commit and checkpoint");
    stats->add_flag("--json", options.stats_json, "Print as JSON");
    for (CLI::App* command : {compact, stats}) {
        command->add_option("--db", options.database, "Database directory (default: $HERALD_DB, else ./herald.db)");
    }

    try {
        app.parse(argc, argv);
        if (compact->parsed()) {
            herald::compact_database(options.database, options.compact_output, options.single_file);
            return kExitOk;
        }
        if (stats->parsed()) {
            herald::print_database_stats(options.database, options.stats_json);
            return kExitOk;
        }
        return run_index(options);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? kExitOk : kExitUsage;
    } catch (const Xapian::DatabaseLockError& error) {
        fmt::print(stderr, "herald-indexer: database {} is locked by another writer: {}\n", options.database,
                   error.get_msg());
    } catch (const Xapian::Error& error) {
        fmt::print(stderr, "herald-indexer: database {}: {}\n", options.database, error.get_description());
    } catch (const std::exception& error) {
        fmt::print(stderr, "herald-indexer: {}\n", error.what());
    }
    return kExitUsage;
}
