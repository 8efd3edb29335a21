// The analysis stage: the column store over shards, and counts of match
// sets against it (copies once, facets once per value a group's copies hold).
#include <xapian.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/terms.hpp"
#include "indexer/store/index_writer.hpp"
#include "searcher/analysis/column_store.hpp"
#include "searcher/analysis/match_counter.hpp"
#include "searcher/analysis/match_counts.hpp"
#include "searcher/analysis/match_set.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::TempDir;

namespace {

const Language kEnglish{"en", "english"};
const std::string kWireStory = "Ministers agreed a gas pipeline deal after talks ran through the night in Ankara.";

Article article(std::string id, std::string body, std::string source, std::vector<std::string> authors,
                std::string date) {
    Article made;
    made.id = std::move(id);
    made.title = "Report";
    made.body = std::move(body);
    made.source = std::move(source);
    made.authors = std::move(authors);
    if (!date.empty()) made.date = parse_date(date);
    return made;
}

void index_into(const std::string& path, const std::vector<Article>& articles) {
    IndexWriter writer(path, kEnglish);
    std::vector<std::string> warnings;
    for (const auto& each : articles) writer.upsert(each, warnings);
    writer.commit();
    REQUIRE(warnings.empty());
}

std::map<std::string, Xapian::doccount> by_value(const FacetCounts& facet) {
    std::map<std::string, Xapian::doccount> counts;
    for (const auto& value : facet.values) counts[value.value.value_or("(none)")] = value.count;
    return counts;
}

int day(const char* iso) { return parse_date(iso)->days_since_epoch(); }

// Two shards: the wire story three times (two outlets on shard 0, one on
// shard 1, on three days), and one other gas article on each.
struct TwoShards {
    TempDir dir;
    std::vector<Xapian::Database> shards;
    TwoShards() {
        const std::string first = (dir / "a").string(), second = (dir / "b").string();
        index_into(first, {article("wire-1", kWireStory, "Daily Post", {"Ann Lee"}, "2020-03-02"),
                           article("wire-2", kWireStory, "Evening Star", {"Ann Lee", "Bo Chen"}, "2020-03-01"),
                           article("own-a", "Gas storage rose in March.", "Daily Post", {}, "2020-04-10")});
        index_into(second, {article("wire-3", kWireStory, "Harbour News", {}, ""),
                            article("own-b", "Gas prices fell in May.", "", {"Bo Chen"}, "2020-05-05")});
        shards = {Xapian::Database(first), Xapian::Database(second)};
    }
};

}  // namespace

TEST_CASE("the column store numbers copy groups across shards", "[analysis]") {
    const TwoShards archive;
    const ColumnStore store(archive.shards);
    REQUIRE(store.copy_groups() == 1);
    const auto [first, end] = store.members(1);
    REQUIRE(end - first == 3);
    CHECK(store.shards()[0].group[1] == 1);
    CHECK(store.shards()[0].group[3] == 0);
    CHECK(store.shards()[1].group[1] == 1);
    CHECK(store.first_day() == day("2020-03-01"));
    CHECK(store.last_day() == day("2020-05-05"));
    CHECK(store.undated_documents() == 1);
    CHECK(store.bytes() > 0);

    const auto authors = store.facet(find_facet("author"), archive.shards);
    CHECK(authors->names.size() == 2);
    CHECK(authors->shards[0].first[3] - authors->shards[0].first[2] == 2);  // wire-2: two authors
    CHECK(store.facet(find_facet("author"), archive.shards) == authors);    // read once
}

TEST_CASE("counts take a group of copies once, facets once per value its copies hold", "[analysis]") {
    const TwoShards archive;
    const ColumnStore store(archive.shards);
    const MatchSet gas = collect_matches(archive.shards, Xapian::Query("gas"), 0);
    CountRequest request;
    request.facets = {find_facet("source"), find_facet("author")};
    request.days = true;

    SECTION("collapsed") {
        const MatchCounts counts = count_matches(gas, store, archive.shards, request);
        CHECK(counts.total == 3);
        CHECK(by_value(counts.facets[0]) ==
              std::map<std::string, Xapian::doccount>{
                  {"Daily Post", 2}, {"Evening Star", 1}, {"Harbour News", 1}, {"(none)", 1}});
        CHECK(by_value(counts.facets[1]) ==
              std::map<std::string, Xapian::doccount>{{"Ann Lee", 1}, {"Bo Chen", 2}, {"(none)", 1}});
        // The story on the earliest day one of its copies has.
        CHECK(counts.days.days == std::vector<std::pair<int, Xapian::doccount>>{
                                      {day("2020-03-01"), 1}, {day("2020-04-10"), 1}, {day("2020-05-05"), 1}});
        CHECK(counts.days.undated == 0);
        CHECK(counts.group_matches[1] == 3);
    }
    SECTION("every copy") {
        request.collapse = false;
        const MatchCounts counts = count_matches(gas, store, archive.shards, request);
        CHECK(counts.total == 5);
        CHECK(by_value(counts.facets[0])["Daily Post"] == 2);
        CHECK(by_value(counts.facets[1]) ==
              std::map<std::string, Xapian::doccount>{{"Ann Lee", 2}, {"Bo Chen", 2}, {"(none)", 2}});
        CHECK(counts.days.undated == 1);
        CHECK(counts.group_matches.empty());
    }
}

TEST_CASE("a hit's copies are counted among the matches, with or without the columns read", "[analysis]") {
    const TwoShards archive;
    const MatchCounter counter(archive.shards.front(), {archive.shards.front()}, false);
    // "ankara" matches the wire story's two copies on this shard.
    const Xapian::Database& first = archive.shards.front();
    Xapian::Enquire enquire(first);
    enquire.set_query(Xapian::Query("ankara"));
    const Xapian::MSet matches = enquire.get_mset(0, 10);
    REQUIRE(matches.size() == 2);
    const std::vector<Xapian::MSetIterator> shown{matches.begin()};
    // Before the column store is read: one walk of the signature slot.
    const CopyCounts walked = counter.copies_of(shown, Xapian::Query("ankara"));
    CHECK(walked.copies_of(*matches.begin(), matches.begin().get_document()) == 1);
    // After: the same from the columns.
    REQUIRE(column_store({first}) != nullptr);
    const CopyCounts read = counter.copies_of(shown, Xapian::Query("ankara"));
    CHECK(read.copies_of(*matches.begin(), matches.begin().get_document()) == 1);
    // A query its copy does not match leaves it none.
    const Xapian::docid shown_id = *matches.begin();
    const std::string other = shown_id == 1 ? "wire-2" : "wire-1";
    const CopyCounts alone = counter.copies_of(
        shown, Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query("ankara"), Xapian::Query(terms::id(other))));
    CHECK(alone.copies_of(shown_id, matches.begin().get_document()) == 0);
}

TEST_CASE("a one-shot count without the columns equals the count from them", "[analysis]") {
    const TwoShards archive;
    Xapian::Database combined;
    for (const auto& shard : archive.shards) combined.add_database(shard);
    // "gas" matches everything; "ankara" only the copies; the split count
    // leaves out the own articles as a name key's extra matches would be.
    const std::vector<CountedQuery> queries{
        {Xapian::Query("gas"), Xapian::Query()},
        {Xapian::Query("ankara"), Xapian::Query()},
        {Xapian::Query("gas"), Xapian::Query("ankara")},
    };
    std::vector<CountRequest> requests(2);
    for (auto& request : requests) {
        request.facets = {find_facet("source"), find_facet("author")};
        request.days = true;
    }
    requests[1].collapse = false;
    const auto count_all = [&](const MatchCounter& counter) {
        std::vector<Analysis> counted;
        for (const auto& request : requests) {
            for (const auto& query : queries) counted.push_back(counter.count(query, request, 0));
        }
        return std::make_pair(std::move(counted), counter.archive_days(Xapian::Query(), 0));
    };

    MatchCounter one_shot(combined, archive.shards, false);
    one_shot.set_one_shot(true);
    const auto [spied, archive_spied] = count_all(one_shot);
    CHECK(cached_column_store(archive.shards) == nullptr);  // the spies counted: nothing read the columns
    const auto [read, archive_read] = count_all(MatchCounter(combined, archive.shards, false));
    REQUIRE(cached_column_store(archive.shards) != nullptr);

    REQUIRE(spied.size() == read.size());
    for (std::size_t i = 0; i < spied.size(); ++i) {
        CAPTURE(i);
        CHECK(spied[i].total == read[i].total);
        CHECK(spied[i].variants == read[i].variants);
        REQUIRE(spied[i].facets.size() == read[i].facets.size());
        for (std::size_t facet = 0; facet < spied[i].facets.size(); ++facet)
            CHECK(by_value(spied[i].facets[facet]) == by_value(read[i].facets[facet]));
        CHECK(spied[i].days.days == read[i].days.days);
        CHECK(spied[i].days.undated == read[i].days.undated);
    }
    CHECK(spied[0].total == 3);  // "gas", copies once
    CHECK(archive_spied.days == archive_read.days);
    CHECK(archive_spied.undated == archive_read.undated);
}
