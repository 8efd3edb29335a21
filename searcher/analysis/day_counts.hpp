// How many articles of a match set fall on each day: what timelines are
// made of. Over local shards they are counted from the column store
// (match_counts.hpp); over remote shards by Xapian's own match spy.
#pragma once

#include <xapian.h>

#include <utility>
#include <vector>

#include "common/schema.hpp"

namespace herald {

struct DayCounts {
    // (days since 1970-01-01, articles), by day, days without any left out:
    // a vector, as a request copies the archive's few thousand days.
    std::vector<std::pair<int, Xapian::doccount>> days;
    Xapian::doccount undated = 0;
    bool cut = false;  // the time limit stopped the count: some matches are missing

    Xapian::doccount total() const;
};

// Counts by day in a flat table over the days from `first` to `last` (an
// increment per match instead of a tree insertion); days outside count as
// undated.
class DayTally {
  public:
    DayTally(int first, int last);
    void add(int day);
    DayCounts counts() const;

  private:
    int first_, last_;
    std::vector<Xapian::doccount> counts_;
    Xapian::doccount undated_ = 0;
};

// Counts a match's articles by date over remote shards, which run only
// Xapian's own spies: add spy() to an Enquire whose get_mset sees every
// candidate, then read counts(). Copies count each (remote_copies.hpp
// takes them out).
class RemoteDayCounter {
  public:
    Xapian::MatchSpy* spy() { return &dates_; }
    DayCounts counts() const;

  private:
    Xapian::ValueCountMatchSpy dates_{schema::kDateSlot};
};

}  // namespace herald
