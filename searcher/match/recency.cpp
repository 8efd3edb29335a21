#include "searcher/match/recency.hpp"

#include <cmath>

#include "common/date.hpp"
#include "common/schema.hpp"

namespace herald {

long day_number(const std::string& compact_date) {
    const auto date = Date::from_compact(compact_date);
    if (!date) return 0;
    // Days from civil (Howard Hinnant's algorithm).
    const int year = date->year - (date->month <= 2 ? 1 : 0);
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int year_of_era = year - era * 400;
    const int month = date->month;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + date->day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<long>(era) * 146097 + day_of_era - 719468;
}

RecencyPostingSource::RecencyPostingSource(double boost, double half_life_days, const std::string& newest)
    : Xapian::ValuePostingSource(schema::kDateSlot),
      boost_(boost),
      half_life_days_(half_life_days),
      newest_(newest),
      newest_day_(day_number(newest)) {
    set_maxweight(boost_);
}

double RecencyPostingSource::get_weight() const {
    const long age = std::max(0L, newest_day_ - day_number(get_value()));
    return boost_ * std::exp2(-static_cast<double>(age) / half_life_days_);
}

RecencyPostingSource* RecencyPostingSource::clone() const {
    return new RecencyPostingSource(boost_, half_life_days_, newest_);
}

}  // namespace herald
