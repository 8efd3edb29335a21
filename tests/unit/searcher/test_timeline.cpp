// Timelines: periods, gaps, shares and counting the whole match set.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "indexer/store/index_writer.hpp"
#include "searcher/analysis/day_counts.hpp"
#include "searcher/analysis/match_counter.hpp"
#include "searcher/analysis/timeline.hpp"
#include "searcher/match/searcher.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/present/sparkline.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::TempDir;

namespace {

const Language kEnglish{"en", "english"};

// A match's articles by day, through the analysis stage as a search counts them.
DayCounts count_days(const Xapian::Database& database, const Xapian::Query& query, bool collapse) {
    const MatchCounter counter(database, {database}, false);
    CountRequest request;
    request.collapse = collapse;
    request.days = true;
    return counter.count({query, Xapian::Query()}, request, 0).days;
}

int day(const char* compact) { return Date::from_compact(compact)->days_since_epoch(); }

DayCounts counts_on(std::initializer_list<std::pair<const char*, Xapian::doccount>> days,
                    Xapian::doccount undated = 0) {
    DayCounts counts;
    std::map<int, Xapian::doccount> by_day;
    for (const auto& [date, count] : days) by_day[day(date)] += count;
    counts.days.assign(by_day.begin(), by_day.end());
    counts.undated = undated;
    return counts;
}

std::vector<std::string> periods_of(const Timeline& timeline) {
    std::vector<std::string> periods;
    for (const auto& bucket : timeline.buckets) periods.push_back(bucket.period);
    return periods;
}

Article dated_article(std::string id, std::string body, std::string date) {
    Article article;
    article.id = std::move(id);
    article.title = "Report";
    article.body = std::move(body);
    if (!date.empty()) article.date = parse_date(date);
    return article;
}

}  // namespace

TEST_CASE("timelines fill empty periods between the first and last match", "[timeline]") {
    const DayCounts matches = counts_on({{"20180115", 2}, {"20180402", 1}}, 3);
    const DayCounts archive = counts_on({{"20171230", 9}, {"20180115", 4}, {"20180220", 5}, {"20180402", 4}}, 7);
    const auto timelines = make_timelines(TimelineInterval::Month, {matches}, archive);
    REQUIRE(timelines.size() == 1);
    const Timeline& timeline = timelines.front();
    CHECK(periods_of(timeline) == std::vector<std::string>{"2018-01", "2018-02", "2018-03", "2018-04"});
    CHECK(timeline.buckets[0].count == 2);
    CHECK(timeline.buckets[0].all == 4);
    CHECK(timeline.buckets[0].share == Approx(0.5));
    CHECK(timeline.buckets[1].count == 0);
    CHECK(timeline.buckets[1].all == 5);
    CHECK(timeline.buckets[1].share == 0.0);
    CHECK(timeline.buckets[2].all == 0);
    CHECK(timeline.buckets[2].share == 0.0);
    CHECK(timeline.buckets[3].share == Approx(0.25));
    CHECK(timeline.undated == 3);
    CHECK(timeline.total() == 6);
    CHECK(timeline.buckets[1].first_day.compact() == "20180201");
    CHECK(timeline.buckets[1].last_day.compact() == "20180228");
}

TEST_CASE("timeline periods: ISO weeks start on Monday, years and days", "[timeline]") {
    // 2018-03-04 is a Sunday, 2018-03-05 a Monday.
    const DayCounts matches = counts_on({{"20180304", 1}, {"20180305", 1}, {"20180311", 1}});
    const auto weeks = make_timelines(TimelineInterval::Week, {matches}, matches).front();
    CHECK(periods_of(weeks) == std::vector<std::string>{"2018-02-26", "2018-03-05"});
    CHECK(weeks.buckets[1].count == 2);
    CHECK(weeks.buckets[1].last_day.compact() == "20180311");
    const auto days = make_timelines(TimelineInterval::Day, {matches}, matches).front();
    CHECK(days.buckets.size() == 8);
    CHECK(days.buckets.front().period == "2018-03-04");
    const auto years =
        make_timelines(TimelineInterval::Year, {counts_on({{"20161231", 1}, {"20190101", 1}})}, DayCounts()).front();
    CHECK(periods_of(years) == std::vector<std::string>{"2016", "2017", "2018", "2019"});
    CHECK(years.buckets[3].last_day.compact() == "20191231");
}

TEST_CASE("compared timelines share their periods", "[timeline]") {
    const auto timelines = make_timelines(TimelineInterval::Month,
                                          {counts_on({{"20180115", 1}}), counts_on({{"20180610", 2}}), DayCounts()},
                                          counts_on({{"20180115", 1}, {"20180610", 2}}));
    REQUIRE(timelines.size() == 3);
    for (const auto& timeline : timelines) CHECK(timeline.buckets.size() == 6);
    CHECK(timelines[0].buckets[0].count == 1);
    CHECK(timelines[1].buckets[5].count == 2);
    CHECK(timelines[2].total() == 0);
}

TEST_CASE("a stray date under a day interval is refused with a way out", "[timeline]") {
    const DayCounts matches = counts_on({{"19500101", 1}, {"20500101", 1}});
    CHECK_THROWS_WITH(make_timelines(TimelineInterval::Day, {matches}, matches),
                      Catch::Contains("1950-01-01 to 2050-01-01") && Catch::Contains("--from"));
    CHECK(make_timelines(TimelineInterval::Month, {matches}, matches).front().buckets.size() == 1201);
}

TEST_CASE("the match counter counts every match once by day, copies on their earliest day", "[timeline]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    const std::string copy = "Gas prices rose again as the pipeline stayed shut for repairs over the winter.";
    {
        IndexWriter writer(path, kEnglish);
        std::vector<std::string> warnings;
        writer.upsert(dated_article("copy-late", copy, "2019-05-20"), warnings);
        writer.upsert(dated_article("copy-early", copy, "2019-03-04"), warnings);
        writer.upsert(dated_article("gas-undated", "Gas storage filled up.", ""), warnings);
        writer.upsert(dated_article("gas-april", "Gas tankers queued at the port.", "2019-04-01"), warnings);
        writer.upsert(dated_article("other", "Budget talks ran late.", "2019-04-02"), warnings);
        writer.commit();
    }
    const Xapian::Database database(path);
    const Xapian::Query gas("gas");
    const DayCounts collapsed = count_days(database, gas, true);
    CHECK(collapsed.total() == 3);
    CHECK(collapsed.undated == 1);
    CHECK(collapsed.days == std::vector<std::pair<int, Xapian::doccount>>{{day("20190304"), 1}, {day("20190401"), 1}});
    const DayCounts copies = count_days(database, gas, false);
    CHECK(copies.total() == 4);
    CHECK(copies.days.back() == std::pair<int, Xapian::doccount>{day("20190520"), 1});
    const DayCounts archive = MatchCounter(database, {database}, false).archive_days(Xapian::Query(), 0);
    CHECK(archive.total() == 5);
    CHECK(archive.undated == 1);
    // The same counts as a match over every document would give.
    CHECK(archive.days == count_days(database, Xapian::Query(std::string()), false).days);

    SECTION("through the searcher, which makes the total exact") {
        Searcher searcher(open_database({path}), kEnglish);
        SearchRequest request;
        request.query = "gas";
        request.timeline = TimelineInterval::Month;
        const auto results = searcher.search(request);
        REQUIRE(results.timeline);
        CHECK(results.total == 3);
        CHECK(results.timeline->total() == 3);
        CHECK(periods_of(*results.timeline) == std::vector<std::string>{"2019-03", "2019-04"});
        CHECK(results.timeline->buckets[1].all == 2);
        const auto json = results_to_json(results);
        CHECK(json["timeline"]["interval"] == "month");
        CHECK(json["timeline"]["buckets"][1]["share"] == Approx(0.5));
        CHECK(json["timeline"]["undated"] == 1);

        // Filters narrow the archive's counts too; the later copy, in May,
        // stands for its group when the earlier one is filtered out.
        request.from = "2019-04";
        const auto from_april = searcher.search(request);
        CHECK(periods_of(*from_april.timeline) == std::vector<std::string>{"2019-04", "2019-05"});
        CHECK(from_april.total == 2);
        request.to = "2019-04";
        const auto april = searcher.search(request);
        CHECK(april.timeline->buckets.size() == 1);
        CHECK(april.timeline->buckets[0].all == 2);
        CHECK(april.total == 1);

        const Comparison comparison = searcher.compare(SearchRequest(), {"gas", "budget"});
        REQUIRE(comparison.timelines.size() == 2);
        CHECK(comparison.timelines[1].query == "budget");
        CHECK(periods_of(comparison.timelines[0]) == periods_of(comparison.timelines[1]));
        CHECK(comparison.timelines[1].total() == 1);
        CHECK_THROWS_AS(searcher.compare(SearchRequest(), {"gas", " "}), QueryError);
    }
}

TEST_CASE("sparklines scale to the largest value and leave empty periods blank", "[timeline]") {
    CHECK(sparkline({0, 1, 4, 8}) == " ▁▄█");
    CHECK(sparkline({}).empty());
    Timeline timeline;
    for (int i = 0; i < 10; ++i) timeline.buckets.push_back({"p", {}, {}, static_cast<Xapian::doccount>(i), 10, 0});
    const auto narrow = timeline_sparkline(timeline, 4);
    CHECK(narrow.periods_per_block == 3);
    CHECK(narrow.line == "▂▅█▄");  // sums 3, 12, 21, 9
}
