#include "searcher/web/metrics.hpp"

#include <fmt/format.h>

#include <iterator>

#include "searcher/analysis/column_store.hpp"

namespace herald::web {
namespace {

constexpr const char* kRouteNames[] = {"search", "export", "feed", "page", "health", "metrics", "other"};

}  // namespace

ServerMetrics::Route ServerMetrics::route_index(const std::string& route) {
    if (route == "/search") return kSearch;
    if (route == "/export") return kExport;
    if (route == "/feed") return kFeed;
    if (route == "/") return kPage;
    if (route == "/health") return kHealth;
    if (route == "/metrics") return kMetrics;
    return kOther;
}

void ServerMetrics::record(const std::string& route, int status, double seconds, bool partial) {
    const std::size_t status_class = status >= 100 && status < 600 ? static_cast<std::size_t>(status / 100) : 0;
    requests_[route_index(route)][status_class].fetch_add(1, std::memory_order_relaxed);
    std::size_t bucket = 0;
    while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
    latency_counts_[bucket].fetch_add(1, std::memory_order_relaxed);
    latency_micros_sum_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    if (partial) partial_results_.fetch_add(1, std::memory_order_relaxed);
}

std::string ServerMetrics::render(std::optional<std::uint64_t> documents) const {
    std::string out;
    auto sink = std::back_inserter(out);
    fmt::format_to(sink, "# HELP herald_http_requests_total Requests answered, by route and status class.\n");
    fmt::format_to(sink, "# TYPE herald_http_requests_total counter\n");
    for (std::size_t route = 0; route < kRouteCount; ++route) {
        for (std::size_t status_class = 1; status_class < 6; ++status_class) {
            const auto count = requests_[route][status_class].load(std::memory_order_relaxed);
            if (count == 0) continue;
            fmt::format_to(sink, "herald_http_requests_total{{route=\"{}\",code=\"{}xx\"}} {}\n", kRouteNames[route],
                           status_class, count);
        }
    }
    std::uint64_t errors = 0;
    for (const auto& by_status : requests_) errors += by_status[5].load(std::memory_order_relaxed);
    fmt::format_to(sink, "# HELP herald_http_errors_total Requests answered with a 5xx status.\n");
    fmt::format_to(sink, "# TYPE herald_http_errors_total counter\n");
    fmt::format_to(sink, "herald_http_errors_total {}\n", errors);

    fmt::format_to(sink, "# HELP herald_http_request_duration_seconds Time from request to response.\n");
    fmt::format_to(sink, "# TYPE herald_http_request_duration_seconds histogram\n");
    std::uint64_t cumulative = 0;
    for (std::size_t bucket = 0; bucket < kLatencyBuckets.size(); ++bucket) {
        cumulative += latency_counts_[bucket].load(std::memory_order_relaxed);
        fmt::format_to(sink, "herald_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kLatencyBuckets[bucket],
                       cumulative);
    }
    cumulative += latency_counts_.back().load(std::memory_order_relaxed);
    fmt::format_to(sink, "herald_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    fmt::format_to(sink, "herald_http_request_duration_seconds_sum {:.6f}\n",
                   static_cast<double>(latency_micros_sum_.load(std::memory_order_relaxed)) / 1e6);
    fmt::format_to(sink, "herald_http_request_duration_seconds_count {}\n", cumulative);

    fmt::format_to(sink, "# HELP herald_search_partial_total Searches stopped by the time limit.\n");
    fmt::format_to(sink, "# TYPE herald_search_partial_total counter\n");
    fmt::format_to(sink, "herald_search_partial_total {}\n", partial_results_.load(std::memory_order_relaxed));
    fmt::format_to(sink, "# HELP herald_http_requests_in_flight Requests being answered now.\n");
    fmt::format_to(sink, "# TYPE herald_http_requests_in_flight gauge\n");
    fmt::format_to(sink, "herald_http_requests_in_flight {}\n", in_flight_.load(std::memory_order_relaxed));
    fmt::format_to(sink, "# HELP herald_documents Articles in the database.\n");
    fmt::format_to(sink, "# TYPE herald_documents gauge\n");
    if (documents) fmt::format_to(sink, "herald_documents {}\n", *documents);
    if (const auto columns = latest_column_store()) {
        fmt::format_to(sink,
                       "# HELP herald_column_store_bytes Memory of the columns counts read (analysis/column_store).\n");
        fmt::format_to(sink, "# TYPE herald_column_store_bytes gauge\n");
        fmt::format_to(sink, "herald_column_store_bytes {}\n", columns->bytes());
        fmt::format_to(
            sink, "# HELP herald_column_store_build_seconds Time spent reading those columns after the last commit.\n");
        fmt::format_to(sink, "# TYPE herald_column_store_build_seconds gauge\n");
        fmt::format_to(sink, "herald_column_store_build_seconds {:.6f}\n", columns->build_seconds());
    }
    return out;
}

}  // namespace herald::web
