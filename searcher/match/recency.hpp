// Blends relevance with freshness: each match gains
//     boost × 2^(−age_days / half_life_days)
// where age is measured from the newest article in the database (archives are
// old; "now" would make every article equally stale) and boost is chosen by
// the searcher relative to the query's best BM25 score.
#pragma once

#include <xapian.h>

#include <memory>
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

// "YYYYMMDD" of a day number (the inverse of day_number).
std::string compact_date_of_day(long day);

// The same boost for remote shards: xapian-tcpsrv cannot load Herald's
// posting source, but it has Xapian's own ValueMapPostingSource, so the boost
// of every day from `oldest` to `newest` travels as a map (days older than
// kRecencyHalfLivesMapped half-lives, whose boost is below 1e-12 of the
// best, gain nothing; so do dates past `newest` by more than a year, which
// only bogus future dates are).
inline constexpr int kRecencyHalfLivesMapped = 40;
std::unique_ptr<Xapian::ValueMapPostingSource> make_remote_recency_source(double boost, double half_life_days,
                                                                          const std::string& newest,
                                                                          const std::string& oldest,
                                                                          const std::string& latest_value);

}  // namespace herald
