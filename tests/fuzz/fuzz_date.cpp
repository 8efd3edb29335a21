// Dates: the forms parse_date() reads from real corpora, the stored forms
// read back strictly, day arithmetic, and the searcher's partial dates
// (`date:`, --from/--to). What parses must be a real calendar date and must
// survive its own round trips.
#include <string>
#include <string_view>

#include "common/date.hpp"
#include "searcher/query/date_range.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using herald::Date;
using herald::fuzz::require;

bool same_day(const Date& a, const Date& b) { return a.year == b.year && a.month == b.month && a.day == b.day; }

bool is_compact_day(const std::string& text) {
    return text.size() == 8 && text.find_first_not_of("0123456789") == std::string::npos;
}

void check_date(const Date& date) {
    require(date.month >= 1 && date.month <= 12, "month in 1..12");
    require(date.day >= 1 && date.day <= herald::days_in_month(date.year, date.month), "day within its month");
    require(!date.hour || (*date.hour >= 0 && *date.hour <= 23), "hour in 0..23");
    require(!date.minute || (*date.minute >= 0 && *date.minute <= 59), "minute in 0..59");
    require(!date.second || (*date.second >= 0 && *date.second <= 60), "second in 0..60");
    const auto from_iso = Date::from_iso8601(date.iso8601());
    require(from_iso && same_day(*from_iso, date) && from_iso->iso8601() == date.iso8601(), "iso8601() reads back");
    const auto from_compact = Date::from_compact(date.compact());
    require(from_compact && same_day(*from_compact, date), "compact() reads back");
    require(same_day(Date::from_days_since_epoch(date.days_since_epoch()), date), "days since the epoch read back");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = herald::fuzz::as_text(data, size);
    if (const auto date = herald::parse_date(text)) {
        require(date->year >= 1800 && date->year <= 2100, "parse_date keeps to 1800..2100");
        check_date(*date);
    }
    if (const auto stored = Date::from_iso8601(text)) {
        check_date(*stored);
        require(stored->iso8601() == text, "from_iso8601 reads exactly what iso8601() writes");
    }
    if (const auto compact = Date::from_compact(text)) {
        check_date(*compact);
        require(compact->compact() == text, "from_compact reads exactly what compact() writes");
    }
    if (const auto bounds = herald::parse_date_bounds(text)) {
        require(is_compact_day(bounds->first) && is_compact_day(bounds->last), "bounds are YYYYMMDD");
        require(bounds->first <= bounds->last, "a period starts before it ends");
    }
    return 0;
}
