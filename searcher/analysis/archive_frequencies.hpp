// How many articles of the archive hold a word or a two-word phrase, as top
// terms look them up, remembered for one revision of the shards (kept with
// its column store, so a commit starts afresh). The words of the top
// matches recur from query to query ("president", "White House"): a server
// looks each up once per revision instead of once per request, as
// Elasticsearch's significant_text keeps background frequencies cached.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace herald {

class ArchiveFrequencies {
  public:
    // At most this many keys are remembered (about 80 bytes each); past it
    // the rest are looked up every time.
    static constexpr std::size_t kMaxKeys = std::size_t{1} << 18;

    // The key of a word (itself, folded) or of a phrase of two.
    static std::string key(const std::string& first, const std::string& second = {});

    // The remembered frequencies of those of `keys` known, by key.
    std::unordered_map<std::string, Xapian::doccount> find(const std::vector<std::string>& keys) const;
    void remember(const std::unordered_map<std::string, Xapian::doccount>& found);
    std::size_t keys() const;
    std::size_t bytes() const;

  private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Xapian::doccount> known_;
    std::size_t key_bytes_ = 0;  // key text held outside the strings themselves, kept as keys are added
};

}  // namespace herald
