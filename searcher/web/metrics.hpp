// Server counters for /metrics, in Prometheus' text exposition format.
// Lock-free: every worker thread records into the same atomics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace herald::web {

class ServerMetrics {
  public:
    // Upper bounds of the latency histogram's buckets, in seconds.
    static constexpr std::array<double, 12> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                               0.1,   0.25,   0.5,   1,    2.5,   5};

    // A request arrived; record() ends it.
    void started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
    void record(const std::string& route, int status, double seconds, bool partial);

    // The whole exposition; `documents` is the database's current count
    // (nullopt when it cannot be opened: the gauge is then left out).
    std::string render(std::optional<std::uint64_t> documents) const;

  private:
    enum Route { kSearch, kExport, kFeed, kPage, kHealth, kMetrics, kOther, kRouteCount };
    static Route route_index(const std::string& route);

    std::array<std::array<std::atomic<std::uint64_t>, 6>, kRouteCount> requests_{};        // by status class 0xx..5xx
    std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> latency_counts_{};  // last: +Inf
    std::atomic<std::uint64_t> latency_micros_sum_{0};
    std::atomic<std::uint64_t> partial_results_{0};
    std::atomic<std::uint64_t> in_flight_{0};
};

}  // namespace herald::web
