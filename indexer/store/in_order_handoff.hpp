// Keeps the direct writer applying chunks in input order whatever order the
// analysis workers finish them in; a worker waits when it runs too far ahead.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

namespace herald {

template <typename Item>
class InOrderHandoff {
  public:
    explicit InOrderHandoff(std::size_t window) : window_(window) {}

    void put(std::uint64_t sequence, Item item) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return aborted_ || sequence < next_ + window_; });
        if (aborted_) return;
        items_.emplace(sequence, std::move(item));
        changed_.notify_all();
    }
    // The next item in sequence; nullopt after finish(total) once all are taken.
    std::optional<Item> take() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return (total_ && next_ == *total_) || items_.count(next_); });
        if (total_ && next_ == *total_) return std::nullopt;
        auto node = items_.extract(next_++);
        changed_.notify_all();
        return std::move(node.mapped());
    }
    void finish(std::uint64_t total) {
        std::lock_guard<std::mutex> lock(mutex_);
        total_ = total;
        changed_.notify_all();
    }
    // The consumer failed: producers stop waiting for room.
    void abort() {
        std::lock_guard<std::mutex> lock(mutex_);
        aborted_ = true;
        changed_.notify_all();
    }

  private:
    std::size_t window_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::uint64_t, Item> items_;
    std::uint64_t next_ = 0;
    std::optional<std::uint64_t> total_;
    bool aborted_ = false;
};

}  // namespace herald
