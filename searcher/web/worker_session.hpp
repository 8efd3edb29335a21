// What a worker thread keeps across requests: its own handles on the shards
// and its own query stemmer, since neither is thread-safe. The shards move
// to their latest commit before every request, so the indexer's new
// articles show up without a restart; the stemmer keeps its cache warm.
// Shards that were unreachable are tried again every few seconds, so a
// shard that returns is searched again without a restart.
#pragma once

#include <fmt/format.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/language.hpp"
#include "common/shards.hpp"
#include "searcher/match/searcher.hpp"

namespace herald::web {

// Commits kept landing while a search read (each one discarding the revision
// it had reopened to): the database changes faster than the search can read
// it. Transient: the web answers 503 with Retry-After.
class DatabaseBusy : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class WorkerSession {
  public:
    WorkerSession(std::vector<ShardLocation> locations, ShardOptions options, const Language& language)
        : locations_(std::move(locations)), options_(options), stemmer_(make_stemmer(language.stemmer)) {}

    const Xapian::Stem& stemmer() const { return stemmer_; }

    // Runs `use(shards)` on the latest commit, opening the shards if needed.
    // A commit that lands while `use` reads (DatabaseModifiedError) makes it
    // run again on the revision after it, up to kModifiedAttempts times (an
    // indexer commits in bursts: a slow search may see several); then
    // DatabaseBusy. A shard lost mid-search (NetworkError) makes it run again
    // on freshly opened shards; a lost shard then fails the request
    // (ShardUnavailable) or, with allow_partial, is left out.
    // The two are counted apart: commits overtaking a search must not use up
    // the attempts a stale connection to a restarted shard needs.
    template <typename Use>
    auto with_latest(Use&& use) {
        for (int overtaken = 0, lost = 0;;) {
            try {
                return use(latest());
            } catch (const Xapian::DatabaseModifiedError& error) {
                if (++overtaken >= kModifiedAttempts) {
                    throw DatabaseBusy(fmt::format("the database changed under the search {} times in a row: {}",
                                                   overtaken, error.get_msg()));
                }
            } catch (const Xapian::NetworkError& error) {
                forget();
                if (++lost >= kAttempts) throw ShardUnavailable("a shard failed during the search: " + error.get_msg());
            }
        }
    }

    // Drops the handles so the next request opens the shards afresh.
    void forget() { shards_.reset(); }

    // The shards' synonym table, read again only when a shard's revision
    // (or identity) changes. Xapian 1.4's remote backend tells no revision
    // (and serves no synonyms), so a set with remote shards reads the local
    // shards' table for each request.
    std::shared_ptr<const SynonymTable> synonyms(const ShardSet& shards) {
        if (shards.remote) return std::make_shared<const SynonymTable>(shards.database);
        const std::string revision = revision_key(shards);
        if (!synonyms_ || revision != synonyms_revision_) {
            synonyms_ = std::make_shared<const SynonymTable>(shards.database);
            synonyms_revision_ = revision;
        }
        return synonyms_;
    }

  private:
    static constexpr int kAttempts = 3;
    static constexpr int kModifiedAttempts = 8;
    static constexpr std::chrono::seconds kFirstRetry{2}, kLongestRetry{60};

    const ShardSet& latest() {
        const auto now = std::chrono::steady_clock::now();
        if (shards_ && !shards_->missing.empty() && now >= retry_at_) shards_.reset();
        // reopen() cannot follow a database replaced by a new directory (the
        // indexer's bulk path renames its merged result into place).
        if (shards_ && local_identities() != identities_) shards_.reset();
        if (!shards_) {
            identities_ = local_identities();
            shards_ = open_shards(locations_, options_);
            // Unreachable shards are tried again after a pause that doubles
            // while they stay away, so a dead host cannot slow every request.
            retry_pause_ = shards_->missing.empty() ? kFirstRetry : std::min(kLongestRetry, retry_pause_ * 2);
            retry_at_ = std::chrono::steady_clock::now() + retry_pause_;
        } else {
            shards_->database.reopen();
        }
        return *shards_;
    }

    // Inode and device of each local shard's version file.
    std::vector<std::pair<dev_t, ino_t>> local_identities() const {
        std::vector<std::pair<dev_t, ino_t>> identities;
        for (const auto& location : locations_) {
            struct stat file {};
            if (location.remote() || stat((location.path + "/iamglass").c_str(), &file) != 0) {
                identities.emplace_back(0, 0);
            } else {
                identities.emplace_back(file.st_dev, file.st_ino);
            }
        }
        return identities;
    }

    std::vector<ShardLocation> locations_;
    ShardOptions options_;
    std::optional<ShardSet> shards_;
    std::vector<std::pair<dev_t, ino_t>> identities_;
    std::chrono::steady_clock::time_point retry_at_;
    std::chrono::seconds retry_pause_{kFirstRetry / 2};
    Xapian::Stem stemmer_;
    std::shared_ptr<const SynonymTable> synonyms_;
    std::string synonyms_revision_;
};

}  // namespace herald::web
