#include "searcher/match/recency.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "common/date.hpp"
#include "common/schema.hpp"

namespace herald {

long day_number(const std::string& compact_date) {
    const auto date = Date::from_compact(compact_date);
    return date ? date->days_since_epoch() : 0;
}

std::string compact_date_of_day(long day) { return Date::from_days_since_epoch(static_cast<int>(day)).compact(); }

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
