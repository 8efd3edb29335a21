// What a worker thread keeps across requests: its own database handle and
// query stemmer, since neither is thread-safe. The database moves to the
// latest commit before every request, so the indexer's new articles show up
// without a restart; the stemmer keeps its stem cache warm.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "herald/language.hpp"
#include "herald/search.hpp"

namespace herald::web {

class WorkerSession {
  public:
    WorkerSession(std::vector<std::string> paths, const Language& language)
        : paths_(std::move(paths)), stemmer_(make_stemmer(language.stemmer)) {}

    const Xapian::Stem& stemmer() const { return stemmer_; }

    // Runs `use(database)` on the latest commit, opening the database if it is
    // not open yet. A commit that lands while `use` reads (Xapian's
    // DatabaseModifiedError) makes it run again on the newer revision.
    template <typename Use>
    auto with_latest(Use&& use) {
        for (int attempt = 1;; ++attempt) {
            try {
                return use(latest());
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == kAttempts) throw;
            }
        }
    }

    // Drops the handle so the next request opens the database afresh (after
    // an error that may have left it unusable).
    void forget() { database_.reset(); }

  private:
    static constexpr int kAttempts = 3;

    Xapian::Database& latest() {
        if (!database_) {
            database_ = open_database(paths_);
        } else {
            database_->reopen();
        }
        return *database_;
    }

    std::vector<std::string> paths_;
    std::optional<Xapian::Database> database_;
    Xapian::Stem stemmer_;
};

}  // namespace herald::web
