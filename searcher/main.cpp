// searcher: answers ranked queries over a Herald database from the command line.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "herald/query_builder.hpp"
#include "herald/results_json.hpp"
#include "herald/search.hpp"
#include "human_output.hpp"

namespace {

// Exit codes: a public interface, documented in --help and the README.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

constexpr const char* kExitCodeHelp =
    "Query language: words are ranked with BM25; AND, OR, NOT, \"exact phrases\", +required -excluded,\n"
    "title:word, and filters source:NAME author:NAME tag:NAME lang:CODE id:ID (quote values with spaces).\n"
    "Exit codes:\n"
    "  0  success (also when nothing matches)\n"
    "  2  usage error, invalid query, or the database cannot be opened\n";

constexpr Xapian::doccount kMaxLimit = 1000;

struct Options {
    std::vector<std::string> databases;
    std::vector<std::string> query_words;
    Xapian::doccount limit = 10;
    Xapian::doccount offset = 0;
    std::string language = "en";
    bool json = false;
};

std::string default_database() {
    const char* from_environment = std::getenv("HERALD_DB");
    return from_environment != nullptr && *from_environment != '\0' ? from_environment : "herald.db";
}

std::string join_words(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

int run(const Options& options) {
    const auto language = herald::resolve_language(options.language);
    if (!language) throw CLI::ValidationError("--language", "unknown language '" + options.language + "'");
    herald::Searcher searcher(herald::open_database(options.databases), *language);
    herald::SearchRequest request{join_words(options.query_words), options.offset, options.limit};
    const herald::SearchResults results = searcher.search(request);
    if (options.json) {
        std::cout << herald::results_to_json(results).dump() << '\n';
    } else {
        herald::print_human(std::cout, results, isatty(STDOUT_FILENO) != 0);
    }
    return kExitOk;
}

int fail(const Options& options, const std::string& message) {
    if (options.json) std::cout << herald::error_to_json(message).dump() << '\n';
    fmt::print(stderr, "searcher: {}\n", message);
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"Search a Herald database of news articles."};
    app.footer(kExitCodeHelp);
    app.add_option("--db", options.databases, "Database directory (default: $HERALD_DB, else ./herald.db)")
        ->allow_extra_args(false);
    app.add_option("--limit", options.limit, "Results per page (default 10)")->check(CLI::Range(0u, kMaxLimit));
    app.add_option("--offset", options.offset, "Results to skip, for paging (default 0)");
    app.add_option("--language", options.language, "Language for stemming the query (default: en)");
    app.add_flag("--json", options.json, "Print one JSON object instead of text");
    app.add_option("QUERY", options.query_words, "Query words")->required();

    try {
        app.parse(argc, argv);
        if (options.databases.empty()) options.databases.push_back(default_database());
        return run(options);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? kExitOk : kExitUsage;
    } catch (const herald::QueryError& error) {
        return fail(options, error.what());
    } catch (const Xapian::DatabaseOpeningError& error) {
        return fail(options, fmt::format("cannot open database {}: {}", join_words(options.databases),
                                         error.get_msg()));
    } catch (const Xapian::Error& error) {
        return fail(options, error.get_description());
    } catch (const std::exception& error) {
        return fail(options, error.what());
    }
}
