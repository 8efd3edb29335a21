#include "indexer/store/shared_reporter.hpp"

namespace herald {

void SharedReporter::warn(const RecordOrigin& origin, const std::string& message) {
    if (reports_inputs_) warn_article(origin, message);
}

void SharedReporter::reject(const RecordOrigin& origin, const std::string& reason) {
    if (reports_inputs_) reject_article(origin, reason);
}

void SharedReporter::warn_article(const RecordOrigin& origin, const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++warnings_;
    out_.warn(origin, message);
}

void SharedReporter::reject_article(const RecordOrigin& origin, const std::string& reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++rejected_;
    progress_.rejected.store(rejected_, std::memory_order_relaxed);
    out_.reject(origin, reason);
}

void SharedReporter::id_collision(const IdCollision& collision) {
    if (!reports_inputs_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    ++id_collisions_;
    progress_.id_collisions.store(id_collisions_, std::memory_order_relaxed);
    out_.id_collision(collision);
}

void SharedReporter::note(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    out_.note(message);
}

}  // namespace herald
