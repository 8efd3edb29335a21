#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "indexer/input/json_articles.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::RecordingSink;

namespace {

Article from_line(const std::string& line, std::vector<std::string>& warnings, const FieldMap& fields = {}) {
    return article_from_json_line(line, fields, warnings);
}

}  // namespace

TEST_CASE("FieldMap: defaults, renames and errors", "[json][fields]") {
    FieldMap fields;
    CHECK(fields.dataset_name("body") == "body");
    CHECK(fields.dataset_name("title") == "title");

    fields.set_from_spec("body=content_original");
    CHECK(fields.dataset_name("body") == "content_original");
    CHECK(fields.dataset_name("title") == "title");

    fields.set("date", "published_at");
    CHECK(fields.dataset_name("date") == "published_at");

    CHECK_THROWS_AS(fields.set_from_spec("bogus=x"), std::invalid_argument);
    CHECK_THROWS_AS(fields.set_from_spec("body"), std::invalid_argument);
    CHECK_THROWS_AS(fields.set_from_spec("body="), std::invalid_argument);
    CHECK_THROWS_AS(fields.set("headline", "title"), std::invalid_argument);
    CHECK(fields.dataset_name("body") == "content_original");  // unchanged by the failures

    const auto& known = FieldMap::fields();
    for (const char* name : {"id", "title", "body", "date", "source", "url", "authors", "tags", "language"}) {
        CHECK(std::find(known.begin(), known.end(), name) != known.end());
    }
}

TEST_CASE("FieldMap: a renamed field is read from the dataset's name", "[json][fields]") {
    FieldMap fields;
    fields.set_from_spec("body=content_original");
    std::vector<std::string> warnings;
    const Article article =
        from_line(R"({"id":"1","title":"T","body":"ignored","content_original":"The real body"})", warnings, fields);
    CHECK(article.body == "The real body");
}

TEST_CASE("article_from_json_line reads every field", "[json]") {
    std::vector<std::string> warnings;
    const Article article =
        from_line(R"({"id":"a-1","title":"  Gas   hub in Türkiye ","body":"Lead.\n\nMore.","date":"2022-10-14",)"
                  R"J("source":"CNN (Web News)","url":"https://example.com/a","authors":["Jane Doe","John Roe"],)J"
                  R"("tags":["energy","Turkey"],"language":"en"})",
                  warnings);
    CHECK(warnings.empty());
    CHECK(article.id == "a-1");
    CHECK(article.title == "Gas hub in Türkiye");  // whitespace tidied
    CHECK(article.body == "Lead.\n\nMore.");
    REQUIRE(article.date);
    CHECK(article.date->compact() == "20221014");
    CHECK(article.source == "CNN (Web News)");
    CHECK(article.url == "https://example.com/a");
    CHECK(article.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(article.tags == std::vector<std::string>{"energy", "Turkey"});
    CHECK(article.language == "en");
}

TEST_CASE("article_from_json_line: authors and tags as comma-separated strings", "[json]") {
    std::vector<std::string> warnings;
    const Article article =
        from_line(R"({"id":"1","title":"T","authors":"Jane Doe,  John Roe ,","tags":"a, b"})", warnings);
    CHECK(article.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(article.tags == std::vector<std::string>{"a", "b"});
}

TEST_CASE("article_from_json_line: a numeric id is kept as written", "[json]") {
    std::vector<std::string> warnings;
    CHECK(from_line(R"({"id":42,"title":"T"})", warnings).id == "42");
}

TEST_CASE("article_from_json_line: a missing id is derived", "[json][id]") {
    std::vector<std::string> warnings;

    SECTION("from the url") {
        CHECK(from_line(R"({"title":"T","url":"https://example.com/x"})", warnings).id == "https://example.com/x");
        CHECK(from_line(R"({"id":null,"title":"T","url":"https://example.com/x"})", warnings).id ==
              "https://example.com/x");
    }
    SECTION("from a hash of the content when there is no url") {
        const std::string a1 = from_line(R"({"title":"T","body":"B"})", warnings).id;
        const std::string a2 = from_line(R"({"body":"B","title":"T"})", warnings).id;
        const std::string b = from_line(R"({"title":"T","body":"C"})", warnings).id;
        const std::string c = from_line(R"({"title":"U","body":"B"})", warnings).id;
        REQUIRE(a1.size() == 17);
        CHECK(a1[0] == 'h');
        CHECK(std::all_of(a1.begin() + 1, a1.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) || (ch >= 'a' && ch <= 'f');
        }));
        CHECK(a1 == a2);  // same content, same id
        CHECK(a1 != b);
        CHECK(a1 != c);
        CHECK(b != c);
    }
    SECTION("title and body are not simply concatenated") {
        const std::string a = from_line(R"({"title":"ab","body":"c"})", warnings).id;
        const std::string b = from_line(R"({"title":"a","body":"bc"})", warnings).id;
        CHECK(a != b);
    }
}

TEST_CASE("article_from_json_line: broken JSON is a RecordError with a message", "[json][errors]") {
    std::vector<std::string> warnings;
    try {
        from_line(R"({"id":"1","title":)", warnings);
        FAIL("no exception");
    } catch (const RecordError& error) {
        const std::string message = error.what();
        CHECK_THAT(message, Catch::StartsWith("invalid JSON"));
        CHECK(message.size() > std::string("invalid JSON: ").size());
        CHECK(message.find("[json.exception") == std::string::npos);
    }
}

TEST_CASE("article_from_json_line: a line that is not an object is rejected", "[json][errors]") {
    std::vector<std::string> warnings;
    CHECK_THROWS_AS(from_line("[1,2]", warnings), RecordError);
    CHECK_THROWS_AS(from_line(R"("just a string")", warnings), RecordError);
    CHECK_THROWS_AS(from_line("42", warnings), RecordError);
}

TEST_CASE("article_from_json_line: a field of the wrong type is named", "[json][errors]") {
    std::vector<std::string> warnings;
    CHECK_THROWS_WITH(from_line(R"({"id":"1","title":{"main":"T"},"body":"B"})", warnings),
                      Catch::Contains("'title'") && Catch::Contains("object"));
    CHECK_THROWS_WITH(from_line(R"({"id":"1","title":"T","authors":[{"name":"x"}]})", warnings),
                      Catch::Contains("authors"));

    FieldMap fields;
    fields.set("title", "headline");
    CHECK_THROWS_WITH(from_line(R"({"id":"1","headline":["T"],"body":"B"})", warnings, fields),
                      Catch::Contains("'headline'"));
}

TEST_CASE("article_from_json_line: a missing title warns when there is a body", "[json]") {
    std::vector<std::string> warnings;
    const Article article = from_line(R"({"id":"1","body":"Only a body."})", warnings);
    CHECK(article.title.empty());
    CHECK(article.body == "Only a body.");
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("title"));
}

TEST_CASE("article_from_json_line: no title and no body is rejected", "[json][errors]") {
    std::vector<std::string> warnings;
    CHECK_THROWS_AS(from_line(R"({"id":"1"})", warnings), RecordError);
    CHECK_THROWS_AS(from_line(R"({"id":"1","title":"  ","body":" \n\t "})", warnings), RecordError);
    CHECK_THROWS_AS(from_line("{}", warnings), RecordError);
}

TEST_CASE("article_from_json_line: an unparseable date warns and is dropped", "[json]") {
    std::vector<std::string> warnings;
    const Article article = from_line(R"({"id":"1","title":"T","date":"sometime last week"})", warnings);
    CHECK_FALSE(article.date);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("sometime last week"));
    CHECK_THAT(warnings[0], Catch::Contains("date"));
}

TEST_CASE("article_from_json_line: invalid UTF-8 is decoded as Latin-1", "[json]") {
    std::vector<std::string> warnings;
    const Article article = from_line(
        "{\"id\":\"1\",\"title\":\"Caf\xE9\",\"body\":\"\xA3"
        "5\"}",
        warnings);
    CHECK(article.title == "Café");
    CHECK(article.body == "£5");
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("Latin-1"));
}

TEST_CASE("article_from_json_line: control characters are cleaned", "[json]") {
    std::vector<std::string> warnings;
    const Article article = from_line(R"({"id":"1","title":"A\u0007B","body":"x\r\ny"})", warnings);
    CHECK(article.title.find('\a') == std::string::npos);
    CHECK(article.body == "x\ny");
}

// Issue 30: only title, body and source were cleaned; the other fields kept
// terminal escapes, and list separators inside values split them in facets.
TEST_CASE("article_from_json_line: every stored field is cleaned of control characters", "[json]") {
    FieldMap fields;
    fields.add_keyword("bias");
    std::vector<std::string> warnings;
    const Article article = from_line(
        R"({"id":"esc-1\u001b]0;pwned\u0007","title":"T\u001b[31m","body":"a\u001b[2Jb\tc\nd\u009b",)"
        R"("source":"S\u0000","url":"https://x.test/\u001b[1m","authors":["Mallory\u001b[2J","Alice\u001fBob","\u0007"],)"
        R"("tags":"t1\u001e,\u007ft2","language":"e\u0085n","bias":"right\u001fcountry\u001eUS"})",
        warnings, fields);
    CHECK(article.id == "esc-1 ]0;pwned");
    CHECK(article.title == "T [31m");
    CHECK(article.body == "a [2Jb\tc\nd ");  // the body keeps its tabs and newlines
    CHECK(article.source == "S");
    CHECK(article.url == "https://x.test/ [1m");
    CHECK(article.authors == std::vector<std::string>{"Mallory [2J", "Alice Bob"});  // the empty one dropped
    CHECK(article.tags == std::vector<std::string>{"t1", "t2"});
    CHECK(article.language == "e n");
    CHECK(article.keywords.at("bias") == "right country US");
    const Article blank = from_line(R"({"id":"2","title":"T","bias":"\u0007\u001f"})", warnings, fields);
    CHECK(blank.keywords.empty());
}

TEST_CASE("read_json_document: an array of objects", "[json][document]") {
    RecordingSink sink;
    read_json_document(R"([{"id":"1","title":"A"},{"id":"2"},{"id":"3","title":"C"}])", "a.json", FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 2);
    CHECK(sink.accepted[0].article.id == "1");
    CHECK(sink.accepted[0].origin.line == 1);
    CHECK(sink.accepted[1].article.id == "3");
    CHECK(sink.accepted[1].origin.line == 3);
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.line == 2);
}

TEST_CASE("read_json_document: a single object", "[json][document]") {
    RecordingSink sink;
    read_json_document(R"({"id":"only","title":"One","body":"Body"})", "one.json", FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.accepted[0].article.id == "only");
    CHECK(sink.accepted[0].article.body == "Body");
    CHECK(sink.accepted[0].origin.file == "one.json");
    CHECK(sink.accepted[0].origin.line == 0);
    CHECK(describe(sink.accepted[0].origin) == "one.json");
    CHECK(sink.rejected.empty());
}

TEST_CASE("read_json_document: broken JSON is one rejection", "[json][document]") {
    RecordingSink sink;
    read_json_document(R"([{"id":"1","title":"A"},)", "bad.json", FieldMap{}, sink);
    CHECK(sink.accepted.empty());
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.file == "bad.json");
}

TEST_CASE("article_from_json works on parsed objects", "[json]") {
    std::vector<std::string> warnings;
    const auto object = nlohmann::json::parse(R"({"id":"x","title":"T","tags":"a,b,,c"})");
    const Article article = article_from_json(object, FieldMap{}, warnings);
    CHECK(article.id == "x");
    CHECK(article.tags == std::vector<std::string>{"a", "b", "c"});
}

namespace {

// A line through article_from_json_line (simdjson first) and through the
// nlohmann parser: the same article and warnings, or the same error.
void require_same_as_nlohmann(const std::string& line, const FieldMap& fields = {}) {
    INFO(line);
    std::vector<std::string> fast_warnings, slow_warnings;
    std::string fast_error, slow_error;
    Article fast, slow;
    try {
        fast = article_from_json_line(line, fields, fast_warnings);
    } catch (const RecordError& error) {
        fast_error = error.what();
    }
    try {
        slow = article_from_json(nlohmann::json::parse(line), fields, slow_warnings);
    } catch (const RecordError& error) {
        slow_error = error.what();
    }
    REQUIRE(fast_error == slow_error);
    CHECK(fast.id == slow.id);
    CHECK(fast.title == slow.title);
    CHECK(fast.body == slow.body);
    CHECK(fast.source == slow.source);
    CHECK(fast.url == slow.url);
    CHECK(fast.language == slow.language);
    CHECK(fast.authors == slow.authors);
    CHECK(fast.tags == slow.tags);
    CHECK(fast.date.has_value() == slow.date.has_value());
    if (fast.date && slow.date) CHECK(fast.date->iso8601() == slow.date->iso8601());
    CHECK(fast_warnings == slow_warnings);
}

}  // namespace

TEST_CASE("article_from_json_line: the simdjson path reads lines as nlohmann does", "[json]") {
    require_same_as_nlohmann(
        R"({"id":"a","title":"Caf\u00e9 \ud83d\ude00 talks","body":"Line\none\ttab","date":"2020-01-02"})");
    require_same_as_nlohmann(R"({"id":42,"title":"T","source":-7,"url":1.5,"language":true,"authors":1e3})");
    require_same_as_nlohmann(R"({"id":18446744073709551615,"title":"T","source":-0,"url":0.1})");
    require_same_as_nlohmann(R"({"id":123456789012345678901234567890,"title":"big number"})");
    require_same_as_nlohmann(R"({"id":"d","title":"first","title":"second wins","tags":["x",["nested"],null,3]})");
    require_same_as_nlohmann(R"({"id":"o","title":{"not":"a string"}})");
    require_same_as_nlohmann(R"({"id":null,"title":null,"body":"only a body","url":"https://example.com/a"})");
    require_same_as_nlohmann(R"({"ID":"r","headline":"Renamed","content":"skipped","text":"kept"})", [] {
        FieldMap fields;
        fields.set("id", "ID");
        fields.set("title", "headline");
        fields.set("body", "text");
        return fields;
    }());
    require_same_as_nlohmann(R"({"id":"e","title":"escapes \"quoted\" \\ \/ \b\f\r","date":"not a date"})");
    require_same_as_nlohmann(R"({"id":"w","title":"  spaced   id  ","tags":"a, b,,c"})");
}

TEST_CASE("FieldMap: keyword fields are declared, mapped and read as one value", "[json][fields][keywords]") {
    FieldMap fields;
    CHECK_THROWS_WITH(fields.set("bias", "bias_text"), Catch::Contains("--keyword bias"));
    CHECK_THROWS_WITH(fields.add_keyword("Bias"), Catch::Contains("lower-case"));
    CHECK_THROWS_WITH(fields.add_keyword("source"), Catch::Contains("Herald's own"));
    CHECK_THROWS_WITH(fields.add_keyword("limit"), Catch::Contains("Herald's own"));
    fields.add_keyword("bias");
    fields.add_keyword("desk");
    fields.set("bias", "bias_text");
    CHECK(fields.uses("bias_text"));
    CHECK(fields.uses("desk"));
    std::vector<std::string> warnings;
    const Article article = article_from_json_line(
        R"({"id": "1", "title": "T", "bias_text": " left ", "bias": "ignored", "desk": ["a", "b"]})", fields, warnings);
    CHECK(article.keywords == std::map<std::string, std::string>{{"bias", "left"}});
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("field 'desk'") && Catch::Contains("one value"));
    const Article numeric = article_from_json_line(R"({"id": "2", "title": "T", "bias_text": 2})", fields, warnings);
    CHECK(numeric.keywords.at("bias") == "2");
}
