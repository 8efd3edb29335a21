// searcher: answers ranked queries over a Herald database from the command line.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <limits>

#include "common/database_path.hpp"
#include "common/keyword_fields.hpp"
#include "common/version.hpp"
#include "searcher/match/full_ranking.hpp"
#include "searcher/match/searcher.hpp"
#include "searcher/present/export.hpp"
#include "searcher/present/human_output.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/query/query_builder.hpp"
#include "searcher/query/search_params.hpp"
#include "searcher/web/fastcgi_server.hpp"
#include "searcher/web/web_app.hpp"

namespace {

// Exit codes: a public interface, documented in --help and docs/operations.md.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitShardUnavailable = 3;

constexpr const char* kExitCodeHelp =
    "Query language:\n"
    "  Words are ranked with BM25; AND, OR, NOT, \"exact phrases\", +required -excluded, title:word,\n"
    "  filters source:NAME author:NAME tag:NAME lang:CODE id:ID (quote values with spaces), and\n"
    "  date:FROM..TO with partial dates (date:2016, date:2016-01..2016-06-30, date:2019..).\n"
    "\n"
    "Exit codes:\n"
    "  0  success (also when nothing matches); with --fastcgi: stopped by SIGTERM/SIGINT\n"
    "  2  usage error, invalid query, the database cannot be opened, or --fastcgi cannot listen\n"
    "  3  a shard is down or timed out (see --allow-partial)\n";

constexpr Xapian::doccount kMaxLimit = 1000;

// The command line pages as deep and asks as long as its user likes; only
// the page size is bounded (by --limit's own check).
const herald::ParameterLimits kCommandLineLimits{kMaxLimit, std::numeric_limits<Xapian::doccount>::max(),
                                                 std::numeric_limits<std::size_t>::max()};

struct Options {
    std::vector<std::string> databases;
    std::vector<std::string> query_words;
    Xapian::doccount limit = 10;
    Xapian::doccount offset = 0;
    std::string language = "en";
    bool language_given = false;  // narrows stemming to that language
    bool json = false;
    std::vector<std::string> sources, authors, tags, languages;
    std::vector<std::string> keyword_filters;  // NAME=VALUE
    std::string from, to;
    std::string sort = "relevance";
    std::string ranking = "herald";
    double recency_half_life_days = 0;
    std::vector<std::string> facets;
    bool no_collapse = false;
    std::string like_id;
    std::string timeline;
    std::vector<std::string> compare;
    double time_limit_ms = 0;
    std::string export_format;  // jsonl or csv: every match with all its fields
    bool csv_safe = false;      // CSV cells that would run as formulas get a leading '
    std::string top_terms;      // checked by search_params
    bool count_name_variants = false;
    std::string match;  // all or any, checked by search_params
    herald::ShardOptions shard_options;
    // FastCGI mode
    bool fastcgi = false;
    herald::web::ServerOptions server;
    herald::ParameterLimits web_limits;
    std::size_t cache_mb = 64;
    Xapian::doccount max_export = 100000;
};

std::string join_words(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

// A shard lost during the search: with --allow-partial, search again
// without it (it fails to reopen); otherwise the caller reports it.
herald::SearchResults search_shards(const std::vector<herald::ShardLocation>& locations,
                                    const herald::ShardOptions& shard_options, const Xapian::Stem& stemmer,
                                    const herald::SearchRequest& request) {
    try {
        return herald::Searcher(herald::open_shards(locations, shard_options), stemmer).one_shot().search(request);
    } catch (const Xapian::NetworkError& error) {
        if (!shard_options.allow_partial) {
            throw herald::ShardUnavailable("a shard failed during the search: " + error.get_msg());
        }
        try {
            return herald::Searcher(herald::open_shards(locations, shard_options), stemmer).one_shot().search(request);
        } catch (const Xapian::NetworkError& again) {
            throw herald::ShardUnavailable("a shard failed during the search: " + again.get_msg());
        }
    }
}

// The options as the web's named parameters, checked by the one checker
// both front ends share (search_params), so they accept the same requests.
herald::SearchRequest request_from_options(const Options& options) {
    herald::Parameters parameters = {
        {"q", join_words(options.query_words)},
        {"limit", std::to_string(options.limit)},
        {"offset", std::to_string(options.offset)},
        {"sort", options.sort},
        {"ranking", options.ranking},
        {"collapse", options.no_collapse ? "false" : "true"},
    };
    auto add_if_given = [&](const char* name, const std::string& value) {
        if (!value.empty()) parameters.emplace_back(name, value);
    };
    add_if_given("from", options.from);
    add_if_given("to", options.to);
    add_if_given("like", options.like_id);
    add_if_given("top_terms", options.top_terms);
    add_if_given("facets", fmt::format("{}", fmt::join(options.facets, ",")));
    add_if_given("timeline", options.timeline);
    add_if_given("match", options.match);
    if (options.count_name_variants) parameters.emplace_back("name_variants", "count");
    if (options.recency_half_life_days > 0)
        parameters.emplace_back("recency", fmt::format("{}", options.recency_half_life_days));
    for (const auto& source : options.sources) parameters.emplace_back("source", source);
    for (const auto& author : options.authors) parameters.emplace_back("author", author);
    for (const auto& tag : options.tags) parameters.emplace_back("tag", tag);
    for (const auto& language : options.languages) parameters.emplace_back("lang", language);
    for (const auto& filter : options.keyword_filters) {
        const auto equals = filter.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw CLI::ValidationError("--filter", "'" + filter + "' is not of the form NAME=VALUE");
        }
        const std::string name = filter.substr(0, equals);
        if (const auto problem = herald::keyword_name_problem(name)) throw CLI::ValidationError("--filter", *problem);
        parameters.emplace_back(name, filter.substr(equals + 1));
    }
    herald::SearchRequest request = herald::search_request_from_parameters(parameters, kCommandLineLimits);
    if (options.language_given) request.language = options.language;
    request.time_limit_seconds = options.time_limit_ms / 1000;
    return request;
}

int run(const Options& options) {
    const auto language = herald::resolve_language(options.language);
    if (!language) throw CLI::ValidationError("--language", "unknown language '" + options.language + "'");
    const auto locations = herald::resolve_databases(options.databases);
    const auto stemmer = herald::make_stemmer(language->stemmer);
    herald::SearchRequest request = request_from_options(options);
    if (!options.compare.empty()) {
        const herald::Comparison comparison =
            herald::Searcher(herald::open_shards(locations, options.shard_options), stemmer)
                .one_shot()
                .compare(request, options.compare);
        for (const auto& warning : comparison.warnings) fmt::print(stderr, "herald-searcher: warning: {}\n", warning);
        if (options.json) {
            std::cout << herald::comparison_to_json(comparison).dump() << '\n';
        } else {
            for (const auto& timeline : comparison.timelines)
                herald::print_timeline(std::cout, timeline, isatty(STDOUT_FILENO) != 0);
        }
        return kExitOk;
    }
    const herald::SearchResults results = search_shards(locations, options.shard_options, stemmer, request);
    for (const auto& warning : results.warnings) fmt::print(stderr, "herald-searcher: warning: {}\n", warning);
    if (options.json) {
        std::cout << herald::results_to_json(results).dump() << '\n';
    } else {
        herald::print_human(std::cout, results, isatty(STDOUT_FILENO) != 0);
    }
    return kExitOk;
}

// Every match, in rank (or --sort) order, one article read and written at a time.
int export_matches(const Options& options) {
    const auto language = herald::resolve_language(options.language);
    if (!language) throw CLI::ValidationError("--language", "unknown language '" + options.language + "'");
    const auto format = herald::export_format_from_name(options.export_format);
    if (!format) throw CLI::ValidationError("--export", "must be jsonl or csv, not '" + options.export_format + "'");
    if (options.csv_safe && *format != herald::ExportFormat::Csv) {
        throw CLI::ValidationError("--csv-safe", "only taken with --export csv");
    }
    const auto locations = herald::resolve_databases(options.databases);
    const herald::SearchRequest request = request_from_options(options);
    try {
        herald::Searcher searcher(herald::open_shards(locations, options.shard_options),
                                  herald::make_stemmer(language->stemmer));
        const herald::FullRanking ranking = searcher.rank_all(request, std::numeric_limits<Xapian::doccount>::max());
        for (const auto& warning : ranking.warnings()) fmt::print(stderr, "herald-searcher: warning: {}\n", warning);
        herald::ExportRecords records(*format, searcher.keyword_fields(),
                                      options.csv_safe ? herald::CsvCells::FormulaSafe : herald::CsvCells::AsStored);
        std::cout << records.header();
        ranking.visit([&](const herald::Hit& hit) {
            std::cout << records.record(hit);
            if (hit.rank % 64 == 0) std::cout.flush();
        });
        std::cout.flush();
    } catch (const Xapian::NetworkError& error) {
        throw herald::ShardUnavailable("a shard failed during the export: " + error.get_msg());
    }
    return kExitOk;
}

int serve(const Options& options) {
    const auto language = herald::resolve_language(options.language);
    if (!language) throw CLI::ValidationError("--language", "unknown language '" + options.language + "'");
    const auto locations = herald::resolve_databases(options.databases);
    herald::open_shards(locations, options.shard_options);  // fail now, not on the first request
    herald::web::ServerMetrics metrics;
    herald::web::ResultCache cache(options.cache_mb << 20);
    const herald::web::WebApp app({locations, options.shard_options, *language, options.web_limits,
                                   options.time_limit_ms / 1000, options.language_given, options.max_export},
                                  metrics, cache);
    herald::web::serve_fastcgi(app, metrics, options.server);
    return kExitOk;
}

int fail(const Options& options, const std::string& message) {
    if (options.json) std::cout << herald::error_to_json(message).dump() << '\n';
    fmt::print(stderr, "herald-searcher: {}\n", message);
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"Search a Herald database of news articles.", "herald-searcher"};
    app.footer(kExitCodeHelp);
    app.set_version_flag("--version", herald::version_text("herald-searcher"), herald::kVersionOptionHelp);
    app.add_option("--db", options.databases,
                   "Database: a directory, a stub file, or tcp://HOST:PORT (xapian-tcpsrv); repeat to search "
                   "several as one (default: $HERALD_DB, else ./herald.db)")
        ->allow_extra_args(false);
    app.add_option("--limit", options.limit, "Results per page (default 10)")->check(CLI::Range(0u, kMaxLimit));
    app.add_option("--offset", options.offset, "Results to skip, for paging (default 0)");
    app.add_option("--language", options.language,
                   "Stem query words in this language only (default: in every language the archive holds; "
                   "operators and fields follow English)");
    app.add_flag("--json", options.json, "Print one JSON object instead of text");
    app.add_option("--source", options.sources, "Only articles from this outlet (repeat: any of them)")
        ->allow_extra_args(false);
    app.add_option("--author", options.authors, "Only articles by this author (repeat: any of them)")
        ->allow_extra_args(false);
    app.add_option("--tag", options.tags, "Only articles with this tag (repeat: any of them)")->allow_extra_args(false);
    app.add_option("--lang", options.languages, "Only articles in this language, a code or name (repeat: any of them)")
        ->allow_extra_args(false);
    app.add_option(
           "--filter", options.keyword_filters,
           "Only articles whose keyword field NAME (herald-indexer --keyword) has VALUE, NAME=VALUE (repeat: any "
           "value of a field, every field)")
        ->allow_extra_args(false);
    app.add_option("--from", options.from, "Only articles on or after this date (2016, 2016-05, 2016-05-03)");
    app.add_option("--to", options.to, "Only articles on or before this date (whole period for partial dates)");
    app.add_option("--sort", options.sort, "relevance (default), date (oldest first) or -date (newest first)");
    app.add_option("--ranking", options.ranking,
                   "herald (default: BM25 plus title matches, weighed by idf and title length, and the top 20 "
                   "re-ranked by how many query words they match) or bm25 "
                   "(Xapian's stock BM25, for comparison)");
    app.add_option("--recency", options.recency_half_life_days,
                   "Blend relevance with freshness: boost halves every DAYS days before the newest article")
        ->check(CLI::PositiveNumber);
    app.add_option("--facets", options.facets,
                   "Count matches by source,tag,author,year,lang or a keyword field (comma-separated)")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("--timeline", options.timeline,
                   "Count every match by day, week, month or year, next to the archive's articles in each period "
                   "(JSON \"timeline\"; a sparkline in text); makes the total exact")
        ->check(CLI::IsMember({"day", "week", "month", "year"}));
    app.add_option("--compare", options.compare,
                   "Timelines of several queries on the same periods (repeat: --compare Q1 --compare Q2); "
                   "filters apply to each; the interval is --timeline's (default month)")
        ->allow_extra_args(false);
    app.add_option("--top-terms", options.top_terms,
                   "Also list the N words and two-word phrases most over-represented in the top 200 matches "
                   "against the whole archive (significant terms, stopwords left out; N at most 100)")
        ->type_name("N");
    app.add_flag("--no-collapse", options.no_collapse, "Show every copy of syndicated/duplicate articles");
    app.add_flag("--count-name-variants", options.count_name_variants,
                 "Count the articles a name's key alone finds (a variant spelling: Zelenskyy for Zelensky) in the "
                 "total, facets, timeline, top terms and --export (default: listed after the others, not counted)");
    app.add_option("--match", options.match,
                   "all: articles with every word of the query (a name such as Vladimir Putin by its surname "
                   "alone; stopwords not needed), or, when none has them all, those with any word, flagged; any: "
                   "articles with any word. Explicit AND/OR in the query keep their meaning (default: all)")
        ->type_name("all|any");
    app.add_option("--like", options.like_id, "Articles related to the article with this id");
    app.add_option("--time-limit", options.time_limit_ms,
                   "Stop counting all matches (facets, exact totals) after MS milliseconds; results are then "
                   "flagged partial (default: no limit)")
        ->check(CLI::PositiveNumber);
    app.add_option("--timeout", options.shard_options.timeout_ms,
                   "Remote shards (tcp://): give up connecting or waiting after MS milliseconds (default 10000)")
        ->check(CLI::Range(1u, 3600000u));
    app.add_flag("--allow-partial", options.shard_options.allow_partial,
                 "Answer from the shards that are up when some are not, flagged \"partial\" (default: exit 3)");
    auto* export_option =
        app.add_option("--export", options.export_format,
                       "Write every match with all its fields (id, title, source, authors, date, url, language, "
                       "tags, body, rank, score...) as jsonl (JSON Lines) or csv (RFC 4180, header row), in rank or "
                       "--sort order, copies folded as in results; no limit")
            ->check(CLI::Validator(
                [](std::string& name) {
                    return herald::export_format_from_name(name) ? std::string()
                                                                 : "must be jsonl or csv, not '" + name + "'";
                },
                "jsonl|csv"));
    app.add_flag("--csv-safe", options.csv_safe,
                 "With --export csv: put a ' before cells starting with =, +, -, @, a tab or a CR, so spreadsheets "
                 "show them as text instead of running them as formulas (as /export does; default: values as "
                 "stored)")
        ->needs(export_option);
    app.add_option("QUERY", options.query_words, "Query words (optional with --like or filters)");

    auto* web = "Web endpoint (FastCGI)";
    app.add_flag("--fastcgi", options.fastcgi,
                 "Serve /search, /export, /feed, /, /health and /metrics over FastCGI until SIGTERM")
        ->group(web);
    app.add_option("--listen", options.server.listen,
                   "HOST:PORT or a Unix socket path, made mode 0660 for the owner and group only (default: the "
                   "FastCGI socket on standard input)")
        ->group(web);
    app.add_option("--threads", options.server.threads, "Worker threads, each with its own database (default: cores)")
        ->check(CLI::Range(1u, 1024u))
        ->group(web);
    app.add_option("--access-log", options.server.access_log, "Access log file, reopened on SIGHUP (default: stderr)")
        ->group(web);
    app.add_option("--cache-mb", options.cache_mb,
                   "Memory for cached /search answers, keyed by database revision; 0 turns it off (default 64)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 20))
        ->group(web);
    app.add_option("--max-limit", options.web_limits.max_limit, "Largest page a request may ask for (default 100)")
        ->check(CLI::Range(1u, kMaxLimit))
        ->group(web);
    app.add_option("--max-export", options.max_export,
                   "Most matches one /export request writes (default 100000); a cut export says so in "
                   "X-Herald-Truncated")
        ->check(CLI::Range(1u, std::numeric_limits<Xapian::doccount>::max()))
        ->group(web);
    app.add_option("--max-query-bytes", options.web_limits.max_query_bytes, "Longest query accepted (default 1024)")
        ->check(CLI::PositiveNumber)
        ->group(web);

    for (const char* not_with_export : {"--limit", "--offset", "--json", "--facets", "--time-limit", "--fastcgi"}) {
        export_option->excludes(app.get_option(not_with_export));
    }

    try {
        app.parse(argc, argv);
        options.language_given = app.count("--language") > 0;
        if (options.databases.empty()) options.databases.push_back(herald::default_database_path());
        if (options.fastcgi) {
            if (!options.query_words.empty()) throw CLI::ValidationError("QUERY", "not taken with --fastcgi");
            return serve(options);
        }
        if (!options.compare.empty() && !options.query_words.empty()) {
            throw CLI::ValidationError("QUERY", "not taken with --compare (give each query to --compare)");
        }
        if (options.compare.empty() && options.query_words.empty() && options.like_id.empty() &&
            options.sources.empty() && options.authors.empty() && options.tags.empty() && options.languages.empty() &&
            options.keyword_filters.empty() && options.from.empty() && options.to.empty()) {
            throw CLI::RequiredError("QUERY (or --like, or a filter)");
        }
        return options.export_format.empty() ? run(options) : export_matches(options);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? kExitOk : kExitUsage;
    } catch (const herald::QueryError& error) {
        return fail(options, error.what());
    } catch (const herald::ShardUnavailable& error) {
        fail(options, error.what());
        return kExitShardUnavailable;
    } catch (const Xapian::DatabaseOpeningError& error) {
        return fail(options,
                    fmt::format("cannot open database {}: {}", join_words(options.databases), error.get_msg()));
    } catch (const Xapian::Error& error) {
        return fail(options, error.get_description());
    } catch (const std::exception& error) {
        return fail(options, error.what());
    }
}
