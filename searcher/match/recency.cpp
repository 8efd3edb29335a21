#include "searcher/match/recency.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

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

std::string compact_date_of_day(long day) {
    // Civil from days (Howard Hinnant's algorithm).
    day += 719468;
    const long era = (day >= 0 ? day : day - 146096) / 146097;
    const long day_of_era = day - era * 146097;
    const long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long month_index = (5 * day_of_year + 2) / 153;
    Date date;
    date.day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
    date.month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
    date.year = static_cast<int>(year_of_era + era * 400 + (date.month <= 2 ? 1 : 0));
    return date.compact();
}

namespace {

double recency_weight(double boost, double half_life_days, long age_days) {
    return boost * std::exp2(-static_cast<double>(std::max(0L, age_days)) / half_life_days);
}

}  // namespace

std::unique_ptr<Xapian::ValueMapPostingSource> make_remote_recency_source(double boost, double half_life_days,
                                                                          const std::string& newest,
                                                                          const std::string& oldest,
                                                                          const std::string& latest_value) {
    auto source = std::make_unique<Xapian::ValueMapPostingSource>(schema::kDateSlot);
    const long newest_day = day_number(newest);
    const auto window = static_cast<long>(std::ceil(kRecencyHalfLivesMapped * half_life_days));
    const long first = std::max(day_number(oldest), newest_day - window);
    const long last = std::min(std::max(day_number(latest_value), newest_day), newest_day + 366);
    for (long day = first; day <= last; ++day) {
        source->add_mapping(compact_date_of_day(day), recency_weight(boost, half_life_days, newest_day - day));
    }
    return source;
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
    return recency_weight(boost_, half_life_days_, newest_day_ - day_number(get_value()));
}

RecencyPostingSource* RecencyPostingSource::clone() const {
    return new RecencyPostingSource(boost_, half_life_days_, newest_);
}

}  // namespace herald
