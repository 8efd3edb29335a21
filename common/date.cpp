#include "common/date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <regex>

namespace herald {
namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2100;

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::optional<Date> make_date(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
    Date date;
    date.year = year;
    date.month = month;
    date.day = day;
    return date;
}

std::optional<Date> with_time(std::optional<Date> date, int hour, int minute, int second) {
    if (!date || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return std::nullopt;
    date->hour = hour;
    date->minute = minute;
    date->second = std::min(second, 59);
    return date;
}

// "jan", "January", "SEPT" -> 1..12, or 0.
int month_from_name(std::string name) {
    static constexpr std::array<const char*, 12> kNames{"jan", "feb", "mar", "apr", "may", "jun",
                                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (name.compare(0, 3, kNames[i]) == 0) return static_cast<int>(i) + 1;
    }
    return 0;
}

int two_digit_year(int year) { return year < 100 ? (year < 70 ? 2000 + year : 1900 + year) : year; }

int to_int(const std::ssub_match& match) { return match.matched ? std::stoi(match.str()) : 0; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

}  // namespace

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string Date::iso8601() const {
    if (!hour) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", year, month, day, *hour, minute.value_or(0),
                       second.value_or(0));
}

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian,
// eras of 400 years so the arithmetic stays in integers.
int Date::days_since_epoch() const {
    const int y = month <= 2 ? year - 1 : year;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int year_of_era = y - era * 400;
    const int day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Date Date::from_days_since_epoch(int days) {
    const int z = days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int day_of_era = z - era * 146097;
    const int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int shifted_month = (5 * day_of_year + 2) / 153;
    Date date;
    date.day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    date.month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
    date.year = year_of_era + era * 400 + (date.month <= 2 ? 1 : 0);
    return date;
}

std::string Date::compact() const { return fmt::format("{:04}{:02}{:02}", year, month, day); }

std::optional<Date> Date::from_compact(std::string_view text) {
    if (text.size() != 8 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    const std::string s(text);
    return make_date(std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2)));
}

namespace {

// The number in text[at, at + digits), or -1 unless all are ASCII digits.
int fixed_digits(std::string_view text, std::size_t at, std::size_t digits) {
    int value = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<Date> Date::from_iso8601(std::string_view text) {
    constexpr std::size_t kDateLength = 10;      // 2022-10-14
    constexpr std::size_t kDateTimeLength = 19;  // 2022-10-14T09:30:00
    if (text.size() != kDateLength && text.size() != kDateTimeLength) return std::nullopt;
    if (text[4] != '-' || text[7] != '-') return std::nullopt;
    auto date = make_date(fixed_digits(text, 0, 4), fixed_digits(text, 5, 2), fixed_digits(text, 8, 2));
    if (text.size() == kDateLength) return date;
    if (text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
    // iso8601() never writes a leap second (with_time keeps 59), so ":60" is
    // not a stored form: read it back and it would be written as ":59".
    const int second = fixed_digits(text, 17, 2);
    if (second > 59) return std::nullopt;
    return with_time(date, fixed_digits(text, 11, 2), fixed_digits(text, 14, 2), second);
}

std::optional<Date> parse_date(std::string_view raw) {
    const std::string text(trim(raw));
    if (text.empty() || text.size() > 64) return std::nullopt;
    std::smatch m;

    // ISO 8601: 2016-05-03, 2016-05-03T10:00, 2016-05-03 10:00:00.123+02:00, 2016/05/03
    static const std::regex iso(
        R"((\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?)");
    if (std::regex_match(text, m, iso)) {
        auto date = make_date(to_int(m[1]), to_int(m[2]), to_int(m[3]));
        if (m[4].matched) return with_time(date, to_int(m[4]), to_int(m[5]), to_int(m[6]));
        return date;
    }
    // US month/day/year: 7/23/17, 07/23/2017
    static const std::regex us(R"((\d{1,2})/(\d{1,2})/(\d{2}|\d{4}))");
    if (std::regex_match(text, m, us)) return make_date(two_digit_year(to_int(m[3])), to_int(m[1]), to_int(m[2]));

    // Day-month-year with a month name: 26-FEB-1987 15:01:01.79, 14 October 2022, Fri, 14 Oct 2022 09:30:00 +0000
    static const std::regex day_month_year(
        R"((?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*(?:Z|[+-]\d{4}|UTC|GMT|[A-Z]{3}))?)?)");
    if (std::regex_match(text, m, day_month_year)) {
        const int month = month_from_name(m[2].str());
        if (month == 0) return std::nullopt;
        auto date = make_date(two_digit_year(to_int(m[3])), month, to_int(m[1]));
        if (m[4].matched) return with_time(date, to_int(m[4]), to_int(m[5]), to_int(m[6]));
        return date;
    }
    // Month-day-year with a month name: October 14, 2022; Oct. 14 2022
    static const std::regex month_day_year(
        R"((?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?)");
    if (std::regex_match(text, m, month_day_year)) {
        const int month = month_from_name(m[1].str());
        if (month == 0) return std::nullopt;
        auto date = make_date(to_int(m[3]), month, to_int(m[2]));
        if (m[4].matched) return with_time(date, to_int(m[4]), to_int(m[5]), to_int(m[6]));
        return date;
    }
    return std::nullopt;
}

std::string iso8601_from_epoch_seconds(const std::string& epoch_seconds) {
    if (epoch_seconds.empty()) return {};
    const std::time_t seconds = static_cast<std::time_t>(std::stoll(epoch_seconds));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace herald
