#include "searcher/analysis/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "searcher/query/query_builder.hpp"

namespace herald {
namespace {

// The first day of the period holding `day` (days since the epoch).
int period_start(TimelineInterval interval, int day) {
    switch (interval) {
        case TimelineInterval::Day:
            return day;
        case TimelineInterval::Week: {
            // 1970-01-01 was a Thursday; ISO weeks start on Monday.
            const int weekday = ((day + 3) % 7 + 7) % 7;
            return day - weekday;
        }
        case TimelineInterval::Month: {
            Date date = Date::from_days_since_epoch(day);
            date.day = 1;
            return date.days_since_epoch();
        }
        case TimelineInterval::Year: {
            Date date = Date::from_days_since_epoch(day);
            date.month = date.day = 1;
            return date.days_since_epoch();
        }
    }
    return day;
}

// The first day of the period after the one starting on `start`.
int next_period_start(TimelineInterval interval, int start) {
    switch (interval) {
        case TimelineInterval::Day:
            return start + 1;
        case TimelineInterval::Week:
            return start + 7;
        case TimelineInterval::Month: {
            const Date date = Date::from_days_since_epoch(start);
            return start + days_in_month(date.year, date.month);
        }
        case TimelineInterval::Year: {
            Date date = Date::from_days_since_epoch(start);
            ++date.year;
            return date.days_since_epoch();
        }
    }
    return start + 1;
}

std::string period_label(TimelineInterval interval, const Date& first_day) {
    switch (interval) {
        case TimelineInterval::Day:
        case TimelineInterval::Week:
            return fmt::format("{:04}-{:02}-{:02}", first_day.year, first_day.month, first_day.day);
        case TimelineInterval::Month:
            return fmt::format("{:04}-{:02}", first_day.year, first_day.month);
        case TimelineInterval::Year:
            return fmt::format("{:04}", first_day.year);
    }
    return {};
}

// Articles per period, counted over the days in [start, end).
Xapian::doccount count_between(const DayCounts& counts, int start, int end) {
    Xapian::doccount sum = 0;
    auto it = std::lower_bound(counts.days.begin(), counts.days.end(), std::make_pair(start, Xapian::doccount{0}));
    for (; it != counts.days.end() && it->first < end; ++it) sum += it->second;
    return sum;
}

// The first and last day any of `matches` has (first > last when none has any).
std::pair<int, int> day_span(const std::vector<DayCounts>& matches) {
    int first = std::numeric_limits<int>::max();
    int last = std::numeric_limits<int>::min();
    for (const auto& counts : matches) {
        if (counts.days.empty()) continue;
        first = std::min(first, counts.days.front().first);
        last = std::max(last, counts.days.back().first);
    }
    return {first, last};
}

}  // namespace

TimelineInterval automatic_interval(int first, int last) {
    const int span = last - first + 1;
    if (span > 8 * 366) return TimelineInterval::Year;
    if (span > 8 * 31) return TimelineInterval::Month;
    if (span > 8 * 7) return TimelineInterval::Week;
    return TimelineInterval::Day;
}

TimelineInterval automatic_interval(const std::vector<DayCounts>& matches) {
    const auto [first, last] = day_span(matches);
    return first <= last ? automatic_interval(first, last) : TimelineInterval::Day;
}

Xapian::doccount Timeline::total() const {
    Xapian::doccount sum = undated;
    for (const auto& bucket : buckets) sum += bucket.count;
    return sum;
}

std::vector<Timeline> make_timelines(TimelineInterval interval, const std::vector<DayCounts>& matches,
                                     const DayCounts& archive) {
    const auto [first, last] = day_span(matches);
    std::vector<int> starts;
    if (first <= last) {
        for (int start = period_start(interval, first); start <= last; start = next_period_start(interval, start)) {
            if (starts.size() == kMaxTimelinePeriods) {
                throw QueryError(fmt::format(
                    "the matches span {} to {}: more than {} periods of a {}; narrow the dates (--from/--to, "
                    "from=/to=) or use a longer interval",
                    Date::from_days_since_epoch(first).iso8601(), Date::from_days_since_epoch(last).iso8601(),
                    kMaxTimelinePeriods, timeline_interval_name(interval)));
            }
            starts.push_back(start);
        }
    }
    std::vector<Timeline> timelines;
    for (const auto& counts : matches) {
        Timeline timeline;
        timeline.interval = interval;
        timeline.undated = counts.undated;
        for (const int start : starts) {
            const int end = next_period_start(interval, start);
            TimelineBucket bucket;
            bucket.first_day = Date::from_days_since_epoch(start);
            bucket.last_day = Date::from_days_since_epoch(end - 1);
            bucket.period = period_label(interval, bucket.first_day);
            bucket.count = count_between(counts, start, end);
            bucket.all = count_between(archive, start, end);
            bucket.share = bucket.all == 0 ? 0.0 : static_cast<double>(bucket.count) / bucket.all;
            timeline.buckets.push_back(std::move(bucket));
        }
        timelines.push_back(std::move(timeline));
    }
    return timelines;
}

}  // namespace herald
