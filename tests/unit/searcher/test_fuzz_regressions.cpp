// Bugs met while writing and running the fuzz targets of tests/fuzz, each
// kept as a test that runs in every build (the crashing inputs are also
// replayed by the fuzz build's ctest, from tests/fuzz/regressions/). All but
// the word placeholder field were found by the fuzzer itself.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/database.hpp"
#include "common/shards.hpp"
#include "indexer/input/inputs.hpp"
#include "indexer/store/index_writer.hpp"
#include "searcher/match/searcher.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/query/query_builder.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::TempDir;

namespace {

const Language kEnglish{"en", "english"};

std::string one_article_database(const TempDir& dir) {
    const std::string path = (dir / "db").string();
    IndexWriter writer(path, kEnglish);
    Article article;
    article.id = "cafe";
    article.title = "Café opens";
    article.body = "The café opened on Monday.";
    std::vector<std::string> warnings;
    writer.upsert(article, warnings);
    writer.commit();
    return path;
}

}  // namespace

// Seen reading the code for fuzz_query, which reproduces it: the parser
// handed a user's "heraldword:N" to the internal word-placeholder processor, which threw std::logic_error (a 500 on the
// web).
TEST_CASE("fuzz regression: a query naming the word placeholder field is the user's error", "[search][fuzz]") {
    TempDir dir;
    Searcher searcher(open_database({one_article_database(dir)}), kEnglish);
    SearchRequest request;
    for (const std::string query : {"heraldword:0", "cafe heraldword:7", "heraldword:x"}) {
        request.query = query;
        CHECK_THROWS_AS(searcher.search(request), QueryError);
    }
    request.query = "heraldword";  // the word alone is just a word
    CHECK_NOTHROW(searcher.search(request));
}

// fuzz_query: a query that is not UTF-8 is searched as Latin-1, but the
// results echoed the raw bytes and writing them as JSON threw (herald-searcher --json).
TEST_CASE("fuzz regression: a Latin-1 query is echoed as UTF-8 and written as JSON", "[search][fuzz]") {
    TempDir dir;
    Searcher searcher(open_database({one_article_database(dir)}), kEnglish);
    SearchRequest request;
    request.query = "caf\xe9";
    const SearchResults results = searcher.search(request);
    CHECK(results.query == "café");
    CHECK(results.hits.size() == 1);
    CHECK_NOTHROW(results_to_json(results).dump());
    const Comparison comparison = searcher.compare(request, {"caf\xe9 opens"});
    CHECK(comparison.timelines.at(0).query == "café opens");
}

// fuzz_db_args: a stub line naming a folder with a trailing slash gave a
// shard with an empty label (shown with every hit it found).
TEST_CASE("fuzz regression: a stub path with a trailing slash keeps a label", "[shards][fuzz]") {
    TempDir dir;
    const auto stub = dir.write("herald.stub", "auto shard-00/\nglass /srv/db/\n");
    const auto locations = resolve_databases({stub.string()});
    REQUIRE(locations.size() == 2);
    CHECK(locations[0].label == "shard-00/");
    CHECK(locations[1].label == "/srv/db/");
    for (const auto& location : locations) CHECK_FALSE(location.label.empty());
}

// fuzz_json_document: a number beyond a double's range (1e444) made nlohmann
// throw out_of_range, which neither reader caught; in JSON Lines too.
TEST_CASE("fuzz regression: a JSON number out of range rejects its record", "[input][fuzz]") {
    for (const auto& [format, bytes] : std::vector<std::pair<Format, std::string>>{
             {Format::Json, R"([{"title": "a", "body": 1e444}])"},
             {Format::JsonLines, "{\"title\": \"a\", \"body\": 1e444}\n{\"title\": \"b\"}\n"}}) {
        std::istringstream input(bytes);
        herald::test::RecordingSink sink;
        REQUIRE_NOTHROW(read_stream(input, "numbers", format, FieldMap{}, sink));
        REQUIRE(sink.rejected.size() == 1);
        CHECK_THAT(sink.rejected[0].text, Catch::Contains("invalid JSON") && Catch::Contains("number"));
        CHECK(sink.accepted.size() == (format == Format::JsonLines ? 1u : 0u));
    }
}
