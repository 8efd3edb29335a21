#include "searcher/web/web_app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/date.hpp"
#include "common/schema.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/web/html_page.hpp"
#include "searcher/web/query_string.hpp"

namespace herald::web {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
// Top terms the search page shows by default.
constexpr std::size_t kPageTopTerms = 10;

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
           !request.languages.empty() || !request.from.empty() || !request.to.empty();
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
    if (path != "/search" && path != "/" && path != "/health" && path != "/metrics") {
        return error_response(404, fmt::format("no such page: {}", path));
    }
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = error_response(405, fmt::format("method {} is not allowed", request.method));
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    if (path == "/search") return search(request, session);
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

HttpResponse WebApp::search(const HttpRequest& request, WorkerSession& session) const {
    SearchRequest search_request =
        search_request_from_parameters(parse_query_string(request.query_string), config_.limits);
    search_request.time_limit_seconds = config_.time_limit_seconds;
    if (config_.stem_in_language_only) search_request.language = config_.language.code;
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
        SearchRequest search_request = search_request_from_parameters(view.parameters, config_.limits);
        search_request.time_limit_seconds = config_.time_limit_seconds;
        if (config_.stem_in_language_only) search_request.language = config_.language.code;
        if (search_request.facets.empty()) search_request.facets = {"source", "tag", "year", "lang"};
        // What the matches talk about, unless the page asks for another number (0: none).
        if (!has_parameter(view.parameters, "top_terms")) search_request.top_terms = kPageTopTerms;
        view.request = search_request;
        if (narrows_search(search_request)) {
            view.results = run_search(search_request, session);
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
