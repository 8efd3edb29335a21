// The search page's SVG charts: one bar per period with its link and title,
// escaping of stored values, stacked shares adding up to the whole.
#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

#include "searcher/analysis/timeline.hpp"
#include "searcher/web/charts.hpp"

using namespace herald;
using herald::web::stacked_bar_svg;
using herald::web::timeline_svg;

namespace {

int day(const char* compact) { return Date::from_compact(compact)->days_since_epoch(); }

Timeline months() {
    DayCounts matches, archive;
    matches.days.emplace_back(day("20180105"), 3);
    matches.days.emplace_back(day("20180320"), 5);
    archive.days.emplace_back(day("20180105"), 10);
    archive.days.emplace_back(day("20180210"), 4);
    archive.days.emplace_back(day("20180320"), 20);
    return make_timelines(TimelineInterval::Month, {matches}, archive).front();
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

std::vector<std::string> all_matches(const std::string& text, const std::string& pattern) {
    std::vector<std::string> found;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
        found.push_back((*it)[1].str());
    }
    return found;
}

}  // namespace

TEST_CASE("the timeline chart has one bar per period, empty ones included", "[charts]") {
    const Timeline timeline = months();
    REQUIRE(timeline.buckets.size() == 3);
    const std::string svg = timeline_svg(timeline, {{"q", "gas"}});
    REQUIRE(occurrences(svg, "<rect ") == 3);
    REQUIRE(occurrences(svg, "<a href=") == 3);
    REQUIRE(svg.find("role=\"img\"") != std::string::npos);
    REQUIRE(svg.find("aria-label=\"") != std::string::npos);
    REQUIRE(svg.find("data-interval=\"month\"") != std::string::npos);
    REQUIRE(svg.find("<title>2018-01: 3 of 10 articles (30.0%)</title>") != std::string::npos);
    REQUIRE(svg.find("<title>2018-02: 0 of 4 articles (0.0%)</title>") != std::string::npos);
    REQUIRE(svg.find("<title>2018-03: 5 of 20 articles (25.0%)</title>") != std::string::npos);
    // Axis labels: first and last period, the largest count.
    REQUIRE(svg.find(">2018-01</text>") != std::string::npos);
    REQUIRE(svg.find(">2018-03</text>") != std::string::npos);
    REQUIRE(svg.find(">5</text>") != std::string::npos);
    // Every bar is visible: no zero height.
    REQUIRE(svg.find("height=\"0.00\"") == std::string::npos);
}

TEST_CASE("a bar links to the page narrowed to its period", "[charts]") {
    const std::string svg =
        timeline_svg(months(), {{"q", "gas"}, {"from", "2017"}, {"source", "BBC"}, {"offset", "20"}});
    const auto hrefs = all_matches(svg, "<a href=\"([^\"]*)\"");
    REQUIRE(hrefs.size() == 3);
    REQUIRE(hrefs[0] == "?q=gas&amp;source=BBC&amp;from=2018-01-01&amp;to=2018-01-31");
    REQUIRE(hrefs[1] == "?q=gas&amp;source=BBC&amp;from=2018-02-01&amp;to=2018-02-28");
    REQUIRE(hrefs[2] == "?q=gas&amp;source=BBC&amp;from=2018-03-01&amp;to=2018-03-31");
}

TEST_CASE("a timeline without dated matches draws nothing, a huge one a sentence", "[charts]") {
    REQUIRE(timeline_svg(Timeline{}, {}).empty());
    DayCounts matches;
    matches.days.emplace_back(day("20000101"), 1);
    matches.days.emplace_back(day("20050101"), 1);
    const Timeline days = make_timelines(TimelineInterval::Day, {matches}, matches).front();
    const std::string note = timeline_svg(days, {});
    REQUIRE(note.find("<svg") == std::string::npos);
    REQUIRE(note.find("too many to draw") != std::string::npos);
}

TEST_CASE("chart text is escaped", "[charts]") {
    FacetCounts facet{"bias\"><script>", {{std::string("<script>alert('x')</script>"), 2}, {std::string("\"&'"), 1}}};
    const std::string svg = stacked_bar_svg(facet);
    REQUIRE(svg.find("<script>") == std::string::npos);
    REQUIRE(svg.find("&lt;script&gt;") != std::string::npos);
    REQUIRE(svg.find("&quot;&amp;") != std::string::npos);
    REQUIRE(svg.find("\"&'") == std::string::npos);
    const std::string timeline = timeline_svg(months(), {{"q", "\"><script>x</script>"}});
    REQUIRE(timeline.find("<script>") == std::string::npos);
    REQUIRE(timeline.find("q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&amp;from=") != std::string::npos);
}

TEST_CASE("stacked shares add up to the whole bar and to 100%", "[charts]") {
    FacetCounts facet{
        "bias", {{std::string("left"), 5}, {std::string("right"), 3}, {std::string("center"), 1}, {std::nullopt, 2}}};
    const std::string svg = stacked_bar_svg(facet);
    const auto widths = all_matches(svg, "width=\"([0-9.]+)\" height=\"18\"");
    REQUIRE(widths.size() == 4);
    double width = 0;
    for (const auto& w : widths) width += std::stod(w);
    REQUIRE(width == Approx(600).margin(0.05));
    const auto percents = all_matches(svg, "<title>[^<]*\\(([0-9.]+)%\\)</title>");
    REQUIRE(percents.size() == 4);
    double sum = 0;
    for (const auto& p : percents) sum += std::stod(p);
    REQUIRE(sum == Approx(100).margin(0.2));
    REQUIRE(svg.find("<title>left: 5 of 11 articles (45.5%)</title>") != std::string::npos);
    REQUIRE(svg.find("<title>(none): 2 of 11 articles (18.2%)</title>") != std::string::npos);
    REQUIRE(svg.find("class=\"legend\"") != std::string::npos);
    REQUIRE(stacked_bar_svg(FacetCounts{"bias", {}}).empty());
}

TEST_CASE("values past the named ones are stacked as other", "[charts]") {
    FacetCounts facet{"section", {}};
    for (int i = 0; i < 10; ++i) facet.values.push_back({"s" + std::to_string(i), 1});
    const std::string svg = stacked_bar_svg(facet);
    REQUIRE(occurrences(svg, "<title>") == web::kMaxStackedValues + 1);
    REQUIRE(svg.find("<title>(other): 3 of 10 articles (30.0%)</title>") != std::string::npos);
}

TEST_CASE("the automatic interval suits the span of the matches", "[charts]") {
    REQUIRE(automatic_interval(day("20100101"), day("20200101")) == TimelineInterval::Year);
    REQUIRE(automatic_interval(day("20180101"), day("20181231")) == TimelineInterval::Month);
    REQUIRE(automatic_interval(day("20180101"), day("20180401")) == TimelineInterval::Week);
    REQUIRE(automatic_interval(day("20180101"), day("20180120")) == TimelineInterval::Day);
    REQUIRE(automatic_interval(std::vector<DayCounts>{}) == TimelineInterval::Day);
}
