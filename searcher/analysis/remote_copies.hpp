// Copies over remote shards, counted once in facets and timelines.
// xapian-tcpsrv runs only Xapian's own match spies, which count every copy;
// the spy on the signature slot tells which signatures more than one match
// shares. Only those matches are then read: a second match keeps them with a
// ValueMapPostingSource on the signature slot (a posting source Xapian's
// remote protocol carries) and a weight cutoff. The counts are corrected to
// what the column store counts locally (match_counts.hpp): a group once
// under each value any of its matching copies holds (once as missing when
// none holds one), and once on its earliest day.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "searcher/analysis/day_counts.hpp"
#include "searcher/analysis/facet_counts.hpp"

namespace herald {

class RemoteCopies {
  public:
    // Reads the matches of `counted` whose signature is one of `shared`
    // (signature -> its matches, two or more), within `time_limit_seconds`
    // (0: none), for `facets`.
    RemoteCopies(const Xapian::Database& database, const Xapian::Query& counted,
                 const std::map<std::string, Xapian::doccount>& shared, const std::vector<FacetField>& facets,
                 double time_limit_seconds);

    // Takes out of counts where every copy counted, the copies beyond the
    // first: `facet` is the index of the facet in the constructor's.
    void correct(FacetCounts& counts, std::size_t facet) const;
    void correct(DayCounts& counts) const;
    // The time limit stopped the reading: some copies are still counted each.
    bool cut() const { return cut_; }

  private:
    struct FacetExcess {
        std::map<std::string, Xapian::doccount> values;  // value -> counts beyond one per group
        Xapian::doccount missing = 0;
    };
    std::vector<FacetExcess> facets_;
    std::map<int, std::int64_t> day_change_;  // day (kUndated for none) -> what to add
    bool cut_ = false;
};

}  // namespace herald
