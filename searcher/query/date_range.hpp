// Date ranges over the date value slot: "date:2016-01-01..2016-06-30" in
// queries and --from/--to. Partial dates mean the whole period: "2016" is
// 2016-01-01..2016-12-31, "2016-05" the whole of May.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace herald {

struct DateBounds {
    std::string first;  // "YYYYMMDD", the period's first day
    std::string last;   // "YYYYMMDD", the period's last day
};

// "2016", "2016-05", "2016-05-03" and every form parse_date() reads; nullopt otherwise.
std::optional<DateBounds> parse_date_bounds(std::string_view text);

// A value-range query over [from's first day, to's last day]; an empty end
// is open. Throws QueryError for an unreadable date or a reversed range.
Xapian::Query date_range_query(std::string_view from, std::string_view to);

// Handles "date:FROM..TO" for Xapian::QueryParser.
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateRangeProcessor();
    Xapian::Query operator()(const std::string& begin, const std::string& end) override;
};

}  // namespace herald
