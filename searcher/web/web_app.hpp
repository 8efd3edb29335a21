// The web endpoint's routes, independent of the transport:
//   GET /search   the JSON of `herald-searcher --json` (same request, same code path)
//   GET /compare  the JSON of `herald-searcher --compare`: q= repeated, one timeline each
//   GET /export   every match (up to --max-export) as JSON Lines or CSV, a download
//   GET /feed     the newest matches as an Atom 1.0 feed
//   GET /         an HTML search page that works without JavaScript
//   GET /health   200 with the document count and last commit, 503 without a database
//   GET /metrics  Prometheus text format
// HEAD is answered like GET without a body; other methods get 405.
#pragma once

#include <string>
#include <vector>

#include "common/language.hpp"
#include "searcher/query/search_params.hpp"
#include "searcher/web/http.hpp"
#include "searcher/web/metrics.hpp"
#include "searcher/web/result_cache.hpp"
#include "searcher/web/worker_session.hpp"

namespace herald::web {

// Each compared query is a pass over its whole match set.
inline constexpr std::size_t kMaxComparedQueries = 10;

struct WebConfig {
    std::vector<ShardLocation> databases;
    ShardOptions shard_options;
    Language language;
    ParameterLimits limits;
    double time_limit_seconds = 0;         // per match; 0: none
    bool stem_in_language_only = false;    // --language given: no stems in the archive's other languages
    Xapian::doccount max_export = 100000;  // most matches one /export writes
};

class WebApp {
  public:
    WebApp(WebConfig config, ServerMetrics& metrics, ResultCache& cache)
        : config_(std::move(config)), metrics_(metrics), cache_(cache) {}

    // Never throws: every failure becomes a status and an error body.
    HttpResponse handle(const HttpRequest& request, WorkerSession& session) const;

    const WebConfig& config() const { return config_; }

  private:
    HttpResponse route(const HttpRequest& request, WorkerSession& session) const;
    HttpResponse search(const HttpRequest& request, WorkerSession& session) const;
    HttpResponse compare(const HttpRequest& request, WorkerSession& session) const;
    HttpResponse export_results(const HttpRequest& request, WorkerSession& session) const;
    HttpResponse feed(const HttpRequest& request, WorkerSession& session) const;
    HttpResponse page(const HttpRequest& request, WorkerSession& session) const;
    // A request's search parameters with the deployment's settings applied.
    SearchRequest checked_request(const Parameters& parameters) const;
    HttpResponse health(WorkerSession& session) const;
    HttpResponse metrics(WorkerSession& session) const;
    // Empty when the answer cannot be cached.
    std::string cache_key(const ShardSet& shards, const std::string& query_string) const;
    SearchResults run_search(const SearchRequest& request, WorkerSession& session) const;

    WebConfig config_;
    ServerMetrics& metrics_;
    ResultCache& cache_;
};

}  // namespace herald::web
