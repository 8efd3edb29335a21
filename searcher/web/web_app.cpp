#include "searcher/web/web_app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "common/date.hpp"
#include "common/schema.hpp"
#include "searcher/match/full_ranking.hpp"
#include "searcher/present/atom_feed.hpp"
#include "searcher/present/export.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/web/html_page.hpp"
#include "searcher/web/query_string.hpp"

namespace herald::web {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kAtom = "application/atom+xml; charset=utf-8";
constexpr Xapian::doccount kFeedEntries = 20;  // without limit=
// Top terms the search page shows by default.
constexpr std::size_t kPageTopTerms = 10;
// The page's top terms read a sample, as Elasticsearch's sampler under
// significant_text does: the first 500 words of the top 100 matches (the
// API's defaults read 2000 of 200), which costs the page 40-65% less.
constexpr Xapian::doccount kPageTopTermsForeground = 100;
constexpr std::size_t kPageTopTermsWords = 500;

bool has_parameter(const Parameters& parameters, const std::string& name) {
    return std::any_of(parameters.begin(), parameters.end(),
                       [&name](const auto& parameter) { return parameter.first == name; });
}

HttpResponse json_response(int status, const nlohmann::ordered_json& json) {
    HttpResponse response;
    response.status = status;
    // Error messages may quote request bytes that are not UTF-8 (a path).
    response.body = json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    response.body += '\n';
    return response;
}

HttpResponse error_response(int status, const std::string& message) {
    return json_response(status, error_to_json(message));
}

nlohmann::ordered_json iso8601_or_null(const std::string& epoch_seconds) {
    const std::string iso = iso8601_from_epoch_seconds(epoch_seconds);
    return iso.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(iso);
}

bool narrows_search(const SearchRequest& request) {
    return request.query.find_first_not_of(" \t\n") != std::string::npos || !request.like_id.empty() ||
           !request.sources.empty() || !request.authors.empty() || !request.tags.empty() ||
           !request.languages.empty() || !request.keyword_filters.empty() || !request.from.empty() ||
           !request.to.empty();
}

// Takes the parameters named `name` out of `parameters`; their values.
std::vector<std::string> take(Parameters& parameters, const std::string& name) {
    std::vector<std::string> values;
    for (auto it = parameters.begin(); it != parameters.end();) {
        if (it->first == name) {
            values.push_back(it->second);
            it = parameters.erase(it);
        } else {
            ++it;
        }
    }
    return values;
}

void refuse(const Parameters& parameters, const std::string& name, const std::string& why) {
    for (const auto& parameter : parameters) {
        if (parameter.first == name) throw ParameterError(fmt::format("{}: {}", name, why));
    }
}

std::string now_rfc3339() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec);
}

// What a feed follows: its parameters but paging, in one order, so the
// same query keeps its feed id however its URL is written.
std::string feed_key(Parameters parameters) {
    take(parameters, "limit");
    take(parameters, "offset");
    std::sort(parameters.begin(), parameters.end());
    std::string key;
    for (const auto& [name, value] : parameters) key += name + '=' + value + '\0';
    return key;
}

// "Herald: gas hub source:CNN from:2016".
std::string feed_title(const Parameters& parameters) {
    std::string title = "Herald:";
    for (const auto& [name, value] : parameters) {
        if (name == "q") title += " " + value;
    }
    for (const auto& [name, value] : parameters) {
        if (name != "q" && name != "limit" && name != "offset" && name != "sort") title += " " + name + ":" + value;
    }
    return title;
}

}  // namespace

HttpResponse WebApp::handle(const HttpRequest& request, WorkerSession& session) const {
    try {
        return route(request, session);
    } catch (const QueryError& error) {  // ParameterError too
        return error_response(400, error.what());
    } catch (const Xapian::DatabaseOpeningError& error) {
        session.forget();
        return error_response(503, "database unavailable: " + error.get_msg());
    } catch (const ShardUnavailable& error) {
        session.forget();
        return error_response(503, error.what());
    } catch (const DatabaseBusy& error) {
        HttpResponse response = error_response(503, error.what());
        response.headers.emplace_back("Retry-After", "1");
        return response;
    } catch (const Xapian::UnimplementedError& error) {  // a request this deployment cannot answer
        return error_response(400, error.get_msg());
    } catch (const Xapian::NetworkError& error) {  // only a failing connection or database
        session.forget();                          // warrants reopening the shards
        return error_response(500, error.get_description());
    } catch (const Xapian::DatabaseError& error) {
        session.forget();
        return error_response(500, error.get_description());
    } catch (const Xapian::Error& error) {
        return error_response(500, error.get_description());
    } catch (const std::exception& error) {
        return error_response(500, error.what());
    }
}

HttpResponse WebApp::route(const HttpRequest& request, WorkerSession& session) const {
    const std::string& path = request.path;
    if (path != "/search" && path != "/compare" && path != "/export" && path != "/feed" && path != "/" &&
        path != "/health" && path != "/metrics") {
        return error_response(404, fmt::format("no such page: {}", path));
    }
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = error_response(405, fmt::format("method {} is not allowed", request.method));
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    if (path == "/search") return search(request, session);
    if (path == "/compare") return compare(request, session);
    if (path == "/export") return export_results(request, session);
    if (path == "/feed") return feed(request, session);
    if (path == "/") return page(request, session);
    if (path == "/health") return health(session);
    return metrics(session);
}

SearchResults WebApp::run_search(const SearchRequest& request, WorkerSession& session) const {
    return session.with_latest([&](const ShardSet& shards) {
        Searcher searcher(shards, session.stemmer(), session.synonyms(shards));
        return searcher.search(request);
    });
}

SearchRequest WebApp::checked_request(const Parameters& parameters) const {
    SearchRequest search_request = search_request_from_parameters(parameters, config_.limits);
    search_request.time_limit_seconds = config_.time_limit_seconds;
    if (config_.stem_in_language_only) search_request.language = config_.language.code;
    return search_request;
}

HttpResponse WebApp::search(const HttpRequest& request, WorkerSession& session) const {
    const SearchRequest search_request = checked_request(parse_query_string(request.query_string));
    return session.with_latest([&](const ShardSet& shards) {
        const std::string key = cache_key(shards, request.query_string);
        if (!key.empty()) {
            if (auto cached = cache_.find(key)) {
                HttpResponse response;
                response.body = std::move(cached->body);
                response.result_count = cached->result_count;
                response.query = std::move(cached->query);
                return response;
            }
        }
        Searcher searcher(shards, session.stemmer(), session.synonyms(shards));
        const SearchResults results = searcher.search(search_request);
        HttpResponse response = json_response(200, results_to_json(results));
        response.result_count = results.total;
        response.query = results.query;
        response.partial = results.partial;
        if (!key.empty() && !results.partial) cache_.store(key, {response.body, response.result_count, response.query});
        return response;
    });
}

HttpResponse WebApp::compare(const HttpRequest& request, WorkerSession& session) const {
    Parameters others;
    std::vector<std::string> queries;
    for (auto& [name, value] : parse_query_string(request.query_string)) {
        if (name != "q") {
            others.emplace_back(std::move(name), std::move(value));
            continue;
        }
        if (value.size() > config_.limits.max_query_bytes) {
            throw ParameterError(fmt::format("q: longer than {} bytes", config_.limits.max_query_bytes));
        }
        queries.push_back(std::move(value));
    }
    if (queries.empty()) throw ParameterError("q: give each query to compare as its own q=");
    if (queries.size() > kMaxComparedQueries) {
        throw ParameterError(fmt::format("q: at most {} queries can be compared", kMaxComparedQueries));
    }
    SearchRequest compare_request = search_request_from_parameters(others, config_.limits);
    compare_request.time_limit_seconds = config_.time_limit_seconds;
    if (config_.stem_in_language_only) compare_request.language = config_.language.code;
    return session.with_latest([&](const ShardSet& shards) {
        Searcher searcher(shards, session.stemmer(), session.synonyms(shards));
        const Comparison comparison = searcher.compare(compare_request, queries);
        HttpResponse response = json_response(200, comparison_to_json(comparison));
        response.partial = comparison.partial;
        response.query = fmt::format("{}", fmt::join(queries, " | "));
        return response;
    });
}

// Every match up to --max-export. The ranking is made here (and made again
// should a commit land meanwhile); the records are read and sent one at a
// time by the response's stream. Not cached: a download is rarely asked
// twice, and would crowd out the searches.
HttpResponse WebApp::export_results(const HttpRequest& request, WorkerSession& session) const {
    Parameters parameters = parse_query_string(request.query_string);
    const std::vector<std::string> formats = take(parameters, "format");
    if (formats.size() > 1) throw ParameterError("format: given more than once");
    const std::string format_name = formats.empty() ? "jsonl" : formats.front();
    const auto format = export_format_from_name(format_name);
    if (!format) throw ParameterError(fmt::format("format: must be jsonl or csv, not '{}'", format_name));
    for (const char* name : {"limit", "offset", "facets"}) {
        refuse(parameters, name, "not taken by /export, which writes every match (up to --max-export)");
    }
    const SearchRequest search_request = checked_request(parameters);
    std::set<std::string> keyword_fields;
    auto ranking = std::make_shared<const FullRanking>(session.with_latest([&](const ShardSet& shards) {
        Searcher searcher(shards, session.stemmer(), session.synonyms(shards));
        keyword_fields = searcher.keyword_fields();
        return searcher.rank_all(search_request, config_.max_export);
    }));
    HttpResponse response;
    response.content_type = export_content_type(*format);
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("attachment; filename=\"herald-export.{}\"", export_extension(*format)));
    if (ranking->truncated()) {
        response.headers.emplace_back("X-Herald-Truncated", "true");
        fmt::print(stderr, "herald-searcher: warning: /export of q={} cut at --max-export={} matches\n",
                   nlohmann::json(search_request.query).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace),
                   config_.max_export);
    }
    // The ranking holds its own handle on the database, so the stream reads
    // the revision it was made from.
    response.stream = [ranking, format = *format, keyword_fields](const BodySink& sink) {
        // A download may be opened in a spreadsheet unread: no cell runs as a formula.
        ExportRecords records(format, keyword_fields, CsvCells::FormulaSafe);
        sink(records.header());
        ranking->visit([&](const Hit& hit) { sink(records.record(hit)); });
    };
    response.result_count = ranking->size();
    response.query = search_request.query;
    return response;
}

// The newest matches as Atom (not cached, like /export: its `updated` may be now).
HttpResponse WebApp::feed(const HttpRequest& request, WorkerSession& session) const {
    const Parameters parameters = parse_query_string(request.query_string);
    refuse(parameters, "facets", "not taken by /feed");
    bool limit_given = false;
    for (const auto& [name, value] : parameters) {
        if (name == "sort" && value != "-date") {
            throw ParameterError(fmt::format("sort: a feed is newest first (-date), not '{}'", value));
        }
        limit_given = limit_given || name == "limit";
    }
    SearchRequest search_request = checked_request(parameters);
    search_request.sort = SortOrder::DateDescending;
    if (!limit_given) search_request.limit = std::min(kFeedEntries, config_.limits.max_limit);
    const SearchResults results = run_search(search_request, session);
    HttpResponse response;
    response.content_type = kAtom;
    response.body =
        atom_feed({feed_id(feed_key(parameters)), feed_title(parameters), request.url, now_rfc3339()}, results.hits);
    response.result_count = results.total;
    response.query = results.query;
    response.partial = results.partial;
    return response;
}

std::string WebApp::cache_key(const ShardSet& shards, const std::string& query_string) const {
    if (!cache_.enabled() || shards.remote || !shards.missing.empty()) return {};
    return revision_key(shards) + "?" + query_string;
}

HttpResponse WebApp::page(const HttpRequest& request, WorkerSession& session) const {
    PageView view;
    view.limits = config_.limits;
    HttpResponse response;
    response.content_type = kHtml;
    try {
        view.parameters = parse_query_string(request.query_string);
        SearchRequest search_request = checked_request(view.parameters);
        const bool default_facets = search_request.facets.empty();
        if (default_facets) search_request.facets = {"source", "tag", "year", "lang"};
        // The page draws a timeline; without timeline= its interval suits the
        // span of the matches (years, months, weeks or days).
        if (!search_request.timeline) {
            search_request.timeline = TimelineInterval::Month;
            search_request.timeline_automatic = true;
        }
        // What the matches talk about, unless the page asks for another number (0: none).
        if (!has_parameter(view.parameters, "top_terms")) search_request.top_terms = kPageTopTerms;
        search_request.top_terms_foreground = kPageTopTermsForeground;
        search_request.top_terms_words_per_article = kPageTopTermsWords;
        // "481 articles with all the words · 7,929 with any".
        search_request.count_other_match = true;
        view.request = search_request;
        if (narrows_search(search_request)) {
            view.results = session.with_latest([&](const ShardSet& shards) {
                Searcher searcher(shards, session.stemmer(), session.synonyms(shards));
                view.keyword_fields = searcher.keyword_fields();
                SearchRequest with_keywords = search_request;
                // The database's keyword fields (AllSides' bias) are split as stacked bars.
                if (default_facets) {
                    with_keywords.facets.insert(with_keywords.facets.end(), view.keyword_fields.begin(),
                                                view.keyword_fields.end());
                }
                return searcher.search(with_keywords);
            });
            response.result_count = view.results->total;
            response.partial = view.results->partial;
        }
    } catch (const QueryError& error) {
        response.status = 400;
        view.error = error.what();
    }
    view.documents = session.with_latest([](const ShardSet& shards) { return shards.database.get_doccount(); });
    response.query = view.request.query;
    response.body = render_page(view);
    // The page has no scripts; this keeps any that slipped into it from running.
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    return response;
}

HttpResponse WebApp::health(WorkerSession& session) const {
    return session.with_latest([](const ShardSet& shards) {
        nlohmann::ordered_json json{
            {"status", shards.missing.empty() ? "ok" : "degraded"},
            {"documents", shards.database.get_doccount()},
            {"last_commit", nullptr},
            {"shards", nlohmann::ordered_json::array()},
            {"missing_shards", shards.missing},
        };
        std::string latest;  // newest commit of any shard (seconds since the epoch, as stored)
        for (std::size_t i = 0; i < shards.shards.size(); ++i) {
            const std::string commit = shards.shards[i].get_metadata(std::string(schema::kLastCommitKey));
            if (commit.size() > latest.size() || (commit.size() == latest.size() && commit > latest)) latest = commit;
            json["shards"].push_back({{"shard", shards.labels[i]}, {"documents", shards.shards[i].get_doccount()}});
        }
        json["last_commit"] = iso8601_or_null(latest);
        return json_response(200, json);
    });
}

HttpResponse WebApp::metrics(WorkerSession& session) const {
    std::optional<std::uint64_t> documents;
    try {
        documents = session.with_latest([](const ShardSet& shards) { return shards.database.get_doccount(); });
    } catch (const Xapian::Error&) {
        session.forget();  // the exposition still answers; the gauge is left out
    } catch (const std::exception&) {
        session.forget();
    }
    HttpResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics_.render(documents);
    response.body += fmt::format(
        "# HELP herald_cache_hits_total Searches answered from the result cache.\n"
        "# TYPE herald_cache_hits_total counter\nherald_cache_hits_total {}\n"
        "# HELP herald_cache_misses_total Searches the result cache did not hold.\n"
        "# TYPE herald_cache_misses_total counter\nherald_cache_misses_total {}\n",
        cache_.hits(), cache_.misses());
    return response;
}

}  // namespace herald::web
