#include "searcher/web/result_cache.hpp"

namespace herald::web {

std::size_t ResultCache::cost(const Entry& entry) {
    constexpr std::size_t kOverhead = 128;  // list node, map node, string headers
    return entry.first.size() * 2 + entry.second.body.size() + entry.second.query.size() + kOverhead;
}

std::optional<CachedAnswer> ResultCache::find(const std::string& key) {
    if (!enabled()) return std::nullopt;
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto found = index_.find(key);
    if (found == index_.end()) {
        misses_.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    hits_.fetch_add(1, std::memory_order_relaxed);
    recent_.splice(recent_.begin(), recent_, found->second);
    return found->second->second;
}

void ResultCache::store(const std::string& key, CachedAnswer answer) {
    if (!enabled()) return;
    answer.body.shrink_to_fit();  // the budget counts sizes: no spare capacity kept for months
    Entry entry{key, std::move(answer)};
    const std::size_t entry_cost = cost(entry);
    if (entry_cost > budget_) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    if (index_.count(key) != 0) return;  // another worker answered it first
    recent_.push_front(std::move(entry));
    index_.emplace(key, recent_.begin());
    used_ += entry_cost;
    while (used_ > budget_) {
        used_ -= cost(recent_.back());
        index_.erase(recent_.back().first);
        recent_.pop_back();
    }
}

}  // namespace herald::web
