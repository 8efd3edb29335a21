// Bugs the fuzz targets of tests/fuzz found, each kept as a test that runs in
// every build (the crashing inputs are also replayed by the fuzz build's
// ctest, from tests/fuzz/regressions/).
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "common/database.hpp"
#include "common/shards.hpp"
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

// fuzz_query: the parser handed a user's "heraldword:N" to the internal
// word-placeholder processor, which threw std::logic_error (a 500 on the web).
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
// results echoed the raw bytes and writing them as JSON threw (searcher --json).
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
