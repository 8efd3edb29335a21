#include "searcher/analysis/day_counts.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <unordered_map>
#include <vector>

#include "common/date.hpp"
#include "common/schema.hpp"

namespace herald {
namespace {

constexpr int kUndated = std::numeric_limits<int>::max();

// Keeps the ids of every document the match considers.
class DocumentIds : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& document, double) override { ids.push_back(document.get_docid()); }
    std::vector<Xapian::docid> ids;
};

int day_of(const std::string& compact_date) {
    const auto date = Date::from_compact(compact_date);
    return date ? date->days_since_epoch() : kUndated;
}

// The stored date of a day is read once per distinct value: far fewer than
// documents.
class DayReader {
  public:
    int operator()(const std::string& value) {
        if (value.empty()) return kUndated;
        const auto [it, added] = days_.try_emplace(value, 0);
        if (added) it->second = day_of(value);
        return it->second;
    }

  private:
    std::unordered_map<std::string, int> days_;
};

// Walks one slot's values alongside increasing document ids.
class SlotWalk {
  public:
    SlotWalk(const Xapian::Database& database, Xapian::valueno slot)
        : value_(database.valuestream_begin(slot)), end_(database.valuestream_end(slot)) {}
    // The value of `docid`, "" when it has none; ids must not decrease.
    std::string at(Xapian::docid docid) {
        if (value_ == end_) return {};
        if (value_.get_docid() < docid) value_.skip_to(docid);
        return value_ != end_ && value_.get_docid() == docid ? *value_ : std::string();
    }

  private:
    Xapian::ValueIterator value_;
    Xapian::ValueIterator end_;
};

void add(DayCounts& counts, int day) {
    if (day == kUndated) {
        ++counts.undated;
    } else {
        ++counts.days[day];
    }
}

DayCounts count_local(const Xapian::Database& database, std::vector<Xapian::docid> ids, bool collapse) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    SlotWalk dates(database, schema::kDateSlot);
    SlotWalk signatures(database, schema::kSimHashSlot);
    DayReader day_reader;
    DayCounts counts;
    std::unordered_map<std::string, int> earliest_day_of_copies;
    for (const Xapian::docid id : ids) {
        const int day = day_reader(dates.at(id));
        std::string signature = collapse ? signatures.at(id) : std::string();
        if (signature.empty()) {
            add(counts, day);
            continue;
        }
        const auto [it, added] = earliest_day_of_copies.try_emplace(std::move(signature), day);
        if (!added) it->second = std::min(it->second, day);
    }
    for (const auto& [signature, day] : earliest_day_of_copies) add(counts, day);
    return counts;
}

DayCounts count_remote(Xapian::Enquire& enquire, Xapian::doccount documents, bool collapse) {
    Xapian::ValueCountMatchSpy dates(schema::kDateSlot);
    enquire.add_matchspy(&dates);
    enquire.get_mset(0, 0, documents);
    DayCounts counts;
    Xapian::doccount dated = 0;
    DayReader day_reader;
    for (auto it = dates.values_begin(); it != dates.values_end(); ++it) {
        const int day = day_reader(*it);
        if (day == kUndated) continue;
        counts.days[day] += it.get_termfreq();
        dated += it.get_termfreq();
    }
    counts.undated = dates.get_total() - dated;
    counts.copies_counted = collapse;
    return counts;
}

// Every article of the archive: its date stream alone, without a match.
DayCounts count_archive(const Xapian::Database& database) {
    DayReader day_reader;
    DayCounts counts;
    Xapian::doccount dated = 0;
    for (auto it = database.valuestream_begin(schema::kDateSlot); it != database.valuestream_end(schema::kDateSlot);
         ++it) {
        const int day = day_reader(*it);
        if (day == kUndated) continue;
        ++counts.days[day];
        ++dated;
    }
    counts.undated = database.get_doccount() - dated;
    return counts;
}

}  // namespace

Xapian::doccount DayCounts::total() const {
    Xapian::doccount sum = undated;
    for (const auto& [day, count] : days) sum += count;
    return sum;
}

DayCounts count_days(const Xapian::Database& database, const Xapian::Query& query, bool collapse, bool remote,
                     double time_limit_seconds) {
    if (!remote && !collapse && query.get_type() == Xapian::Query::LEAF_MATCH_ALL) return count_archive(database);
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
    const Xapian::doccount documents = database.get_doccount();
    const auto started = std::chrono::steady_clock::now();
    DayCounts counts;
    if (remote) {
        counts = count_remote(enquire, documents, collapse);
    } else {
        DocumentIds ids;
        enquire.add_matchspy(&ids);
        enquire.get_mset(0, 0, documents);
        counts = count_local(database, std::move(ids.ids), collapse);
    }
    // Xapian does not say whether its time limit fired; a match that ran
    // that long may have been cut.
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
    counts.cut = time_limit_seconds > 0 && spent.count() >= time_limit_seconds;
    return counts;
}

}  // namespace herald
