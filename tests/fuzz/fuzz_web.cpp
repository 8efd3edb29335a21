// The web endpoint's routes over the fuzz database, transport aside. The
// input is a request line, "GET /search?q=gas&facets=source": method, path
// and raw query string. WebApp::handle never throws; a bad request is a 4xx,
// so a 500 (an unexpected exception inside) or a 503 (the database lost) is
// a bug, and every JSON body must parse.
#include <nlohmann/json.hpp>
#include <string>

#include "common/shards.hpp"
#include "searcher/web/metrics.hpp"
#include "searcher/web/result_cache.hpp"
#include "searcher/web/web_app.hpp"
#include "searcher/web/worker_session.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace herald;

// Streamed bodies (/export) are read this far.
constexpr std::size_t kMaxStreamedBytes = 1u << 20;

web::HttpRequest parse_request_line(std::string_view line) {
    web::HttpRequest request;
    const auto space = line.find(' ');
    request.method = std::string(line.substr(0, space));
    const std::string_view target = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    const auto question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query_string = std::string(target.substr(question + 1));
    request.url = "http://localhost" + std::string(target);
    return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const web::WebConfig config = [] {
        web::WebConfig config;
        config.databases = resolve_databases({fuzz::fuzz_database().string()});
        config.language = fuzz::kEnglish;
        config.max_export = 1000;
        return config;
    }();
    static web::ServerMetrics metrics;
    static web::ResultCache cache(1u << 20);
    static web::WorkerSession session(config.databases, config.shard_options, config.language);
    static const web::WebApp app(config, metrics, cache);

    const auto request = parse_request_line(fuzz::as_text(data, size));
    web::HttpResponse response = app.handle(request, session);
    std::string body = response.body;
    if (response.stream) {
        response.stream([&body](std::string_view piece) {
            if (body.size() < kMaxStreamedBytes) body.append(piece);
        });
    }
    fuzz::require(response.status != 500, "no 500: " + response.body);
    fuzz::require(response.status != 503, "the database stays available");
    if (response.content_type.rfind("application/json", 0) == 0 && request.method != "HEAD") {
        fuzz::require(nlohmann::json::accept(body), "JSON bodies parse");
    }
    return 0;
}
