// The search page's pictures as inline SVG (no scripts, no fetched images
// or fonts, colours fixed in the markup): the timeline as a bar chart whose
// bars narrow the search to their period, a facet value's share as a bar,
// and a keyword field's values as one stacked bar. Pure functions from data
// to markup; every text in them is escaped.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>

#include "searcher/analysis/timeline.hpp"
#include "searcher/analysis/facet_counts.hpp"
#include "searcher/query/search_params.hpp"

namespace herald::web {

// Most periods a timeline chart draws; a longer timeline (timeline=day over
// years) gets a sentence asking for a longer interval instead.
inline constexpr std::size_t kMaxChartPeriods = 400;
// Most values a stacked bar shows by name; the rest become "(other)".
inline constexpr std::size_t kMaxStackedValues = 7;

// The page's parameters narrowed to one period: `from` and `to` set to its
// first and last day (ISO dates), the paging dropped, the rest kept.
Parameters narrowed_to_period(const Parameters& parameters, const TimelineBucket& bucket);

// The timeline as a bar chart (role="img", aria-label): one <rect> per
// period, each inside an <a> to the page narrowed to that period and with a
// <title> "2018-03: 120 of 950 articles (12.6%)" (the matches of the
// period, of the archive's articles then, within the same filters). An
// empty period is a pale bar one unit high, so its link and title remain.
// Labelled with the first and last periods and the largest count. Empty
// when the timeline has no periods (no dated match).
std::string timeline_svg(const Timeline& timeline, const Parameters& parameters);

// A small horizontal bar filled to `count` of `total` (a facet value's
// share of the matches); decorative (aria-hidden), the count is written
// beside it.
std::string share_bar_svg(Xapian::doccount count, Xapian::doccount total);

// A facet's values as one horizontal stacked bar of their shares of the
// counted matches (the most frequent by name, the rest as "(other)",
// matches without the field as "(none)"), each segment with a <title> "left: 12 of 40
// articles (30.0%)", and a legend. The segments' widths add up to the whole
// bar. Empty when nothing was counted.
std::string stacked_bar_svg(const FacetCounts& facet);

}  // namespace herald::web
