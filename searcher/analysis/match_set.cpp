#include "searcher/analysis/match_set.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

#include "searcher/match/name_variants.hpp"

namespace herald {
namespace {

// Keeps the ids of the documents the match considers; with `split`, those
// weighing 0 (found by a name key alone, counting_query()) apart.
class DocumentIds : public Xapian::MatchSpy {
  public:
    DocumentIds(std::vector<Xapian::docid>& counted, std::vector<Xapian::docid>* variants)
        : counted_(counted), variants_(variants) {}
    void operator()(const Xapian::Document& document, double weight) override {
        if (variants_ && weight <= 0) {
            variants_->push_back(document.get_docid());
        } else {
            counted_.push_back(document.get_docid());
        }
    }

  private:
    std::vector<Xapian::docid>& counted_;
    std::vector<Xapian::docid>* variants_;
};

// The listed documents of one shard, in docid order, weightless.
class DocumentListSource : public Xapian::PostingSource {
  public:
    explicit DocumentListSource(const std::vector<Xapian::docid>& documents) : documents_(documents) {}
    void init(const Xapian::Database&) override { position_ = documents_.end(), started_ = false; }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(documents_.size()); }
    Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(documents_.size()); }
    void next(double) override {
        if (!started_) {
            started_ = true;
            position_ = documents_.begin();
        } else {
            ++position_;
        }
    }
    void skip_to(Xapian::docid docid, double) override {
        if (!started_) {
            started_ = true;
            position_ = documents_.begin();
        }
        position_ = std::lower_bound(position_, documents_.end(), docid);
    }
    bool at_end() const override { return started_ && position_ == documents_.end(); }
    Xapian::docid get_docid() const override { return *position_; }

  private:
    const std::vector<Xapian::docid>& documents_;
    std::vector<Xapian::docid>::const_iterator position_;
    bool started_ = false;
};

// Matches `query` on every shard, its spy keeping the ids.
MatchSet collect(const std::vector<Xapian::Database>& shards, const Xapian::Query& query, bool split,
                 double time_limit_seconds) {
    MatchSet set;
    set.counted.resize(shards.size());
    set.variants.resize(shards.size());
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t index = 0; index < shards.size(); ++index) {
        DocumentIds ids(set.counted[index], split ? &set.variants[index] : nullptr);
        Xapian::Enquire enquire(shards[index]);
        enquire.set_query(query);
        // Under BoolWeight Xapian computes no weights; a split needs them to
        // tell the counted matches (CoordWeight: the cheapest that are computed).
        if (split) {
            enquire.set_weighting_scheme(Xapian::CoordWeight());
        } else {
            enquire.set_weighting_scheme(Xapian::BoolWeight());
        }
        enquire.add_matchspy(&ids);
        const double limit = time_left(time_limit_seconds, started);
        if (count_every_match(enquire, shards[index].get_doccount(), limit).cut) set.cut = true;
    }
    return set;
}

}  // namespace

double time_left(double limit_seconds, std::chrono::steady_clock::time_point started) {
    if (limit_seconds <= 0) return 0;
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
    // Xapian reads 0 as no limit: a spent budget leaves the smallest one.
    return std::max(limit_seconds - spent.count(), 1e-6);
}

CountingRun count_every_match(Xapian::Enquire& enquire, Xapian::doccount documents, double time_limit_seconds) {
    if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
    const auto started = std::chrono::steady_clock::now();
    CountingRun run{enquire.get_mset(0, 0, documents)};
    // Xapian does not say whether its time limit fired; a match that ran
    // that long may have been cut.
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
    run.cut = time_limit_seconds > 0 && spent.count() >= time_limit_seconds;
    return run;
}

MatchSet collect_matches(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                         double time_limit_seconds) {
    return collect(shards, query, false, time_limit_seconds);
}

MatchSet collect_split_matches(const std::vector<Xapian::Database>& shards, const Xapian::Query& listed,
                               const Xapian::Query& without_name_keys, double time_limit_seconds) {
    return collect(shards, counting_query(listed, without_name_keys), true, time_limit_seconds);
}

MatchSet collect_matches_among(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                               const std::vector<std::vector<Xapian::docid>>& documents) {
    MatchSet set;
    set.counted.resize(shards.size());
    set.variants.resize(shards.size());
    for (std::size_t index = 0; index < shards.size(); ++index) {
        if (documents[index].empty()) continue;
        DocumentListSource listed(documents[index]);
        Xapian::Enquire enquire(shards[index]);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&listed)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        DocumentIds ids(set.counted[index], nullptr);
        enquire.add_matchspy(&ids);
        enquire.get_mset(0, 0, shards[index].get_doccount());
    }
    return set;
}

}  // namespace herald
