// The bounds on what one query may ask for (query_builder.hpp): refused
// with a message naming the limit, never a crash or a silent cut.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>

#include "searcher/query/query_builder.hpp"

using namespace herald;

namespace {

const Language kEnglish{"en", "english"};

Xapian::Database one_article_database() {
    Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document document;
    document.add_posting("x", 1);
    document.add_posting("gas", 2);
    database.add_document(document);
    return database;
}

std::string repeated(const std::string& piece, std::size_t times, const std::string& separator = " ") {
    std::string text;
    for (std::size_t i = 0; i < times; ++i) text += (i > 0 ? separator : "") + piece;
    return text;
}

}  // namespace

TEST_CASE("query limits: words are counted, operators and field names are not", "[query][limits]") {
    const Xapian::Database database = one_article_database();
    QueryBuilder builder(database, kEnglish);
    CHECK_NOTHROW(builder.parse(repeated("x", kMaxQueryWords)));
    CHECK_NOTHROW(builder.parse(repeated("x", 700, " OR ")));  // 700 words within the 4096 bytes
    CHECK_NOTHROW(builder.parse(repeated("title:x", 300) + " " + repeated("x", kMaxQueryWords - 300)));
    CHECK_THROWS_WITH(builder.parse(repeated("title:x", 301) + " " + repeated("x", kMaxQueryWords - 300)),
                      "query too long: 1025 words, the limit is 1024");
    CHECK_THROWS_WITH(builder.parse(repeated("x", kMaxQueryWords + 1)),
                      "query too long: 1025 words, the limit is 1024");
    CHECK_THROWS_WITH(builder.parse("\"" + repeated("x", kMaxQueryWords + 1) + "\""),
                      "query too long: 1025 words, the limit is 1024");
}

TEST_CASE("query limits: bracket depth outside quotes", "[query][limits]") {
    const Xapian::Database database = one_article_database();
    QueryBuilder builder(database, kEnglish);
    const auto nested = [](std::size_t depth) { return std::string(depth, '(') + "gas" + std::string(depth, ')'); };
    CHECK_NOTHROW(builder.parse(nested(kMaxBracketDepth)));
    CHECK_THROWS_WITH(builder.parse(nested(kMaxBracketDepth + 1)),
                      "brackets nested too deep: 65 levels, the limit is 64");
    CHECK_THROWS_AS(builder.parse(nested(2000)), QueryError);
    CHECK_NOTHROW(builder.parse("\"" + std::string(200, '(') + "gas\""));  // not brackets inside a phrase
    CHECK_NOTHROW(builder.parse("gas" + std::string(2000, ')')));          // closing only: no depth

    // Operators nested as deep as allowed still parse and keep their meaning.
    std::string alternating = "gas";
    for (std::size_t level = 0; level < kMaxBracketDepth; ++level)
        alternating = std::string("x ") + (level % 2 ? "OR" : "AND") + " (" + alternating + ")";
    CHECK_FALSE(builder.parse(alternating).empty());
}

TEST_CASE("query limits: the word placeholder field is refused, not a logic error", "[query][limits]") {
    const Xapian::Database database = one_article_database();
    QueryBuilder builder(database, kEnglish);
    CHECK_THROWS_WITH(builder.parse("heraldword:0"), Catch::Contains("reserved"));
    CHECK_THROWS_AS(builder.parse("gas heraldword:99999"), QueryError);
    CHECK_NOTHROW(builder.parse("heraldword"));
}

TEST_CASE("query limits: wildcards are plain words, nothing expands", "[query][limits]") {
    const Xapian::Database database = one_article_database();
    QueryBuilder builder(database, kEnglish);
    CHECK_NOTHROW(builder.parse("g*"));
    CHECK_NOTHROW(builder.parse("x* OR g*"));
}
