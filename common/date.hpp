// Calendar dates as they appear in news corpora, parsed into one form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace herald {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    // Time of day, when the source gave one.
    std::optional<int> hour, minute, second;

    // "2022-10-14", or "2022-10-14T09:30:00" when the time is known (as given; offsets are not applied).
    std::string iso8601() const;
    // "20221014": the sortable form kept in the date value slot.
    std::string compact() const;
    // Inverse of compact(); nullopt on malformed input.
    static std::optional<Date> from_compact(std::string_view text);
    // Inverse of iso8601(), exactly its two forms; nullopt otherwise. The
    // stored form is read back by this, not by the general parse_date().
    static std::optional<Date> from_iso8601(std::string_view text);
    // Days since 1970-01-01 (negative before), for counting by calendar
    // period; the time of day is ignored.
    int days_since_epoch() const;
    // Inverse of days_since_epoch(), without a time of day.
    static Date from_days_since_epoch(int days);
};

// 28..31, leap years included; month is 1..12.
int days_in_month(int year, int month);

// Parses the date forms found in real news data:
//   ISO 8601 dates and date-times ("2016-05-03", "2016-05-03T10:00:00Z", "2016-05-03 10:00"),
//   US short dates ("7/23/17", "07/23/2017"),
//   Reuters-style ("26-FEB-1987 15:01:01.79"),
//   "October 14, 2022", "14 October 2022", RFC 2822 ("Fri, 14 Oct 2022 09:30:00 +0000").
// Returns nullopt when the text is not a plausible date (years outside 1800..2100 included).
std::optional<Date> parse_date(std::string_view text);

// Seconds since the epoch, as the indexer stores commit times in metadata,
// to ISO 8601 UTC ("2026-11-28T09:15:02Z"); "" for "".
std::string iso8601_from_epoch_seconds(const std::string& epoch_seconds);

}  // namespace herald
