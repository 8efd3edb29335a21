#include "searcher/analysis/day_counts.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/schema.hpp"
#include "searcher/analysis/document_columns.hpp"

namespace herald {

// Keeps the ids of every document the match considers.
class DayCountSpy::DocumentIds : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& document, double) override { ids.push_back(document.get_docid()); }
    std::vector<Xapian::docid> ids;
};

namespace {

// Counts by day in a flat table over the days the date slot spans: an
// increment per match instead of a tree insertion.
class DayTally {
  public:
    explicit DayTally(const Xapian::Database& database)
        : first_(day_of_date_value(database.get_value_lower_bound(schema::kDateSlot))),
          last_(day_of_date_value(database.get_value_upper_bound(schema::kDateSlot))) {
        if (first_ != kUndated && last_ != kUndated && first_ <= last_)
            counts_.assign(static_cast<std::size_t>(last_ - first_) + 1, 0);
    }
    void add(int day) {
        if (day == kUndated || counts_.empty() || day < first_ || day > last_) {
            ++undated_;
        } else {
            ++counts_[static_cast<std::size_t>(day - first_)];
        }
    }
    DayCounts counts() const {
        DayCounts result;
        for (std::size_t i = 0; i < counts_.size(); ++i) {
            if (counts_[i] > 0) result.days.emplace_back(first_ + static_cast<int>(i), counts_[i]);
        }
        result.undated = undated_;
        return result;
    }

  private:
    int first_, last_;
    std::vector<Xapian::doccount> counts_;
    Xapian::doccount undated_ = 0;
};

DayCounts count_local(const Xapian::Database& database, const DocumentColumns& columns,
                      const std::vector<Xapian::docid>& ids, bool collapse) {
    DayTally tally(database);
    // The earliest day of each group of copies seen (kUndated sorts last).
    constexpr int kNotSeen = std::numeric_limits<int>::min();
    std::vector<int> earliest_day(collapse ? columns.copy_groups + 1 : 0, kNotSeen);
    std::vector<std::uint32_t> groups_seen;
    for (const Xapian::docid id : ids) {
        const int day = columns.day[id];
        const std::uint32_t group = collapse ? columns.copy_group[id] : 0;
        if (group == 0) {
            tally.add(day);
        } else if (earliest_day[group] == kNotSeen) {
            earliest_day[group] = day;
            groups_seen.push_back(group);
        } else {
            earliest_day[group] = std::min(earliest_day[group], day);
        }
    }
    for (const std::uint32_t group : groups_seen) tally.add(earliest_day[group]);
    return tally.counts();
}

}  // namespace

// Tallies every document the match considers by its own date value; with
// collapsing, copies (the same signature) count once, on their earliest day,
// as count_local() counts them.
class DayCountSpy::DocumentDays : public Xapian::MatchSpy {
  public:
    DocumentDays(const Xapian::Database& database, bool collapse) : tally_(database), collapse_(collapse) {}
    void operator()(const Xapian::Document& document, double) override {
        const int day = day_of_date_value(document.get_value(schema::kDateSlot));
        std::string signature = collapse_ ? document.get_value(schema::kSimHashSlot) : std::string();
        if (signature.empty()) {
            tally_.add(day);
            return;
        }
        const auto [copy, first] = earliest_day_.try_emplace(std::move(signature), day);
        if (!first) copy->second = std::min(copy->second, day);
    }
    DayCounts counts() const {
        DayTally tally = tally_;
        for (const auto& [signature, day] : earliest_day_) tally.add(day);
        return tally.counts();
    }

  private:
    DayTally tally_;
    bool collapse_;
    std::unordered_map<std::string, int> earliest_day_;  // by signature
};

Xapian::doccount DayCounts::total() const {
    Xapian::doccount sum = undated;
    for (const auto& [day, count] : days) sum += count;
    return sum;
}

DayCountSpy::DayCountSpy(const Xapian::Database& database, bool collapse, bool remote)
    : database_(database), collapse_(collapse) {
    if (remote) {
        remote_dates_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDateSlot);
    } else if (database.size() > 1) {
        shard_days_ = std::make_unique<DocumentDays>(database, collapse);
    } else {
        columns_ = cached_document_columns(database);
        if (!columns_) columns_ = std::make_shared<const DocumentColumns>(read_document_columns(database));
        local_ids_ = std::make_unique<DocumentIds>();
    }
}

DayCountSpy::~DayCountSpy() = default;

Xapian::MatchSpy* DayCountSpy::spy() {
    if (remote_dates_) return remote_dates_.get();
    if (shard_days_) return shard_days_.get();
    return local_ids_.get();
}

DayCounts DayCountSpy::counts() const {
    if (local_ids_) return count_local(database_, *columns_, local_ids_->ids, collapse_);
    if (shard_days_) return shard_days_->counts();
    DayCounts counts;
    Xapian::doccount dated = 0;
    std::map<int, Xapian::doccount> by_day;
    for (auto it = remote_dates_->values_begin(); it != remote_dates_->values_end(); ++it) {
        const int day = day_of_date_value(*it);
        if (day == kUndated) continue;
        by_day[day] += it.get_termfreq();
        dated += it.get_termfreq();
    }
    counts.days.assign(by_day.begin(), by_day.end());
    counts.undated = remote_dates_->get_total() - dated;
    counts.copies_counted = collapse_;
    return counts;
}

DayCounts DayCountSpy::archive_counts() const {
    if (!columns_) return {};
    DayCounts counts;
    counts.days = columns_->documents_by_day;
    counts.undated = columns_->undated_documents;
    return counts;
}

DayCounts count_days(const Xapian::Database& database, const Xapian::Query& query, bool collapse, bool remote,
                     double time_limit_seconds) {
    DayCountSpy counter(database, collapse, remote);
    if (!remote && !collapse && database.size() == 1 && query.get_type() == Xapian::Query::LEAF_MATCH_ALL)
        return counter.archive_counts();
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(counter.spy());
    const bool cut = count_every_match(enquire, database.get_doccount(), time_limit_seconds).cut;
    DayCounts counts = counter.counts();
    counts.cut = cut;
    return counts;
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

}  // namespace herald
