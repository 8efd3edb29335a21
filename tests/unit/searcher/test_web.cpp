// The web front end's pieces without a web server: query strings, request
// parameters, routing and the HTML page's escaping.
#include <catch2/catch.hpp>

#include "indexer/store/index_writer.hpp"
#include "searcher/query/search_params.hpp"
#include "searcher/web/html_page.hpp"
#include "searcher/web/metrics.hpp"
#include "searcher/web/query_string.hpp"
#include "searcher/web/web_app.hpp"
#include "searcher/web/worker_session.hpp"
#include "tests/unit/support.hpp"

using herald::ParameterError;
using herald::ParameterLimits;
using herald::Parameters;
using herald::search_request_from_parameters;

TEST_CASE("query strings decode form encoding and keep repeats in order", "[web]") {
    const Parameters parameters = herald::web::parse_query_string("q=gas+hub%20Turkey&source=BBC&source=CNN&flag&=x");
    REQUIRE(parameters == Parameters{{"q", "gas hub Turkey"}, {"source", "BBC"}, {"source", "CNN"}, {"flag", ""}});
    REQUIRE(herald::web::parse_query_string("").empty());
    REQUIRE_THROWS_AS(herald::web::parse_query_string("q=%FF"), ParameterError);
    // An encoded NUL would otherwise cut the value short ("gas").
    REQUIRE_THROWS_WITH(herald::web::parse_query_string("q=gas%00hub"), Catch::Contains("NUL"));
}

TEST_CASE("query strings round-trip through url_encode", "[web]") {
    const Parameters parameters{{"q", "a&b=c d/é"}, {"tag", "+1"}};
    const std::string encoded = herald::web::build_query_string(parameters);
    REQUIRE(encoded.find_first_of(" &=/", encoded.find("q=") + 2) == encoded.find('&'));
    REQUIRE(herald::web::parse_query_string(encoded) == parameters);
}

TEST_CASE("parameters become a search request", "[web]") {
    const auto request = search_request_from_parameters({{"q", "gas"},
                                                         {"limit", "20"},
                                                         {"offset", "40"},
                                                         {"sort", "-date"},
                                                         {"ranking", "bm25"},
                                                         {"source", "BBC"},
                                                         {"source", "CNN"},
                                                         {"facets", "source,,year"},
                                                         {"collapse", "off"},
                                                         {"recency", "30"},
                                                         {"from", "2016"}},
                                                        ParameterLimits{});
    REQUIRE(request.query == "gas");
    REQUIRE(request.limit == 20);
    REQUIRE(request.offset == 40);
    REQUIRE(request.sort == herald::SortOrder::DateDescending);
    REQUIRE(request.ranking == herald::Ranking::BM25);
    REQUIRE(search_request_from_parameters({{"q", "gas"}}, ParameterLimits{}).ranking == herald::Ranking::Herald);
    REQUIRE(request.sources == std::vector<std::string>{"BBC", "CNN"});
    REQUIRE(request.facets == std::vector<std::string>{"source", "year"});
    REQUIRE_FALSE(request.collapse);
    REQUIRE(request.recency_half_life_days == 30);
    REQUIRE(request.from == "2016");
}

TEST_CASE("parameters are checked against the limits", "[web]") {
    ParameterLimits limits;
    limits.max_limit = 5;
    limits.max_offset = 100;
    limits.max_query_bytes = 10;
    REQUIRE(search_request_from_parameters({{"limit", "50"}}, limits).limit == 5);
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"offset", "101"}}, limits), Catch::Contains("offset"));
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"q", "eleven char"}}, limits), Catch::Contains("10 bytes"));
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"limit", "1e3"}}, limits), Catch::Contains("whole number"));
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"limit", "-1"}}, limits), Catch::Contains("limit"));
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"q", "a"}, {"q", "b"}}, limits),
                        Catch::Contains("more than once"));
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"Page", "2"}}, limits), Catch::Contains("'Page'"));
    // A name a keyword field could have is that field's filter; search() checks the database has it.
    REQUIRE(search_request_from_parameters({{"page", "2"}, {"page", "3"}}, limits).keyword_filters ==
            std::vector<std::pair<std::string, std::string>>{{"page", "2"}, {"page", "3"}});
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"timeline", "fortnight"}}, limits),
                        Catch::Contains("day, week, month or year"));
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"recency", "nan"}}, limits), Catch::Contains("recency"));
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"ranking", "tfidf"}}, limits),
                        Catch::Contains("herald or bm25"));
}

TEST_CASE("routes answer unknown paths and methods before touching the database", "[web]") {
    herald::web::ServerMetrics metrics;
    herald::web::ResultCache cache(1 << 20);
    const auto missing = herald::resolve_databases({"/nonexistent/db"});
    const herald::web::WebApp app({missing, {}, *herald::resolve_language("en"), {}, 0}, metrics, cache);
    herald::web::WorkerSession session(missing, {}, *herald::resolve_language("en"));
    REQUIRE(app.handle({"GET", "/elsewhere", ""}, session).status == 404);
    const auto posted = app.handle({"POST", "/search", "q=x"}, session);
    REQUIRE(posted.status == 405);
    REQUIRE(posted.body == "{\"error\":\"method POST is not allowed\"}\n");
    // The database is missing: 503, and the server keeps answering.
    REQUIRE(app.handle({"GET", "/search", "q=gas"}, session).status == 503);
    REQUIRE(app.handle({"GET", "/health", ""}, session).status == 503);
    REQUIRE(app.handle({"GET", "/search", "limit=x"}, session).status == 400);
}

TEST_CASE("a search that commits keep overtaking is run again, then answered 503 with Retry-After", "[web]") {
    herald::test::TempDir dir;
    const std::string db = (dir / "db").string();
    {
        herald::IndexWriter writer(db, *herald::resolve_language("en"));
        herald::Article article;
        article.id = "a1";
        article.title = "Gas hub";
        article.body = "Gas hub talks.";
        std::vector<std::string> warnings;
        writer.upsert(article, warnings);
        writer.commit();
    }
    const auto locations = herald::resolve_databases({db});
    herald::web::WorkerSession session(locations, {}, *herald::resolve_language("en"));
    // An indexer committing in a burst: each commit discards the revision being read.
    int calls = 0;
    const auto overtaken = [&calls](int commits) {
        return [&calls, commits](const herald::ShardSet& shards) {
            if (++calls <= commits) throw Xapian::DatabaseModifiedError("revision discarded");
            return shards.database.get_doccount();
        };
    };
    REQUIRE(session.with_latest(overtaken(5)) == 1);
    REQUIRE(calls == 6);
    calls = 0;
    REQUIRE_THROWS_AS(session.with_latest(overtaken(1000)), herald::web::DatabaseBusy);
    REQUIRE(calls == 8);
    // Commits that overtook the search leave a lost connection its own
    // attempts (the churn soak saw a 503 from two commits, then one stale
    // connection to a restarted shard).
    calls = 0;
    const auto overtaken_then_lost = [&calls](const herald::ShardSet& shards) {
        ++calls;
        if (calls <= 2) throw Xapian::DatabaseModifiedError("revision discarded");
        if (calls == 3) throw Xapian::NetworkError("read failed");
        return shards.database.get_doccount();
    };
    REQUIRE(session.with_latest(overtaken_then_lost) == 1);
    REQUIRE(calls == 4);
}

TEST_CASE("the HTML page escapes stored text and links only web URLs", "[web]") {
    herald::web::PageView view;
    view.parameters = {{"q", "\"><script>"}};
    view.request.query = "\"><script>";
    herald::SearchResults results;
    results.total = 1;
    herald::Hit hit;
    hit.article.id = "x";
    hit.article.title = "<img src=x onerror=alert(1)>";
    hit.article.url = "javascript:alert(1)";
    hit.article.source = "A & B";
    hit.snippet = {{"<i>plain</i> ", false}, {"match", true}};
    results.hits.push_back(hit);
    view.results = results;
    const std::string page = herald::web::render_page(view);
    REQUIRE(page.find("<script") == std::string::npos);
    REQUIRE(page.find("<img") == std::string::npos);
    REQUIRE(page.find("javascript:") == std::string::npos);
    REQUIRE(page.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    REQUIRE(page.find("A &amp; B") != std::string::npos);
    REQUIRE(page.find("&lt;i&gt;plain&lt;/i&gt; <b>match</b>") != std::string::npos);
    REQUIRE(page.find("value=\"&quot;&gt;&lt;script&gt;\"") != std::string::npos);
}

TEST_CASE("metrics render a cumulative latency histogram", "[web]") {
    herald::web::ServerMetrics metrics;
    for (const double seconds : {0.0005, 0.003, 0.003, 7.0}) {
        metrics.started();
        metrics.record("/search", 200, seconds, false);
    }
    metrics.started();
    metrics.record("/nope", 404, 0.0001, false);
    const std::string text = metrics.render(42);
    REQUIRE_THAT(text, Catch::Contains("herald_http_requests_total{route=\"search\",code=\"2xx\"} 4\n"));
    REQUIRE_THAT(text, Catch::Contains("herald_http_requests_total{route=\"other\",code=\"4xx\"} 1\n"));
    REQUIRE_THAT(text, Catch::Contains("herald_http_request_duration_seconds_bucket{le=\"0.001\"} 2\n"));
    REQUIRE_THAT(text, Catch::Contains("herald_http_request_duration_seconds_bucket{le=\"0.005\"} 4\n"));
    REQUIRE_THAT(text, Catch::Contains("herald_http_request_duration_seconds_bucket{le=\"5\"} 4\n"));
    REQUIRE_THAT(text, Catch::Contains("herald_http_request_duration_seconds_bucket{le=\"+Inf\"} 5\n"));
    REQUIRE_THAT(text, Catch::Contains("herald_http_requests_in_flight 0\n"));
    REQUIRE_THAT(text, Catch::Contains("herald_documents 42\n"));
}

TEST_CASE("the result cache evicts the least recently used past its budget", "[web]") {
    herald::web::ResultCache cache(3 * (2 * 1 + 1000 + 128));  // room for three 1000-byte answers
    for (const char* key : {"a", "b", "c"}) cache.store(key, {std::string(1000, 'x'), 1, ""});
    REQUIRE(cache.find("a"));  // "a" is now the most recent
    cache.store("d", {std::string(1000, 'y'), 1, ""});
    REQUIRE_FALSE(cache.find("b"));
    REQUIRE(cache.find("a"));
    REQUIRE(cache.find("c"));
    REQUIRE(cache.find("d")->body == std::string(1000, 'y'));
    REQUIRE(cache.hits() == 4);
    REQUIRE(cache.misses() == 1);
    herald::web::ResultCache off(0);
    off.store("a", {"x", 1, ""});
    REQUIRE_FALSE(off.find("a"));
}

TEST_CASE("the HTML page shows the first eight values of a facet", "[web]") {
    herald::web::PageView view;
    view.parameters = {{"q", "gas"}};
    view.request.query = "gas";
    herald::SearchResults results;
    results.total = 100;
    herald::FacetCounts sources{"source", {}};
    sources.values.push_back({std::nullopt, 40});  // articles without a source are not listed
    for (int i = 1; i <= 12; ++i) sources.values.push_back({"Outlet " + std::to_string(i), 13u - i});
    results.facets.push_back(sources);
    herald::Hit hit;
    hit.article.id = "x";
    hit.article.title = "Gas prices";
    results.hits.push_back(hit);
    view.results = results;
    const std::string page = herald::web::render_page(view);
    for (int i = 1; i <= 8; ++i) CHECK(page.find(">Outlet " + std::to_string(i) + "</a>") != std::string::npos);
    for (int i = 9; i <= 12; ++i) CHECK(page.find(">Outlet " + std::to_string(i) + "</a>") == std::string::npos);
}

TEST_CASE("the lang parameter filters by language and repeats", "[web]") {
    const auto request = herald::search_request_from_parameters({{"q", "gas"}, {"lang", "ru"}, {"lang", "Polish"}}, {});
    CHECK(request.languages == std::vector<std::string>{"ru", "Polish"});
}
