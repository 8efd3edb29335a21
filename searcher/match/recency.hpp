// Blends relevance with freshness: each match gains
//     boost × 2^(−age_days / half_life_days)
// where age is measured from the newest article in the database (archives are
// old; "now" would make every article equally stale) and boost is chosen by
// the searcher relative to the query's best BM25 score.
#pragma once

#include <xapian.h>

#include <string>

namespace herald {

class RecencyPostingSource : public Xapian::ValuePostingSource {
  public:
    // `newest` is the newest date in the database as "YYYYMMDD".
    RecencyPostingSource(double boost, double half_life_days, const std::string& newest);

    double get_weight() const override;
    RecencyPostingSource* clone() const override;
    std::string name() const override { return "herald::RecencyPostingSource"; }

  private:
    double boost_;
    double half_life_days_;
    std::string newest_;
    long newest_day_;
};

// Days since 1970-01-01 for "YYYYMMDD"; 0 when malformed.
long day_number(const std::string& compact_date);

}  // namespace herald
