#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/input/inputs.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::RecordingSink;
using herald::test::TempDir;

TEST_CASE("format_from_name", "[inputs]") {
    CHECK(format_from_name("text") == Format::Text);
    CHECK(format_from_name("jsonl") == Format::JsonLines);
    CHECK(format_from_name("json") == Format::Json);
    CHECK(format_from_name("JSONL") == Format::JsonLines);
    CHECK_FALSE(format_from_name("xml"));
    CHECK_FALSE(format_from_name(""));
}

TEST_CASE("format_for_path", "[inputs]") {
    CHECK(format_for_path("a/b.txt") == Format::Text);
    CHECK(format_for_path("b.text") == Format::Text);
    CHECK(format_for_path("B.TXT") == Format::Text);
    CHECK(format_for_path("news.jsonl") == Format::JsonLines);
    CHECK(format_for_path("news.ndjson") == Format::JsonLines);
    CHECK(format_for_path("dump.json") == Format::Json);
    CHECK_FALSE(format_for_path("notes.md"));
    CHECK_FALSE(format_for_path("Makefile"));
    CHECK(format_for_path("feed.csv") == Format::Csv);
    CHECK(format_for_path("feed.tsv") == Format::Tsv);
    // Compression extensions are seen through.
    CHECK(format_for_path("archive.json.gz") == Format::Json);
    CHECK(format_for_path("articles.jsonl.zst") == Format::JsonLines);
    CHECK(format_for_path("feed.CSV.GZ") == Format::Csv);
    CHECK_FALSE(format_for_path("notes.md.gz"));
    CHECK_FALSE(format_for_path("blob.zst"));
}

namespace {

// a/b.txt, c.jsonl, README.txt, .hidden/x.txt, notes.md
void make_tree(const TempDir& dir) {
    dir.write("a/b.txt", "Title B\n\nBody of b.\n");
    dir.write("c.jsonl", "{\"id\":\"c1\",\"title\":\"C one\"}\n{\"id\":\"c2\",\"title\":\"C two\"}\n");
    dir.write("README.txt", "Readme\n\nNot an article.\n");
    dir.write(".hidden/x.txt", "Hidden\n\nNot an article.\n");
    dir.write("notes.md", "# Notes\n");
}

}  // namespace

TEST_CASE("expand_input walks a directory in sorted order and skips non-articles", "[inputs][expand]") {
    TempDir dir;
    make_tree(dir);
    RecordingSink sink;
    const auto files = expand_input(dir.path().string(), std::nullopt, sink);

    CHECK(sink.rejected.empty());
    REQUIRE(files.size() == 2);
    CHECK(files[0].path == dir / "a/b.txt");
    CHECK(files[0].id == "a/b");
    CHECK(files[0].format == Format::Text);
    CHECK(files[1].path == dir / "c.jsonl");
    CHECK(files[1].format == Format::JsonLines);
}

TEST_CASE("expand_input: a forced format applies to every file", "[inputs][expand]") {
    TempDir dir;
    dir.write("one.txt", "x");
    dir.write("two.data", "y");
    RecordingSink sink;
    const auto files = expand_input(dir.path().string(), Format::JsonLines, sink);
    REQUIRE(files.size() == 2);
    CHECK(files[0].format == Format::JsonLines);
    CHECK(files[1].format == Format::JsonLines);
}

TEST_CASE("expand_input: a single file", "[inputs][expand]") {
    TempDir dir;
    const auto path = dir.write("story.txt", "Story\n\nBody.\n");
    RecordingSink sink;
    const auto files = expand_input(path.string(), std::nullopt, sink);
    REQUIRE(files.size() == 1);
    CHECK(files[0].path == path);
    CHECK(files[0].id == "story");
    CHECK(files[0].format == Format::Text);
    CHECK(sink.rejected.empty());
}

TEST_CASE("expand_input: a single file of unknown format is rejected", "[inputs][expand]") {
    TempDir dir;
    const auto path = dir.write("notes.md", "# Notes\n");
    RecordingSink sink;
    CHECK(expand_input(path.string(), std::nullopt, sink).empty());
    CHECK(sink.rejected.size() == 1);

    RecordingSink forced_sink;
    const auto forced = expand_input(path.string(), Format::Text, forced_sink);
    REQUIRE(forced.size() == 1);
    CHECK(forced[0].format == Format::Text);
    CHECK(forced_sink.rejected.empty());
}

TEST_CASE("expand_input: a nonexistent path is one rejection", "[inputs][expand]") {
    TempDir dir;
    const std::string missing = (dir / "no-such-thing").string();
    RecordingSink sink;
    CHECK(expand_input(missing, std::nullopt, sink).empty());
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.file == missing);
    CHECK(sink.accepted.empty());
}

TEST_CASE("read_input: a text file becomes one article with the relative id", "[inputs][read]") {
    TempDir dir;
    make_tree(dir);
    RecordingSink expand_sink;
    const auto files = expand_input(dir.path().string(), std::nullopt, expand_sink);
    REQUIRE(files.size() == 2);

    RecordingSink sink;
    read_input(files[0], FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.accepted[0].article.id == "a/b");
    CHECK(sink.accepted[0].article.title == "Title B");
    CHECK(sink.accepted[0].article.body == "Body of b.");
    CHECK(sink.accepted[0].origin.file == files[0].path.string());
    CHECK(sink.rejected.empty());
}

TEST_CASE("read_input: a JSON Lines file gives one article a line", "[inputs][read]") {
    TempDir dir;
    make_tree(dir);
    RecordingSink sink;
    read_input({dir / "c.jsonl", "c", Format::JsonLines}, FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 2);
    CHECK(sink.accepted[0].article.id == "c1");
    CHECK(sink.accepted[1].article.id == "c2");
    CHECK(sink.accepted[1].origin.line == 2);
}

TEST_CASE("read_input: a JSON document", "[inputs][read]") {
    TempDir dir;
    const auto path = dir.write("d.json", R"([{"id":"d1","title":"D"}])");
    RecordingSink sink;
    read_input({path, "d", Format::Json}, FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.accepted[0].article.id == "d1");
}

TEST_CASE("read_input: a file that cannot be opened is rejected", "[inputs][read]") {
    TempDir dir;
    RecordingSink sink;
    read_input({dir / "gone.txt", "gone", Format::Text}, FieldMap{}, sink);
    CHECK(sink.accepted.empty());
    CHECK(sink.rejected.size() == 1);
}

TEST_CASE("read_stream: JSON Lines are detected", "[inputs][stream]") {
    std::istringstream input("  {\"id\":\"s1\",\"title\":\"One\"}\n{\"id\":\"s2\",\"title\":\"Two\"}\n");
    RecordingSink sink;
    read_stream(input, "<stdin>", std::nullopt, FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 2);
    CHECK(sink.accepted[0].article.id == "s1");
    CHECK(sink.accepted[1].article.id == "s2");
    CHECK(sink.accepted[0].origin.file == "<stdin>");
    CHECK(sink.rejected.empty());
}

TEST_CASE("read_stream: anything else is one plain-text article", "[inputs][stream]") {
    std::istringstream input("\nHeadline\n\nHeadline\n\nThe body {with braces}.\n");
    RecordingSink sink;
    read_stream(input, "<stdin>", std::nullopt, FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.accepted[0].article.title == "Headline");
    CHECK(sink.accepted[0].article.body == "The body {with braces}.");
    CHECK_FALSE(sink.accepted[0].article.id.empty());
    CHECK(sink.rejected.empty());
}

TEST_CASE("read_stream: a forced format wins over detection", "[inputs][stream]") {
    std::istringstream input("{\"id\":\"j\",\"title\":\"T\"}");
    RecordingSink sink;
    read_stream(input, "<stdin>", Format::Text, FieldMap{}, sink);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.accepted[0].article.title == "{\"id\":\"j\",\"title\":\"T\"}");

    std::istringstream document(R"([{"id":"a","title":"A"},{"id":"b","title":"B"}])");
    RecordingSink json_sink;
    read_stream(document, "<stdin>", Format::Json, FieldMap{}, json_sink);
    CHECK(json_sink.accepted.size() == 2);
}

TEST_CASE("read_stream: an empty stream is rejected as an empty article", "[inputs][stream]") {
    std::istringstream input("");
    RecordingSink sink;
    read_stream(input, "<stdin>", std::nullopt, FieldMap{}, sink);
    CHECK(sink.accepted.empty());
    CHECK(sink.rejected.size() == 1);
}

TEST_CASE("read_stream: JSON Lines after leading blank lines keep their line numbers", "[inputs][stream]") {
    // Lines 1 and 2 are blank; the broken record is on line 3, the good one on line 4.
    std::istringstream input("\n\n{\"id\":\n{\"id\":\"ok\",\"title\":\"T\"}\n");
    RecordingSink sink;
    read_stream(input, "<stdin>", std::nullopt, FieldMap{}, sink);
    REQUIRE(sink.rejected.size() == 1);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.rejected[0].origin.line == 3);
    CHECK(sink.accepted[0].origin.line == 4);
}
