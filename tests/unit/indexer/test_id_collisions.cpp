#include <catch2/catch.hpp>
#include <string>

#include "indexer/input/id_collisions.hpp"
#include "indexer/input/inputs.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::RecordingSink;
using herald::test::TempDir;

namespace {

InputFile text_file(const std::string& path, const std::string& id) { return {path, id, Format::Text}; }

}  // namespace

TEST_CASE("IdCollisionFinder: a later text file with the same id replaces the earlier", "[inputs][collisions]") {
    IdCollisionFinder finder;
    CHECK_FALSE(finder.add(text_file("bbc/politics/001.txt", "001"), true));
    CHECK_FALSE(finder.add(text_file("bbc/politics/002.txt", "002"), true));
    const auto collision = finder.add(text_file("bbc/tech/001.txt", "001"), true);
    REQUIRE(collision);
    CHECK(collision->id == "001");
    CHECK(collision->path == "bbc/tech/001.txt");
    CHECK(collision->replaced == "bbc/politics/001.txt");
    // A third file replaces the second, which held the id last.
    const auto third = finder.add(text_file("bbc/sport/001.txt", "001"), true);
    REQUIRE(third);
    CHECK(third->replaced == "bbc/tech/001.txt");
}

TEST_CASE("IdCollisionFinder: the same file twice is a re-index, not a collision", "[inputs][collisions]") {
    IdCollisionFinder finder;
    CHECK_FALSE(finder.add(text_file("bbc/politics/001.txt", "001"), true));
    CHECK_FALSE(finder.add(text_file("bbc/politics/../politics/001.txt", "001"), true));
    CHECK_FALSE(finder.add(text_file("bbc/politics/001.txt", "001"), false));
}

TEST_CASE("IdCollisionFinder: records of other formats carry their own ids", "[inputs][collisions]") {
    IdCollisionFinder finder;
    CHECK_FALSE(finder.add({"day1/news.jsonl", "news", Format::JsonLines}, true));
    CHECK_FALSE(finder.add({"day2/news.jsonl", "news", Format::JsonLines}, true));
    CHECK_FALSE(finder.add({"day1/news.csv", "news", Format::Csv}, true));
}

TEST_CASE("IdCollisionFinder: files skipped as unchanged", "[inputs][collisions]") {
    SECTION("neither read: nothing is replaced in this run") {
        IdCollisionFinder finder;
        CHECK_FALSE(finder.add(text_file("a/001.txt", "001"), false));
        CHECK_FALSE(finder.add(text_file("b/001.txt", "001"), false));
    }
    SECTION("a read file replaces a skipped one that came first") {
        IdCollisionFinder finder;
        CHECK_FALSE(finder.add(text_file("a/001.txt", "001"), false));
        const auto collision = finder.add(text_file("b/001.txt", "001"), true);
        REQUIRE(collision);
        CHECK(collision->path == "b/001.txt");
        CHECK(collision->replaced == "a/001.txt");
    }
    SECTION("a read file replaces a skipped one that comes later") {
        IdCollisionFinder finder;
        CHECK_FALSE(finder.add(text_file("a/001.txt", "001"), true));
        const auto collision = finder.add(text_file("b/001.txt", "001"), false);
        REQUIRE(collision);
        CHECK(collision->path == "a/001.txt");
        CHECK(collision->replaced == "b/001.txt");
    }
}

TEST_CASE("expand_input: --id-prefix dirname puts the folder's name before ids", "[inputs][expand][collisions]") {
    TempDir dir;
    dir.write("politics/001.txt", "Budget vote\n\nThe budget passed.\n");
    dir.write("politics/desk/002.txt.gz", "");
    dir.write("tech/001.txt", "Chip plant\n\nA chip plant opened.\n");
    RecordingSink sink;

    const auto politics = expand_input((dir.path() / "politics").string(), std::nullopt, sink, IdPrefix::Dirname);
    REQUIRE(politics.size() == 2);
    CHECK(politics[0].id == "politics/001");
    CHECK(politics[1].id == "politics/desk/002");
    // A trailing slash or "." names the same folder.
    const auto slashed = expand_input((dir.path() / "tech").string() + "/", std::nullopt, sink, IdPrefix::Dirname);
    REQUIRE(slashed.size() == 1);
    CHECK(slashed[0].id == "tech/001");
    const auto dotted = expand_input((dir.path() / "tech" / ".").string(), std::nullopt, sink, IdPrefix::Dirname);
    REQUIRE(dotted.size() == 1);
    CHECK(dotted[0].id == "tech/001");
    // A file argument takes its folder's name.
    const auto file = expand_input((dir.path() / "tech" / "001.txt").string(), std::nullopt, sink, IdPrefix::Dirname);
    REQUIRE(file.size() == 1);
    CHECK(file[0].id == "tech/001");
    // Without a prefix, ids stay as they were.
    const auto plain = expand_input((dir.path() / "politics").string(), std::nullopt, sink);
    REQUIRE(plain.size() == 2);
    CHECK(plain[0].id == "001");
    CHECK(sink.rejected.empty());
}

TEST_CASE("id_prefix_from_name", "[inputs][collisions]") {
    CHECK(id_prefix_from_name("none") == IdPrefix::None);
    CHECK(id_prefix_from_name("dirname") == IdPrefix::Dirname);
    CHECK_FALSE(id_prefix_from_name("parent"));
}
