// Exports (CSV quoting, JSON Lines records), XML, HTML and terminal text, the
// human output and the Atom feed, without a database.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "searcher/present/atom_feed.hpp"
#include "searcher/present/export.hpp"
#include "searcher/present/human_output.hpp"
#include "searcher/present/terminal_text.hpp"
#include "searcher/present/xml_text.hpp"

using namespace herald;

namespace {

Hit make_hit(std::string id, std::string title, std::string date = {}) {
    Hit hit;
    hit.rank = 1;
    hit.score = 2.5;
    hit.article.id = std::move(id);
    hit.article.title = std::move(title);
    if (!date.empty()) hit.article.date = parse_date(date);
    return hit;
}

std::size_t count(const std::string& text, const std::string& piece) {
    std::size_t found = 0;
    for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++found;
    return found;
}

}  // namespace

TEST_CASE("csv fields are quoted only when they need it, quotes doubled", "[export]") {
    REQUIRE(csv_field("plain text") == "plain text");
    REQUIRE(csv_field("") == "");
    REQUIRE(csv_field("a,b") == "\"a,b\"");
    REQUIRE(csv_field("say \"no\"") == "\"say \"\"no\"\"\"");
    REQUIRE(csv_field("two\nlines") == "\"two\nlines\"");
    REQUIRE(csv_field("cr\rhere") == "\"cr\rhere\"");
    REQUIRE(csv_field("\"") == "\"\"\"\"");
    REQUIRE(csv_field("Erdoğan, Ankara") == "\"Erdoğan, Ankara\"");
}

TEST_CASE("formula_safe puts a quote before cells a spreadsheet would run", "[export]") {
    for (const char* formula : {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=", "-"}) {
        CAPTURE(formula);
        REQUIRE(formula_safe(formula) == std::string("'") + formula);
    }
    for (const char* text : {"", "plain", " =1", "'=1", "1-2", "a=b", "\nx", "Ünïcode"}) {
        CAPTURE(text);
        REQUIRE(formula_safe(text) == text);
    }
}

TEST_CASE("a formula-safe csv record neutralises every text cell, then quotes it", "[export]") {
    Hit hit = make_hit("=id", "=HYPERLINK(\"http://x\",\"y\")", "2016-09-20");
    hit.article.source = "+Source";
    hit.article.url = "@url";
    hit.article.authors = {"-Ann", "Bo"};
    hit.article.tags = {"\ttag"};
    hit.article.body = "\rbody";
    hit.article.keywords = {{"bias", "=left"}};
    hit.score = 0;
    ExportRecords safe(ExportFormat::Csv, {"bias"}, CsvCells::FormulaSafe);
    REQUIRE(safe.record(hit) ==
            "1,'=id,0,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2016-09-20,'+Source,'@url,'-Ann; Bo,'\ttag,,0,,"
            "\"'\rbody\",'=left\r\n");
    ExportRecords as_stored(ExportFormat::Csv, {"bias"});
    REQUIRE(as_stored.record(hit) ==
            "1,=id,0,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2016-09-20,+Source,@url,-Ann; Bo,\ttag,,0,,"
            "\"\rbody\",=left\r\n");
    ExportRecords json(ExportFormat::JsonLines, {"bias"}, CsvCells::FormulaSafe);
    REQUIRE(nlohmann::json::parse(json.record(hit))["title"] == "=HYPERLINK(\"http://x\",\"y\")");
}

// Issue 30: control characters an older database holds reach no output raw.
TEST_CASE("csv fields drop control characters but tab, CR and LF", "[export]") {
    CHECK(csv_field("Mallory\x1b[2J") == "Mallory[2J");
    CHECK(csv_field("a\x07\x7f"
                    "b\xC2\x9B"
                    "c") == "abc");
    CHECK(csv_field("two\x1b\nlines\t") == "\"two\nlines\t\"");
}

TEST_CASE("terminal text shows control characters as visible escapes", "[present][terminal]") {
    CHECK(terminal_text("Mallory\x1b[2J") == "Mallory\\x1b[2J");
    CHECK(terminal_text("esc-1\x1b]0;pwned\x07") == "esc-1\\x1b]0;pwned\\x07");
    CHECK(terminal_text("a\xC2\x9B"
                        "b\x7f") == "a\\x9bb\\x7f");  // C1 CSI, DEL
    CHECK(terminal_text("a\tb\nc") == "a b c");
    CHECK(terminal_text("x\x9B"
                        "y") == "x\\x9by");  // not UTF-8: read as Latin-1, then escaped
    CHECK(terminal_text("Erdoğan — Путин") == "Erdoğan — Путин");
}

TEST_CASE("the human output escapes control characters of stored fields", "[present][terminal]") {
    SearchResults results;
    results.query = "vote";
    results.total = 1;
    Hit hit;
    hit.rank = 1;
    hit.article.id = "esc-1\x1b]0;pwned\x07";
    hit.article.title = "Vote\x1b[31m";
    hit.article.source = "Post\x1b[2J";
    hit.article.url = "https://x.test/\x1b[1m";
    hit.article.keywords = {{"bias",
                             "left\xC2\x9B"
                             "2J"}};
    hit.snippet = {{"before \x1b[2J", false}, {"vote", true}};
    results.hits.push_back(hit);
    results.facets.push_back({"author", {{std::string("Mallory\x1b[2J"), 1}}});
    for (const bool ansi : {false, true}) {
        std::ostringstream out;
        print_human(out, results, ansi);
        std::string text = out.str();
        if (ansi) {
            // Only the output's own bold on and off sequences.
            for (const std::string own : {"\033[1m", "\033[0m"}) {
                for (auto at = text.find(own); at != std::string::npos; at = text.find(own)) text.erase(at, own.size());
            }
        }
        INFO(text);
        for (std::size_t at = 0; at < text.size(); ++at)
            CHECK((text[at] == '\n' || control_char_length(text, at) == 0));
        CHECK_THAT(text, Catch::Contains("Mallory\\x1b[2J (1)") && Catch::Contains("id esc-1\\x1b]0;pwned\\x07") &&
                             Catch::Contains("bias left\\x9b2J"));
    }
}

TEST_CASE("html_escape drops control characters but tab and newline", "[present]") {
    CHECK(html_escape("<b>\x1b[2J\x07\xC2\x9B</b>\tx\n") == "&lt;b&gt;[2J&lt;/b&gt;\tx\n");
}

TEST_CASE("export formats are named jsonl and csv", "[export]") {
    REQUIRE(export_format_from_name("jsonl") == ExportFormat::JsonLines);
    REQUIRE(export_format_from_name("csv") == ExportFormat::Csv);
    REQUIRE_FALSE(export_format_from_name("xml"));
    REQUIRE_FALSE(export_format_from_name("CSV"));
    REQUIRE(std::string(export_content_type(ExportFormat::Csv)) == "text/csv; charset=utf-8");
    REQUIRE(std::string(export_content_type(ExportFormat::JsonLines)) == "application/x-ndjson");
}

TEST_CASE("a csv export has a header and one CRLF row per record, lists joined", "[export]") {
    ExportRecords records(ExportFormat::Csv);
    REQUIRE(records.header() == "rank,id,score,title,date,source,url,authors,tags,language,duplicates,shard,body\r\n");
    Hit hit = make_hit("a/1", "Budget, \"final\" vote", "2016-09-20");
    hit.article.authors = {"Ann Lee", "Bo Ng"};
    hit.article.tags = {"budget"};
    hit.article.body = "First.\n\nSecond, with a comma.";
    hit.duplicates = 3;
    REQUIRE(records.record(hit) ==
            "1,a/1,2.5,\"Budget, \"\"final\"\" vote\",2016-09-20,,,Ann Lee; Bo Ng,budget,,3,,"
            "\"First.\n\nSecond, with a comma.\"\r\n");
}

TEST_CASE("a json lines export writes one object a line with the search keys", "[export]") {
    ExportRecords records(ExportFormat::JsonLines);
    REQUIRE(records.header().empty());
    Hit hit = make_hit("a/1", "Line\nbreak");
    hit.article.tags = {"x", "y"};
    const std::string line = records.record(hit);
    REQUIRE(line.back() == '\n');
    REQUIRE(line.find('\n') == line.size() - 1);
    const auto json = nlohmann::json::parse(line);
    REQUIRE(json["id"] == "a/1");
    REQUIRE(json["title"] == "Line\nbreak");
    REQUIRE(json["rank"] == 1);
    REQUIRE(json["score"] == 2.5);
    REQUIRE(json["date"].is_null());
    REQUIRE(json["source"].is_null());
    REQUIRE(json["authors"] == nlohmann::json::array());
    REQUIRE(json["tags"] == nlohmann::json({"x", "y"}));
    REQUIRE(json.contains("body"));
    REQUIRE(json.contains("language"));
}

TEST_CASE("xml text is escaped and stripped of characters XML 1.0 forbids", "[feed]") {
    REQUIRE(xml_escape("a < b && \"c\" > 'd'") == "a &lt; b &amp;&amp; &quot;c&quot; &gt; &apos;d&apos;");
    REQUIRE(xml_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    REQUIRE(xml_escape(std::string("bell\x07null\0end", 13)) == "bellnullend");
    REQUIRE(xml_escape("tab\tline\ncr\r") == "tab\tline\ncr\r");
    REQUIRE(xml_escape("c1 \xC2\x85 del \x7F") == "c1  del ");
    REQUIRE(xml_escape("not a char \xEF\xBF\xBE") == "not a char ");
    REQUIRE(xml_escape("Erdoğan Зеленский 😀") == "Erdoğan Зеленский 😀");
    REQUIRE(xml_escape("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    REQUIRE(xml_escape("cut \xE2\x82") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
    REQUIRE(xml_escape("surrogate \xED\xA0\x80") == "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("feed ids, entry ids and dates are stable and well formed", "[feed]") {
    REQUIRE(feed_id("q=gas") == feed_id("q=gas"));
    REQUIRE(feed_id("q=gas") != feed_id("q=oil"));
    REQUIRE(feed_id("q=gas").rfind("urn:herald:feed:", 0) == 0);
    REQUIRE(feed_id("q=gas").size() == std::string("urn:herald:feed:").size() + 16);
    REQUIRE(feed_entry_id("politics/064") == "urn:herald:article:politics/064");
    REQUIRE(feed_entry_id("a b&c<é") == "urn:herald:article:a%20b%26c%3C%C3%A9");
    REQUIRE(rfc3339(*parse_date("2016-09-20")) == "2016-09-20T00:00:00Z");
    REQUIRE(rfc3339(*parse_date("2016-09-20T09:05:03")) == "2016-09-20T09:05:03Z");
    REQUIRE(is_web_url("https://example.com/a"));
    REQUIRE(is_web_url("HTTP://EXAMPLE.COM"));
    REQUIRE_FALSE(is_web_url("javascript:alert(1)"));
    REQUIRE_FALSE(is_web_url(" http://leading.space"));
    REQUIRE_FALSE(is_web_url("ftp://example.com"));
}

TEST_CASE("an atom feed escapes its text and links only web urls", "[feed]") {
    Hit newest = make_hit("n/1", "Tom & Jerry <script>alert(1)</script>\x01", "2016-09-20");
    newest.article.url = "https://example.com/news?a=1&b=2";
    newest.article.authors = {"Ann <Lee>"};
    newest.article.tags = {"budget", "a\"quote"};
    newest.article.source = "CNN";
    newest.snippet = {{"The ", false}, {"budget", true}, {" & more", false}};
    Hit evil = make_hit("e/2", "", "2015-01-02");
    evil.article.url = "javascript:alert(1)";
    evil.article.source = "Daily <Wire>";
    evil.article.body = "Lead paragraph.\n\nSecond paragraph.";
    Hit undated = make_hit("u/3", "Undated");
    const std::string feed = atom_feed({"urn:herald:feed:0123456789abcdef", "Herald: budget & <tax>",
                                        "https://herald.example/feed?q=budget&x=\"", "2026-01-01T00:00:00Z"},
                                       {newest, evil, undated});
    REQUIRE(feed.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", 0) ==
            0);
    REQUIRE(count(feed, "<entry>") == 3);
    REQUIRE(feed.find("<title type=\"text\">Herald: budget &amp; &lt;tax&gt;</title>") != std::string::npos);
    REQUIRE(feed.find("  <updated>2016-09-20T00:00:00Z</updated>") != std::string::npos);  // the newest entry's
    REQUIRE(feed.find("href=\"https://herald.example/feed?q=budget&amp;x=&quot;\"") != std::string::npos);
    REQUIRE(feed.find("Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</title>") != std::string::npos);
    REQUIRE(feed.find('\x01') == std::string::npos);
    REQUIRE(feed.find("<script") == std::string::npos);
    REQUIRE(feed.find("href=\"https://example.com/news?a=1&amp;b=2\"") != std::string::npos);
    REQUIRE(feed.find("javascript:") == std::string::npos);
    REQUIRE(feed.find("<author><name>Ann &lt;Lee&gt;</name></author>") != std::string::npos);
    REQUIRE(feed.find("<author><name>Daily &lt;Wire&gt;</name></author>") != std::string::npos);  // no authors
    REQUIRE(feed.find("term=\"a&quot;quote\"") != std::string::npos);
    REQUIRE(feed.find("scheme=\"urn:herald:source\" term=\"CNN\"") != std::string::npos);
    REQUIRE(feed.find("<summary type=\"text\">The budget &amp; more</summary>") != std::string::npos);
    REQUIRE(feed.find("<content type=\"text\">Lead paragraph.</content>") != std::string::npos);  // no link
    REQUIRE(feed.find("<title type=\"text\">e/2</title>") != std::string::npos);                  // untitled
    REQUIRE(feed.find("<updated>1970-01-01T00:00:00Z</updated>") != std::string::npos);           // undated
    REQUIRE(feed.find("<id>urn:herald:article:n/1</id>") != std::string::npos);
}

TEST_CASE("an empty atom feed is updated now", "[feed]") {
    const std::string feed = atom_feed({"urn:herald:feed:1", "Herald: nothing", "", "2026-01-01T00:00:00Z"}, {});
    REQUIRE(feed.find("<updated>2026-01-01T00:00:00Z</updated>") != std::string::npos);
    REQUIRE(feed.find("<entry>") == std::string::npos);
    REQUIRE(feed.find("rel=\"self\"") == std::string::npos);  // no known URL
    REQUIRE(feed.find("</feed>") != std::string::npos);
}
