// Keyword fields end to end: stored, filtered, faceted and shown.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "common/document_data.hpp"
#include "common/keyword_fields.hpp"
#include "common/schema.hpp"
#include "indexer/store/index_writer.hpp"
#include "searcher/match/searcher.hpp"
#include "searcher/present/results_json.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::TempDir;

namespace {

const Language kEnglish{"en", "english"};

Article article(std::string id, std::string body, std::map<std::string, std::string> keywords) {
    Article made;
    made.id = std::move(id);
    made.title = "Budget vote";
    made.body = std::move(body);
    made.keywords = std::move(keywords);
    return made;
}

std::map<std::string, Xapian::doccount> counts_of(const FacetCounts& facet) {
    std::map<std::string, Xapian::doccount> counts;
    for (const auto& value : facet.values) counts[value.value.value_or("(none)")] = value.count;
    return counts;
}

}  // namespace

TEST_CASE("keyword slot values and recorded names round-trip", "[keywords]") {
    const std::string slot = keyword_slot_value({{"bias", "left"}, {"desk", "Metro, City"}});
    CHECK(keyword_from_slot_value(slot, "bias") == std::optional<std::string>("left"));
    CHECK(keyword_from_slot_value(slot, "desk") == std::optional<std::string>("Metro, City"));
    CHECK_FALSE(keyword_from_slot_value(slot, "bia"));
    CHECK_FALSE(keyword_from_slot_value("", "bias"));
    CHECK(parse_keyword_names(keyword_names_metadata({"bias", "desk"})) == std::set<std::string>{"bias", "desk"});
    CHECK(parse_keyword_names("").empty());
    CHECK(keyword_name_problem("bias_2") == std::nullopt);
    CHECK(keyword_name_problem("2bias"));
    CHECK(keyword_name_problem("b:x"));
}

TEST_CASE("stored records keep keyword fields, and records without them read as before", "[keywords]") {
    Article with = article("a", std::string(400, 'x'), {{"bias", "left"}, {"desk", "Metro"}});
    CHECK(decode_document_data(encode_document_data(with)).keywords == with.keywords);
    Article without = article("b", "short", {});
    const std::string plain = encode_document_data(without);
    CHECK(decode_document_data(plain).keywords.empty());
    // A record cut inside its keywords is an error, not a shorter article.
    const std::string short_record = encode_document_data(article("c", "s", {{"bias", "left"}}));
    CHECK_THROWS(decode_document_data(short_record.substr(0, short_record.size() - 2)));
}

TEST_CASE("keyword fields filter, facet and show through the searcher", "[keywords][search]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    {
        IndexWriter writer(path, kEnglish);
        writer.declare_keywords({"bias"});
        std::vector<std::string> warnings;
        writer.upsert(article("l1", "The budget vote passed.", {{"bias", "Left"}}), warnings);
        writer.upsert(article("l2", "A budget vote on schools.", {{"bias", "left"}}), warnings);
        writer.upsert(article("r1", "The budget vote failed in the senate.", {{"bias", "right"}}), warnings);
        writer.upsert(article("n1", "Budget vote coverage without a label.", {}), warnings);
        writer.commit();
    }
    CHECK(Xapian::Database(path).get_metadata(std::string(schema::kKeywordNamesKey)) == "bias");
    Searcher searcher(open_database({path}), kEnglish);
    CHECK(searcher.keyword_fields() == std::set<std::string>{"bias"});
    SearchRequest request;
    request.query = "budget";
    request.facets = {"bias"};
    request.collapse = false;
    const auto all = searcher.search(request);
    CHECK(all.total == 4);
    CHECK(counts_of(all.facets[0]) ==
          std::map<std::string, Xapian::doccount>{{"Left", 1}, {"left", 1}, {"right", 1}, {"(none)", 1}});

    request.query = "budget bias:LEFT";  // folded like the indexed value
    const auto left = searcher.search(request);
    CHECK(left.total == 2);
    for (const auto& hit : left.hits) {
        const std::string bias = hit.article.keywords.at("bias");
        CHECK((bias == "left" || bias == "Left"));
    }

    request.query = "budget";
    request.keyword_filters = {{"bias", "right"}, {"bias", "left"}};
    CHECK(searcher.search(request).total == 3);
    const auto json = results_to_json(searcher.search(request));
    CHECK(json["results"][0]["fields"].contains("bias"));

    request.keyword_filters = {{"desk", "metro"}};
    CHECK_THROWS_WITH(searcher.search(request), Catch::Contains("'desk'") && Catch::Contains("bias"));
    request.keyword_filters.clear();
    request.facets = {"desk"};
    CHECK_THROWS_WITH(searcher.search(request), Catch::Contains("unknown facet 'desk'") && Catch::Contains("bias"));
}

// Issue 30: "heraldword", the query parser's own field, was not reserved, so a
// keyword field of that name left every search failing inside Xapian.
TEST_CASE("the query parser's placeholder field is a reserved name", "[keywords]") {
    const auto problem = keyword_name_problem(schema::kWordPlaceholderField);
    REQUIRE(problem);
    CHECK_THAT(*problem, Catch::Contains("'heraldword'"));
    TempDir dir;
    IndexWriter writer((dir / "db").string(), kEnglish);
    CHECK_THROWS_AS(writer.declare_keywords({"bias", "heraldword"}), std::invalid_argument);
}

TEST_CASE("a database that records a reserved keyword name is refused by name", "[keywords][search]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    {
        IndexWriter writer(path, kEnglish);
        std::vector<std::string> warnings;
        writer.upsert(article("a", "The budget vote passed.", {{"bias", "left"}}), warnings);
        writer.commit();
    }
    {
        // As a build from before the name was reserved wrote it.
        Xapian::WritableDatabase database(path);
        database.set_metadata(std::string(schema::kKeywordNamesKey), "bias,heraldword");
        database.commit();
    }
    CHECK_THROWS_WITH(Searcher(open_database({path}), kEnglish),
                      Catch::Contains("'heraldword'") && Catch::Contains("herald.keywords"));
    CHECK_THROWS_WITH(Searcher(open_shards(resolve_databases({path}), {}), make_stemmer("english")),
                      Catch::StartsWith("database db records") && Catch::Contains("'heraldword'"));
    CHECK_THROWS_WITH(checked_keyword_names("bias,heraldword", "db"), Catch::StartsWith("db records"));
    CHECK(checked_keyword_names("bias,desk", "db") == std::set<std::string>{"bias", "desk"});
}

TEST_CASE("keyword values holding a list separator are refused by the slot writer", "[keywords]") {
    // The indexer cleans control characters out of every value first
    // (finish_article); the writer makes sure a stored value cannot split.
    CHECK_THROWS_AS(keyword_slot_value({{"bias",
                                         "right\x1f"
                                         "country\x1eUS"}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(keyword_slot_value({{"bias", "right\x1e"}}), std::invalid_argument);
    CHECK_NOTHROW(keyword_slot_value({{"bias", "right country US"}}));
}
