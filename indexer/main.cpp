// indexer: reads articles (plain text, JSON Lines, JSON; files, directories
// or stdin) and upserts them into a Herald database.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "herald/database_path.hpp"
#include "herald/index_writer.hpp"
#include "herald/inputs.hpp"
#include "herald/language.hpp"
#include "indexing_sink.hpp"

namespace {

// Exit codes: a public interface, documented in --help and the README.
constexpr int kExitOk = 0;
constexpr int kExitSomeRejected = 1;
constexpr int kExitUsage = 2;

constexpr const char* kExitCodeHelp =
    "Exit codes:\n"
    "  0  every input record was indexed\n"
    "  1  some records were rejected (each reported on stderr with file and line); the rest were indexed\n"
    "  2  usage error, or the database could not be opened or written\n";

struct Options {
    std::string database;
    std::vector<std::string> paths;
    std::string format;
    std::vector<std::string> field_specs;
    std::string language = "en";
    std::size_t commit_every = 0;  // measured: extra commits cost ~10% on AllSides
    bool quiet = false;
    std::string synonyms_file;
};

int run(const Options& options) {
    std::optional<herald::Format> format;
    if (!options.format.empty()) {
        format = herald::format_from_name(options.format);
        if (!format)
            throw CLI::ValidationError("--format", "must be text, jsonl or json, not '" + options.format + "'");
    }
    herald::FieldMap fields;
    for (const auto& spec : options.field_specs) {
        try {
            fields.set_from_spec(spec);
        } catch (const std::invalid_argument& error) {
            throw CLI::ValidationError("--field", error.what());
        }
    }
    const auto language = herald::resolve_language(options.language);
    if (!language) throw CLI::ValidationError("--language", "unknown language '" + options.language + "'");

    std::vector<herald::SynonymGroup> synonyms;
    if (!options.synonyms_file.empty()) {
        std::ifstream file(options.synonyms_file);
        if (!file) throw CLI::ValidationError("--synonyms", "cannot read " + options.synonyms_file);
        synonyms = herald::read_synonyms(file, options.synonyms_file);
    }

    herald::IndexWriter writer(options.database, *language);
    writer.add_synonyms(synonyms);
    herald::IndexingSink sink(writer, std::cerr, options.quiet, options.commit_every);
    for (const auto& path : options.paths) {
        if (path == "-") {
            herald::read_stream(std::cin, "<stdin>", format, fields, sink);
            continue;
        }
        for (const auto& input : herald::expand_input(path, format, sink)) herald::read_input(input, fields, sink);
    }
    writer.commit();

    const auto& counts = sink.counts();
    if (!options.quiet) {
        fmt::print(stderr, "indexer: {} added, {} replaced, {} rejected, {} warnings; {} documents in {}\n",
                   counts.added, counts.replaced, counts.rejected, counts.warnings, writer.document_count(),
                   options.database);
    }
    return counts.rejected > 0 ? kExitSomeRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    options.database = herald::default_database_path();
    CLI::App app{
        "Index news articles into a Herald database.\n"
        "PATH is a file, a directory (walked recursively) or - for standard input.\n"
        "Re-indexing an article with the same id replaces it."};
    app.footer(kExitCodeHelp);
    app.add_option("--db", options.database, "Database directory (default: $HERALD_DB, else ./herald.db)");
    app.add_option("--format", options.format,
                   "Input format: text, jsonl or json (default: by file extension; stdin: JSON Lines if it starts "
                   "with '{', else one text article)");
    app.add_option("--field", options.field_specs,
                   "Map a Herald field to the dataset's name, FIELD=NAME (fields: id, title, body, date, source, url, "
                   "authors, tags, language); repeatable")
        ->allow_extra_args(false);
    app.add_option("--language", options.language, "Language of articles that do not name one (default: en)");
    app.add_option(
        "--commit-every", options.commit_every,
        "Commit after this many articles (default 0: Xapian's own batching, XAPIAN_FLUSH_THRESHOLD, 10000 by default)");
    app.add_option("--synonyms", options.synonyms_file,
                   "Load synonym groups into the database (one group a line: us = united states, usa)");
    app.add_flag("-q,--quiet", options.quiet, "Report only rejected records");
    app.add_option("PATH", options.paths, "Inputs")->required();

    try {
        app.parse(argc, argv);
        return run(options);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? kExitOk : kExitUsage;
    } catch (const Xapian::DatabaseLockError& error) {
        fmt::print(stderr, "indexer: database {} is locked by another writer: {}\n", options.database, error.get_msg());
    } catch (const Xapian::Error& error) {
        fmt::print(stderr, "indexer: database {}: {}\n", options.database, error.get_description());
    } catch (const std::exception& error) {
        fmt::print(stderr, "indexer: {}\n", error.what());
    }
    return kExitUsage;
}
