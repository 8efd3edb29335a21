// What a worker thread keeps across requests: its own handles on the shards
// and its own query stemmer, since neither is thread-safe. The shards move
// to their latest commit before every request, so the indexer's new
// articles show up without a restart; the stemmer keeps its cache warm.
// Shards that were unreachable are tried again every few seconds, so a
// shard that returns is searched again without a restart.
#pragma once

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "herald/language.hpp"
#include "herald/search.hpp"
#include "herald/shards.hpp"

namespace herald::web {

class WorkerSession {
  public:
    WorkerSession(std::vector<ShardLocation> locations, ShardOptions options, const Language& language)
        : locations_(std::move(locations)), options_(options), stemmer_(make_stemmer(language.stemmer)) {}

    const Xapian::Stem& stemmer() const { return stemmer_; }

    // Runs `use(shards)` on the latest commit, opening the shards if needed.
    // A commit that lands while `use` reads (DatabaseModifiedError) or a
    // shard lost mid-search (NetworkError) makes it run again on freshly
    // opened shards; a lost shard then fails the request (ShardUnavailable)
    // or, with allow_partial, is left out.
    template <typename Use>
    auto with_latest(Use&& use) {
        for (int attempt = 1;; ++attempt) {
            try {
                return use(latest());
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == kAttempts) throw;
            } catch (const Xapian::NetworkError& error) {
                forget();
                if (attempt == kAttempts)
                    throw ShardUnavailable("a shard failed during the search: " + error.get_msg());
            }
        }
    }

    // Drops the handles so the next request opens the shards afresh.
    void forget() { shards_.reset(); }

  private:
    static constexpr int kAttempts = 3;
    static constexpr std::chrono::seconds kRetryMissingEvery{2};

    const ShardSet& latest() {
        const auto now = std::chrono::steady_clock::now();
        if (shards_ && !shards_->missing.empty() && now - opened_ >= kRetryMissingEvery) shards_.reset();
        if (!shards_) {
            shards_ = open_shards(locations_, options_);
            opened_ = now;
        } else {
            shards_->database.reopen();
        }
        return *shards_;
    }

    std::vector<ShardLocation> locations_;
    ShardOptions options_;
    std::optional<ShardSet> shards_;
    std::chrono::steady_clock::time_point opened_;
    Xapian::Stem stemmer_;
};

}  // namespace herald::web
