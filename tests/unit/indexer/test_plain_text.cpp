#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/input/plain_text.hpp"
#include "indexer/input/reader.hpp"

using namespace herald;

TEST_CASE("plain text: the first non-empty line is the title", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("\n\n  \nThe Title\nFirst body line.\nSecond.\n", "doc-1", warnings);
    CHECK(article.id == "doc-1");
    CHECK(article.title == "The Title");
    CHECK(article.body == "First body line.\nSecond.");
    CHECK(warnings.empty());
}

TEST_CASE("plain text: a repeated title after blank lines is dropped", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("Gas hub\n\n\nGas hub\n\nThe body.", "x", warnings);
    CHECK(article.title == "Gas hub");
    CHECK(article.body == "The body.");
    CHECK(warnings.empty());
}

TEST_CASE("plain text: a different second line stays in the body", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("Gas hub\nA subtitle\n\nThe body.", "x", warnings);
    CHECK(article.title == "Gas hub");
    CHECK(article.body == "A subtitle\n\nThe body.");
}

TEST_CASE("plain text: a title repeated later in the body is kept there", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("Gas hub\n\nIntro.\n\nGas hub\n", "x", warnings);
    CHECK(article.title == "Gas hub");
    CHECK(article.body == "Intro.\n\nGas hub");
}

TEST_CASE("plain text: the seed article layout", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("Title\n\nTitle\n\n\nBody para 1\n\nBody para 2", "seed", warnings);
    CHECK(article.id == "seed");
    CHECK(article.title == "Title");
    CHECK(article.body == "Body para 1\n\nBody para 2");
    CHECK(warnings.empty());
}

TEST_CASE("plain text: CR LF line ends are normalised", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("Title\r\n\r\nTitle\r\n\r\nBody 1\r\n\r\nBody 2\r\n", "x", warnings);
    CHECK(article.title == "Title");
    CHECK(article.body == "Body 1\n\nBody 2");
}

TEST_CASE("plain text: a title-only file has an empty body", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("Only a title\n", "x", warnings);
    CHECK(article.title == "Only a title");
    CHECK(article.body.empty());
}

TEST_CASE("plain text: empty and whitespace-only files are rejected", "[plain_text]") {
    std::vector<std::string> warnings;
    CHECK_THROWS_AS(parse_plain_text("", "x", warnings), RecordError);
    CHECK_THROWS_AS(parse_plain_text(" \n\t\n\r\n  \n", "x", warnings), RecordError);
}

TEST_CASE("plain text: invalid UTF-8 is decoded as Latin-1 with a warning", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text(
        "Prices\n\nIt costs \xA3"
        "5 now.",
        "x", warnings);
    CHECK(article.title == "Prices");
    CHECK(article.body == "It costs £5 now.");
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("Latin-1"));
}

TEST_CASE("plain text: without an id one is derived from the content", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article a = parse_plain_text("Title\n\nBody", "", warnings);
    const Article b = parse_plain_text("Title\n\nBody", "", warnings);
    const Article c = parse_plain_text("Title\n\nOther body", "", warnings);
    CHECK_FALSE(a.id.empty());
    CHECK(a.id == b.id);
    CHECK(a.id != c.id);
}

TEST_CASE("plain text: a UTF-8 byte-order mark is not part of the title", "[plain_text]") {
    std::vector<std::string> warnings;
    const Article article = parse_plain_text("\xEF\xBB\xBFTitle\n\nTitle\n\nBody.", "bom", warnings);
    CHECK(article.title == "Title");
    CHECK(article.body == "Body.");
}
