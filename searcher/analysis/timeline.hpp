// Attention over time: a match set's articles by calendar period, next to
// the archive's articles in the same periods, so a period's share is the
// attention the query got then (as Media Cloud normalises story counts).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "searcher/analysis/day_counts.hpp"
#include "searcher/query/search_request.hpp"

namespace herald {

struct TimelineBucket {
    // "2018-03-05" (a day, or the Monday starting an ISO week), "2018-03", "2018".
    std::string period;
    Date first_day, last_day;    // the period's bounds, for narrowing a search to it
    Xapian::doccount count = 0;  // matches published in the period
    Xapian::doccount all = 0;    // the archive's articles in the period, within the same filters
    double share = 0;            // count / all (0 when all is 0)
};

struct Timeline {
    std::string query;  // set when comparing queries
    TimelineInterval interval = TimelineInterval::Month;
    std::vector<TimelineBucket> buckets;  // every period from the first to the last, empty ones included
    Xapian::doccount undated = 0;         // matches without a date
    Xapian::doccount total() const;       // counts plus undated
};

// More periods than this is almost always a stray date (a year 2050 in a
// 2016 archive, say) under a day interval: refused with a QueryError that
// suggests a date range or a longer interval.
inline constexpr std::size_t kMaxTimelinePeriods = 20000;

// The interval that draws the days from `first` to `last` (days since the
// epoch) as a readable chart of about 8 to 100 bars: years over a span of
// more than 8 years, months over more than 8 months, weeks over more than 8
// weeks, else days.
TimelineInterval automatic_interval(int first, int last);
// The same over the span any of `matches` has a dated match in (days when
// none has).
TimelineInterval automatic_interval(const std::vector<DayCounts>& matches);

// One timeline per match set, all over the same periods: from the earliest
// to the latest period any of them has a match in. `archive` counts the
// articles the periods' shares are taken of.
std::vector<Timeline> make_timelines(TimelineInterval interval, const std::vector<DayCounts>& matches,
                                     const DayCounts& archive);

}  // namespace herald
