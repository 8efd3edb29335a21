#include "searcher/analysis/day_counts.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "searcher/analysis/column_store.hpp"

namespace herald {

Xapian::doccount DayCounts::total() const {
    Xapian::doccount sum = undated;
    for (const auto& [day, count] : days) sum += count;
    return sum;
}

DayTally::DayTally(int first, int last) : first_(first), last_(last) {
    if (first_ != kUndated && last_ != kUndated && first_ <= last_)
        counts_.assign(static_cast<std::size_t>(last_ - first_) + 1, 0);
}

void DayTally::add(int day) {
    if (day == kUndated || counts_.empty() || day < first_ || day > last_) {
        ++undated_;
    } else {
        ++counts_[static_cast<std::size_t>(day - first_)];
    }
}

DayCounts DayTally::counts() const {
    DayCounts result;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] > 0) result.days.emplace_back(first_ + static_cast<int>(i), counts_[i]);
    }
    result.undated = undated_;
    return result;
}

DayCounts RemoteDayCounter::counts() const {
    DayCounts counts;
    Xapian::doccount dated = 0;
    std::map<int, Xapian::doccount> by_day;
    for (auto it = dates_.values_begin(); it != dates_.values_end(); ++it) {
        const int day = day_of_date_value(*it);
        if (day == kUndated) continue;
        by_day[day] += it.get_termfreq();
        dated += it.get_termfreq();
    }
    counts.days.assign(by_day.begin(), by_day.end());
    counts.undated = dates_.get_total() - dated;
    return counts;
}

}  // namespace herald
