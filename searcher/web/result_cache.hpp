// Finished /search answers, kept for repeated queries (news search is
// Zipf-shaped: a few queries make most of the traffic). Keys carry the
// database revision, so a commit makes every older entry unreachable: the
// cache never serves results the index no longer gives. Shared by all
// worker threads; least recently used entries go first past the byte budget.
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace herald::web {

struct CachedAnswer {
    std::string body;
    long long result_count = 0;
    std::string query;
};

class ResultCache {
  public:
    explicit ResultCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

    bool enabled() const { return budget_ > 0; }
    std::optional<CachedAnswer> find(const std::string& key);
    void store(const std::string& key, CachedAnswer answer);

    std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
    std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

  private:
    using Entry = std::pair<std::string, CachedAnswer>;
    static std::size_t cost(const Entry& entry);

    std::size_t budget_;
    std::size_t used_ = 0;
    std::mutex mutex_;
    std::list<Entry> recent_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace herald::web
