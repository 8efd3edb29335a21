#include "searcher/query/date_range.hpp"

#include <fmt/format.h>

#include <cctype>
#include <regex>

#include "common/date.hpp"
#include "common/schema.hpp"
#include "searcher/query/query_builder.hpp"

namespace herald {

std::optional<DateBounds> parse_date_bounds(std::string_view text) {
    static const std::regex year_only(R"(\d{4})");
    static const std::regex year_month(R"((\d{4})-(\d{1,2}))");
    const std::string value(text);
    std::smatch m;
    if (std::regex_match(value, year_only)) {
        const int year = std::stoi(value);
        if (year < 1800 || year > 2100) return std::nullopt;
        return DateBounds{fmt::format("{:04}0101", year), fmt::format("{:04}1231", year)};
    }
    if (std::regex_match(value, m, year_month)) {
        const int year = std::stoi(m[1]);
        const int month = std::stoi(m[2]);
        if (year < 1800 || year > 2100 || month < 1 || month > 12) return std::nullopt;
        return DateBounds{fmt::format("{:04}{:02}01", year, month),
                          fmt::format("{:04}{:02}{:02}", year, month, days_in_month(year, month))};
    }
    const auto date = parse_date(text);
    if (!date) return std::nullopt;
    return DateBounds{date->compact(), date->compact()};
}

Xapian::Query date_range_query(std::string_view from, std::string_view to) {
    auto bounds_of = [](std::string_view text) {
        auto bounds = parse_date_bounds(text);
        if (!bounds) {
            throw QueryError(fmt::format("invalid date '{}' (use YYYY, YYYY-MM or YYYY-MM-DD)", text));
        }
        return *bounds;
    };
    const auto slot = schema::kDateSlot;
    if (from.empty() && to.empty()) throw QueryError("a date range needs a start or an end");
    if (to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, bounds_of(from).first);
    if (from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, bounds_of(to).last);
    const auto first = bounds_of(from).first;
    const auto last = bounds_of(to).last;
    if (first > last) throw QueryError(fmt::format("date range {}..{} ends before it starts", from, to));
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, first, last);
}

DateRangeProcessor::DateRangeProcessor()
    : Xapian::RangeProcessor(schema::kDateSlot, std::string(schema::kDateField) + ":") {}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
    try {
        return date_range_query(begin, end);
    } catch (const QueryError& error) {
        // QueryParser lets its own error type through parse_query().
        throw Xapian::QueryParserError(error.what());
    }
}

}  // namespace herald
