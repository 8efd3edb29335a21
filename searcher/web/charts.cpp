#include "searcher/web/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <vector>

#include "searcher/present/snippet.hpp"
#include "searcher/web/query_string.hpp"

namespace herald::web {
namespace {

// The timeline's drawing area, in viewBox units.
constexpr double kChartWidth = 640, kChartHeight = 180;
constexpr double kLeft = 44, kRight = 8, kTop = 12, kBottom = 24;
constexpr const char* kBarColour = "#4a78b5";
constexpr const char* kEmptyBarColour = "#d5dbe5";
constexpr const char* kAxisColour = "#888";
constexpr const char* kTextColour = "#444";

constexpr double kStackWidth = 600, kStackHeight = 18;
// Colour-blind-safe (Okabe–Ito) for named values; grey for the rest.
constexpr std::array<const char*, kMaxStackedValues> kSegmentColours = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                                                        "#56b4e9", "#d55e00", "#f0e442"};
constexpr const char* kOtherColour = "#999999";
constexpr const char* kNoneColour = "#dddddd";

std::string percent(Xapian::doccount count, Xapian::doccount total) {
    return fmt::format("{:.1f}%", total == 0 ? 0.0 : 100.0 * count / total);
}

std::string href(const Parameters& parameters) { return html_escape("?" + build_query_string(parameters)); }

struct Segment {
    std::string label;
    Xapian::doccount count = 0;
    const char* colour = kOtherColour;
};

std::vector<Segment> segments_of(const FacetCounts& facet) {
    std::vector<Segment> segments;
    Xapian::doccount other = 0, none = 0;
    for (const auto& value : facet.values) {
        if (!value.value) {
            none += value.count;
        } else if (segments.size() < kMaxStackedValues) {
            segments.push_back({*value.value, value.count, kSegmentColours[segments.size()]});
        } else {
            other += value.count;
        }
    }
    if (other > 0) segments.push_back({"(other)", other, kOtherColour});
    if (none > 0) segments.push_back({"(none)", none, kNoneColour});
    return segments;
}

}  // namespace

Parameters narrowed_to_period(const Parameters& parameters, const TimelineBucket& bucket) {
    Parameters changed;
    for (const auto& parameter : parameters) {
        if (parameter.first != "from" && parameter.first != "to" && parameter.first != "offset") {
            changed.push_back(parameter);
        }
    }
    changed.emplace_back("from", bucket.first_day.iso8601());
    changed.emplace_back("to", bucket.last_day.iso8601());
    return changed;
}

std::string timeline_svg(const Timeline& timeline, const Parameters& parameters) {
    const auto& buckets = timeline.buckets;
    if (buckets.empty()) return {};
    const std::string interval(timeline_interval_name(timeline.interval));
    if (buckets.size() > kMaxChartPeriods) {
        return fmt::format(
            "<p class=\"meta\">The matches span {} periods of a {}: too many to draw; choose a "
            "longer interval (timeline=month or year) or narrow the dates.</p>\n",
            buckets.size(), html_escape(interval));
    }
    const auto busiest = std::max_element(buckets.begin(), buckets.end(),
                                          [](const auto& a, const auto& b) { return a.count < b.count; });
    const Xapian::doccount most = busiest->count;
    const double plot_width = kChartWidth - kLeft - kRight;
    const double plot_height = kChartHeight - kTop - kBottom;
    const double slot = plot_width / static_cast<double>(buckets.size());
    const double gap = slot >= 4 ? std::min(slot * 0.2, 4.0) : 0;
    const double base = kTop + plot_height;

    std::string out;
    auto it = std::back_inserter(out);
    const std::string label = fmt::format("Matching articles by {}, {} to {}: most in {} ({})", interval,
                                          buckets.front().period, buckets.back().period, busiest->period, most);
    fmt::format_to(it,
                   "<svg class=\"timeline\" data-interval=\"{}\" role=\"img\" aria-label=\"{}\" "
                   "viewBox=\"0 0 {} {}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\" "
                   "font-family=\"system-ui,sans-serif\" font-size=\"11\">\n",
                   html_escape(interval), html_escape(label), kChartWidth, kChartHeight);
    // Axes: the largest count at the top, zero at the base.
    fmt::format_to(it, "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\"/>\n", kLeft, base,
                   kChartWidth - kRight, kAxisColour);
    fmt::format_to(it, "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-dasharray=\"2 3\"/>\n",
                   kLeft, kTop, kChartWidth - kRight, kAxisColour);
    fmt::format_to(it, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>\n", kLeft - 4, kTop + 4,
                   kTextColour, most);
    fmt::format_to(it, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">0</text>\n", kLeft - 4, base,
                   kTextColour);
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const TimelineBucket& bucket = buckets[i];
        double height = most == 0 ? 0 : plot_height * bucket.count / most;
        const bool empty = bucket.count == 0;
        if (empty) height = 1;
        const double x = kLeft + slot * static_cast<double>(i) + gap / 2;
        const std::string title = fmt::format("{}: {} of {} articles ({})", bucket.period, bucket.count, bucket.all,
                                              percent(bucket.count, bucket.all));
        fmt::format_to(it,
                       "<a href=\"{}\"><rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" "
                       "fill=\"{}\"><title>{}</title></rect></a>\n",
                       href(narrowed_to_period(parameters, bucket)), x, base - height, std::max(slot - gap, 0.5),
                       height, empty ? kEmptyBarColour : kBarColour, html_escape(title));
    }
    // The first and last periods under the axis.
    fmt::format_to(it, "<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n", kLeft, base + 16, kTextColour,
                   html_escape(buckets.front().period));
    if (buckets.size() > 1) {
        fmt::format_to(it, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>\n", kChartWidth - kRight,
                       base + 16, kTextColour, html_escape(buckets.back().period));
    }
    out += "</svg>\n";
    return out;
}

std::string share_bar_svg(Xapian::doccount count, Xapian::doccount total) {
    constexpr double kWidth = 60, kHeight = 8;
    const double filled = total == 0 ? 0 : kWidth * std::min(1.0, static_cast<double>(count) / total);
    return fmt::format(
        "<svg class=\"share\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" aria-hidden=\"true\" "
        "xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"{0}\" height=\"{1}\" fill=\"#e8ecf2\"/>"
        "<rect width=\"{2:.2f}\" height=\"{1}\" fill=\"{3}\"/></svg>",
        kWidth, kHeight, filled, kBarColour);
}

std::string stacked_bar_svg(const FacetCounts& facet) {
    const std::vector<Segment> segments = segments_of(facet);
    Xapian::doccount total = 0;
    for (const auto& segment : segments) total += segment.count;
    if (total == 0) return {};
    std::string out;
    auto it = std::back_inserter(out);
    std::vector<std::string> parts;
    for (const auto& segment : segments) {
        parts.push_back(fmt::format("{} {}", segment.label, percent(segment.count, total)));
    }
    const std::string label = fmt::format("{} of the matches: {}", facet.name, fmt::join(parts, ", "));
    fmt::format_to(it,
                   "<svg class=\"stacked\" data-facet=\"{}\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" "
                   "width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                   html_escape(facet.name), html_escape(label), kStackWidth, kStackHeight);
    // Each segment spans from its cumulative start to its cumulative end,
    // both rounded the same way, so the widths add up to the whole bar.
    Xapian::doccount before = 0;
    for (const auto& segment : segments) {
        const double start = kStackWidth * before / total;
        before += segment.count;
        const double end = kStackWidth * before / total;
        fmt::format_to(
            it, "<rect x=\"{:.2f}\" y=\"0\" width=\"{:.2f}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
            start, end - start, kStackHeight, segment.colour,
            html_escape(fmt::format("{}: {} of {} articles ({})", segment.label, segment.count, total,
                                    percent(segment.count, total))));
    }
    out += "</svg>\n<p class=\"legend\">";
    for (const auto& segment : segments) {
        fmt::format_to(it,
                       "<span><svg width=\"10\" height=\"10\" aria-hidden=\"true\" "
                       "xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\" fill=\"{}\"/></svg> "
                       "{} {} ({})</span> ",
                       segment.colour, html_escape(segment.label), segment.count, percent(segment.count, total));
    }
    out += "</p>\n";
    return out;
}

}  // namespace herald::web
