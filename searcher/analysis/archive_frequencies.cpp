#include "searcher/analysis/archive_frequencies.hpp"

namespace herald {

std::string ArchiveFrequencies::key(const std::string& first, const std::string& second) {
    // Folded words hold no space, so a phrase's key is never a word's.
    return second.empty() ? first : first + ' ' + second;
}

std::unordered_map<std::string, Xapian::doccount> ArchiveFrequencies::find(const std::vector<std::string>& keys) const {
    std::unordered_map<std::string, Xapian::doccount> found;
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& key : keys) {
        const auto known = known_.find(key);
        if (known != known_.end()) found.emplace(key, known->second);
    }
    return found;
}

void ArchiveFrequencies::remember(const std::unordered_map<std::string, Xapian::doccount>& found) {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, frequency] : found) {
        if (known_.size() >= kMaxKeys) break;
        const auto [entry, added] = known_.emplace(key, frequency);
        if (added && entry->first.capacity() > 15) key_bytes_ += entry->first.capacity() + 1;
    }
}

std::size_t ArchiveFrequencies::keys() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return known_.size();
}

std::size_t ArchiveFrequencies::bytes() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    // A node (key, value, next, hash) per key and a bucket, plus key text past
    // the short-string buffer (counted as keys are added: /metrics takes this
    // lock, which searches share, and should not walk every key under it).
    const std::size_t node = sizeof(std::pair<const std::string, Xapian::doccount>) + 2 * sizeof(void*);
    return known_.bucket_count() * sizeof(void*) + known_.size() * node + key_bytes_;
}

}  // namespace herald
