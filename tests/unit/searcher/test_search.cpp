// End-to-end through the library: IndexWriter -> open_database -> Searcher,
// plus the query folding, snippets and the JSON result shape.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "common/document_data.hpp"
#include "common/schema.hpp"
#include "indexer/analysis/synonym_file.hpp"
#include "indexer/store/index_writer.hpp"
#include "searcher/match/full_ranking.hpp"
#include "searcher/match/ranking.hpp"
#include "searcher/match/recency.hpp"
#include "searcher/match/searcher.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/present/snippet.hpp"
#include "searcher/query/archive_languages.hpp"
#include "searcher/query/query_builder.hpp"
#include "searcher/query/query_units.hpp"
#include "searcher/query/script_forms.hpp"
#include "searcher/query/spelling.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::TempDir;

namespace {

const Language kEnglish{"en", "english"};

Article make_article(std::string id, std::string title, std::string body, std::string source = {},
                     std::string date = {}) {
    Article article;
    article.id = std::move(id);
    article.title = std::move(title);
    article.body = std::move(body);
    article.source = std::move(source);
    if (!date.empty()) article.date = parse_date(date);
    return article;
}

std::vector<Article> sample_articles() {
    return {
        make_article("erdogan-accent", "Erdoğan meets leaders", "President Erdoğan spoke in Ankara on Monday.",
                     "Reuters", "2022-10-14"),
        make_article("erdogan-plain", "Talks in Ankara", "Erdogan said the talks went well.", "AP"),
        make_article("gas-hub", "Gas hub in Türkiye",
                     "Lead paragraph about gas.\n\nSecond paragraph mentions pipelines.", "CNN"),
        make_article("wt", "Capital news", "A hub for gas traders opened downtown. Pipeline prices fell.",
                     "Washington Times"),
        make_article("zebra-title", "Zebra spotted downtown", "Keepers say the animal escaped from a circus truck.",
                     "Local"),
        make_article("Doc-ABC/Ünï", "Walrus sighting", "A walrus was seen on the beach.", "Local"),
        make_article("zebra-body", "Council meeting notes", "Budget talks ran late.\n\nA zebra was mentioned once.",
                     "Local"),
    };
}

// `synonyms`, if given, in the synonyms file's format.
void index_articles(const std::string& path, const std::vector<Article>& articles, const std::string& synonyms = {}) {
    IndexWriter writer(path, kEnglish);
    if (!synonyms.empty()) {
        std::istringstream file(synonyms);
        writer.add_synonyms(read_synonyms(file, "synonyms.txt"));
    }
    std::vector<std::string> warnings;
    for (const auto& article : articles) writer.upsert(article, warnings);
    writer.commit();
    REQUIRE(warnings.empty());
}

// One database shared by the read-only tests, built on first use.
const std::string& shared_database() {
    static TempDir dir;
    static const std::string path = [] {
        const std::string db = (dir / "db").string();
        index_articles(db, sample_articles());
        return db;
    }();
    return path;
}

SearchResults run(const std::string& query, Xapian::doccount offset = 0, Xapian::doccount limit = 10) {
    Searcher searcher(open_database({shared_database()}), kEnglish);
    SearchRequest request;
    request.query = query;
    request.offset = offset;
    request.limit = limit;
    return searcher.search(request);
}

std::set<std::string> ids(const SearchResults& results) {
    std::set<std::string> out;
    for (const auto& hit : results.hits) out.insert(hit.article.id);
    return out;
}

std::vector<std::string> ranked_ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const auto& hit : results.hits) out.push_back(hit.article.id);
    return out;
}

std::vector<std::string> highlighted(const Snippet& snippet) {
    std::vector<std::string> out;
    for (const auto& segment : snippet) {
        if (segment.highlighted) out.push_back(segment.text);
    }
    return out;
}

}  // namespace

TEST_CASE("search: accent folding matches both spellings", "[search]") {
    const std::set<std::string> both{"erdogan-accent", "erdogan-plain"};
    CHECK(ids(run("erdogan")) == both);
    CHECK(ids(run("Erdoğan")) == both);
    CHECK(ids(run("ERDOĞAN")) == both);
    CHECK(ids(run("turkiye")) == std::set<std::string>{"gas-hub"});
    CHECK(ids(run("Türkiye")) == std::set<std::string>{"gas-hub"});
}

TEST_CASE("search: stemming", "[search]") {
    CHECK(ids(run("pipeline")) == std::set<std::string>{"gas-hub", "wt"});
    CHECK(ids(run("spoken")).empty());
}

TEST_CASE("search: phrases respect word order", "[search]") {
    CHECK(ids(run("\"gas hub\"")) == std::set<std::string>{"gas-hub"});
    CHECK(ids(run("\"hub gas\"")).empty());
    CHECK(run("\"hub gas\"").total == 0);
    // Phrases do not run across fields: the title ends with "Türkiye", the lead starts with "Lead".
    CHECK(ids(run("\"turkiye lead\"")).empty());
}

TEST_CASE("search: boolean operators survive folding", "[search]") {
    CHECK(ids(run("erdogan NOT spoke")) == std::set<std::string>{"erdogan-plain"});
    CHECK(ids(run("Erdoğan AND Monday")) == std::set<std::string>{"erdogan-accent"});
    CHECK(ids(run("zebra OR pipelines")) == std::set<std::string>{"zebra-title", "zebra-body", "gas-hub", "wt"});
}

TEST_CASE("search: field filters", "[search]") {
    CHECK(ids(run("source:\"washington times\"")) == std::set<std::string>{"wt"});
    CHECK(ids(run("gas source:\"Washington Times\"")) == std::set<std::string>{"wt"});
    CHECK(ids(run("gas source:cnn")) == std::set<std::string>{"gas-hub"});
    CHECK(ids(run("title:ankara")) == std::set<std::string>{"erdogan-plain"});
    CHECK(ids(run("id:wt")) == std::set<std::string>{"wt"});
    CHECK(ids(run("gas source:nobody")).empty());
}

TEST_CASE("search: id filters are exact, like the ids they match", "[search]") {
    // terms::id() is documented as exact (not folded) and the indexer stores
    // "QDoc-ABC/Ünï"; the query must not fold the value of id: before making the term.
    CHECK(ids(run("walrus id:Doc-ABC/Ünï")) == std::set<std::string>{"Doc-ABC/Ünï"});
    CHECK(ids(run("id:\"Doc-ABC/Ünï\"")) == std::set<std::string>{"Doc-ABC/Ünï"});
}

TEST_CASE("search: ranks are 1-based and follow the offset", "[search]") {
    const SearchResults all = run("gas OR erdogan OR zebra");
    REQUIRE(all.hits.size() == 6);
    CHECK(all.total == 6);
    CHECK(all.offset == 0);
    for (std::size_t i = 0; i < all.hits.size(); ++i) {
        CHECK(all.hits[i].rank == i + 1);
        if (i > 0) CHECK(all.hits[i - 1].score >= all.hits[i].score);
    }

    const SearchResults page = run("gas OR erdogan OR zebra", 2, 3);
    CHECK(page.offset == 2);
    REQUIRE(page.hits.size() == 3);
    for (std::size_t i = 0; i < page.hits.size(); ++i) {
        CHECK(page.hits[i].rank == i + 3);
        CHECK(page.hits[i].article.id == all.hits[i + 2].article.id);
    }

    CHECK(run("gas OR erdogan OR zebra", 10).hits.empty());
}

TEST_CASE("search: a title match outranks a body-only match", "[search]") {
    const auto ranking = ranked_ids(run("zebra"));
    CHECK(ranking == std::vector<std::string>{"zebra-title", "zebra-body"});
}

TEST_CASE("search: hits carry the stored article and a snippet", "[search]") {
    const SearchResults results = run("Monday");
    REQUIRE(results.hits.size() == 1);
    const Hit& hit = results.hits[0];
    CHECK(hit.article.id == "erdogan-accent");
    CHECK(hit.article.title == "Erdoğan meets leaders");
    CHECK(hit.article.source == "Reuters");
    REQUIRE(hit.article.date);
    CHECK(hit.article.date->compact() == "20221014");
    CHECK(hit.score > 0);
    CHECK(highlighted(hit.snippet) == std::vector<std::string>{"Monday"});
    CHECK(results.query == "Monday");
}

TEST_CASE("search: queries the user must fix", "[search][errors]") {
    CHECK_THROWS_AS(run(""), QueryError);
    CHECK_THROWS_AS(run("   \t "), QueryError);
    CHECK_THROWS_AS(run(std::string(5000, 'a')), QueryError);
    CHECK_THROWS_WITH(run(std::string(5000, 'a')), Catch::Contains("too long"));
    CHECK_THROWS_AS(run("!!! ???"), QueryError);    // no searchable words
    CHECK_THROWS_AS(run("\"gas hub"), QueryError);  // unbalanced quote
}

TEST_CASE("index writer: upserting the same id replaces the article", "[search][index_writer]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    std::vector<std::string> warnings;
    {
        IndexWriter writer(path, kEnglish);
        CHECK(writer.upsert(make_article("a", "First title", "Old body about walruses."), warnings) ==
              IndexWriter::Outcome::Added);
        CHECK(writer.upsert(make_article("b", "Second", "Other body."), warnings) == IndexWriter::Outcome::Added);
        writer.commit();
        CHECK(writer.document_count() == 2);
    }
    {
        IndexWriter writer(path, kEnglish);
        CHECK(writer.upsert(make_article("a", "First title", "New body about penguins."), warnings) ==
              IndexWriter::Outcome::Replaced);
        writer.commit();
        CHECK(writer.document_count() == 2);
    }
    Searcher searcher(open_database({path}), kEnglish);
    SearchRequest request;
    request.query = "walruses";
    CHECK(searcher.search(request).hits.empty());
    request.query = "penguins";
    const auto results = searcher.search(request);
    REQUIRE(results.hits.size() == 1);
    CHECK(results.hits[0].article.id == "a");
}

TEST_CASE("index writer: a second writer is locked out", "[search][index_writer]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    IndexWriter writer(path, kEnglish);
    CHECK_THROWS_AS(IndexWriter(path, kEnglish), Xapian::DatabaseLockError);
}

TEST_CASE("open_database: errors", "[search][open]") {
    TempDir dir;
    SECTION("a path that does not exist") {
        CHECK_THROWS_AS(open_database({(dir / "missing").string()}), Xapian::DatabaseOpeningError);
    }
    SECTION("a Xapian database not written by Herald") {
        const std::string path = (dir / "plain").string();
        {
            Xapian::WritableDatabase plain(path, Xapian::DB_CREATE_OR_OPEN);
            Xapian::Document document;
            document.add_term("hello");
            plain.add_document(document);
            plain.commit();
        }
        CHECK_THROWS_AS(open_database({path}), std::runtime_error);
        CHECK_THROWS_AS(IndexWriter(path, kEnglish), std::runtime_error);
    }
    SECTION("no database at all") { CHECK_THROWS_AS(open_database({}), std::invalid_argument); }
    SECTION("a database of an older schema asks to be re-indexed") {
        const std::string path = (dir / "old").string();
        {
            Xapian::WritableDatabase old(path, Xapian::DB_CREATE_OR_OPEN);
            old.set_metadata(std::string(schema::kSchemaVersionKey), "1");
            old.commit();
        }
        CHECK_THROWS_WITH(open_database({path}), Catch::Contains("schema 1") && Catch::Contains("re-index"));
    }
}

TEST_CASE("several databases search as one, as shards", "[search][open]") {
    TempDir dir;
    const std::string first = (dir / "one").string();
    const std::string second = (dir / "two").string();
    index_articles(first, {make_article("x1", "Walrus colony", "Body.")});
    index_articles(second, {make_article("x2", "Walrus count", "Body.")});
    // One Searcher over a combined database cannot count by shard: refused.
    CHECK_THROWS_AS(Searcher(open_database({first, second}), kEnglish), std::invalid_argument);
    Searcher searcher(open_shards(resolve_databases({first, second}), {}), make_stemmer("english"));
    SearchRequest request;
    request.query = "walrus";
    const auto results = searcher.search(request);
    std::set<std::string> found;
    for (const auto& hit : results.hits) found.insert(hit.article.id);
    CHECK(found == std::set<std::string>{"x1", "x2"});
}

TEST_CASE("fold_query_text folds words but keeps operators", "[query]") {
    CHECK(fold_query_text("Erdoğan AND Putin") == "erdogan AND putin");
    CHECK(fold_query_text("ANDROID") == "android");
    CHECK(fold_query_text("Oregon OR Ohio") == "oregon OR ohio");
    CHECK(fold_query_text("Oregon OR") == "oregon OR");
    CHECK(fold_query_text("NOTE NOT Nothing") == "note NOT nothing");
    CHECK(fold_query_text("Putin NEAR/3 Erdoğan") == "putin NEAR/3 erdogan");
    CHECK(fold_query_text("Putin NEAR Erdoğan") == "putin NEAR erdogan");
    CHECK(fold_query_text("Gas ADJ/2 Hub XOR Oil") == "gas ADJ/2 hub XOR oil");
    CHECK(fold_query_text("(Putin OR Erdoğan)") == "(putin OR erdogan)");
    CHECK(fold_query_text("Cats And Dogs") == "cats and dogs");  // only upper-case operators
    CHECK(fold_query_text("ORegon NEARBY ĞAND") == "oregon nearby gand");
    CHECK(fold_query_text("title:Putin source:\"CNN\"") == "title:putin source:\"cnn\"");
    CHECK(fold_query_text("") == "");
}

TEST_CASE("snippets: the highlighter matches folded and stemmed words", "[snippet]") {
    const Xapian::Database database = open_database({shared_database()});
    QueryBuilder builder(database, kEnglish);

    SECTION("accents") {
        Highlighter highlighter(builder.parse("erdogan"), builder.stemmer());
        CHECK_FALSE(highlighter.empty());
        CHECK(highlighter.match("Erdoğan") >= 0);
        CHECK(highlighter.match("ERDOGAN") >= 0);
        CHECK(highlighter.match("Ankara") == -1);
        const Snippet snippet = make_snippet("President Erdoğan spoke in Ankara.", highlighter);
        CHECK(highlighted(snippet) == std::vector<std::string>{"Erdoğan"});
        CHECK(snippet_plain(snippet) == "President Erdoğan spoke in Ankara.");
    }
    SECTION("stems") {
        Highlighter highlighter(builder.parse("pipeline"), builder.stemmer());
        const Snippet snippet = make_snippet("Second paragraph mentions pipelines.", highlighter);
        CHECK(highlighted(snippet) == std::vector<std::string>{"pipelines"});
    }
    SECTION("boolean filters are not highlighted") {
        Highlighter highlighter(builder.parse("gas source:cnn"), builder.stemmer());
        CHECK(highlighter.match("gas") >= 0);
        CHECK(highlighter.match("cnn") == -1);
        CHECK(highlighter.match("CNN") == -1);
    }
    SECTION("title-prefixed words are highlighted") {
        Highlighter highlighter(builder.parse("title:ankara"), builder.stemmer());
        CHECK(highlighter.match("Ankara") >= 0);
    }
    SECTION("phrases") {
        Highlighter highlighter(builder.parse("\"gas hub\""), builder.stemmer());
        const Snippet snippet = make_snippet("The Gas hub opened.", highlighter);
        CHECK(highlighted(snippet) == std::vector<std::string>{"Gas", "hub"});
    }
}

TEST_CASE("snippets: a capitalised word's remembered match follows the article's stemmer", "[snippet]") {
    // A query for Putin with its name key, as the query builder makes it for a name.
    Highlighter highlighter(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("putin"),
                                          Xapian::Query(std::string(schema::kNameKeyPrefix) + "ptn")),
                            make_stemmer("english"));
    highlighter.set_article_stemmer(make_stemmer("czech"));
    CHECK(highlighter.match("Putinem") >= 0);  // the Czech stem "putin" has the key
    CHECK(highlighter.match("Putinem") >= 0);  // remembered
    highlighter.set_article_stemmer(Xapian::Stem());
    CHECK(highlighter.match("Putinem") < 0);  // no stemmer: "putinem" keys as "ptnm"
    highlighter.set_article_stemmer(make_stemmer("czech"));
    CHECK(highlighter.match("Putinem") >= 0);
}

TEST_CASE("snippets read a bounded part of a huge text", "[snippet]") {
    const Xapian::Database database = open_database({shared_database()});
    QueryBuilder builder(database, kEnglish);
    Highlighter highlighter(builder.parse("erdogan"), builder.stemmer());
    std::string filler;
    while (filler.size() < 2 * kMaxSnippetTextBytes) filler += "Łódź before ";  // multi-byte letters at the cut
    // Within the bound: found and marked.
    const Snippet near = make_snippet("Lead. Erdoğan spoke. " + filler, highlighter);
    CHECK(highlighted(near) == std::vector<std::string>{"Erdoğan"});
    CHECK(near.back().text == "…");
    // Past it: the text's start, unmarked and said to go on, however long the text.
    const Snippet far = make_snippet("Lead paragraph here. " + filler + " Erdoğan spoke.", highlighter);
    CHECK(highlighted(far).empty());
    CHECK_THAT(snippet_plain(far), Catch::StartsWith("Lead paragraph here."));
    CHECK(far.back().text == "…");
    // A text just over the bound whose words all fit: still marked as going on.
    const Snippet cut = make_snippet(filler.substr(0, kMaxSnippetTextBytes + 1), highlighter, 4);
    CHECK(cut.back().text == "…");
}

TEST_CASE("snippets: a window around the matches of a long text", "[snippet]") {
    const Xapian::Database database = open_database({shared_database()});
    QueryBuilder builder(database, kEnglish);
    Highlighter highlighter(builder.parse("erdogan"), builder.stemmer());
    std::string text;
    for (int i = 0; i < 100; ++i) text += "before ";
    text += "Erdoğan";
    for (int i = 0; i < 100; ++i) text += " after";
    const Snippet snippet = make_snippet(text, highlighter, 20);
    REQUIRE(snippet.size() >= 3);
    CHECK(snippet.front().text == "…");
    CHECK(snippet.back().text == "…");
    CHECK(highlighted(snippet) == std::vector<std::string>{"Erdoğan"});
    const std::string plain = snippet_plain(snippet);
    CHECK(std::count(plain.begin(), plain.end(), ' ') <= 22);

    Highlighter nothing(builder.parse("zebra"), builder.stemmer());
    const Snippet start = make_snippet(text, nothing, 5);
    CHECK(highlighted(start).empty());
    CHECK_THAT(snippet_plain(start), Catch::StartsWith("before before"));
    CHECK(make_snippet("", nothing).empty());
}

TEST_CASE("snippets: a short text is shown whole, punctuation at its edges included", "[snippet]") {
    const Xapian::Database database = open_database({shared_database()});
    QueryBuilder builder(database, kEnglish);
    Highlighter highlighter(builder.parse("erdogan"), builder.stemmer());
    CHECK(snippet_plain(make_snippet("(Reuters) Erdoğan spoke.", highlighter)) == "(Reuters) Erdoğan spoke.");
    CHECK(snippet_plain(make_snippet("\"We will win,\" Erdoğan said.", highlighter)) ==
          "\"We will win,\" Erdoğan said.");
}

TEST_CASE("snippets: the shown window keeps the best window's matches", "[snippet]") {
    // With 10-word windows, the only window holding both query words starts at
    // "Erdoğan" and ends at "Putin". Shifting it back for context must not drop "Putin".
    const Xapian::Database database = open_database({shared_database()});
    QueryBuilder builder(database, kEnglish);
    Highlighter highlighter(builder.parse("erdogan putin"), builder.stemmer());
    std::string text;
    for (int i = 0; i < 20; ++i) text += "alpha ";
    text += "Erdoğan b c d e f g h i Putin";
    for (int i = 0; i < 20; ++i) text += " omega";
    const Snippet snippet = make_snippet(text, highlighter, 10);
    CHECK(highlighted(snippet) == std::vector<std::string>{"Erdoğan", "Putin"});
}

TEST_CASE("snippets: every form of a query word is one match, and the scan stops at a window with every word",
          "[snippet]") {
    const Xapian::Database database = open_database({shared_database()});
    QueryBuilder builder(database, kEnglish);
    const Xapian::Query query = builder.parse("pipeline talks");
    REQUIRE(builder.plain_query_words().size() == 2);
    Highlighter grouped(query, builder.stemmer(), builder.plain_query_words());
    CHECK(grouped.word_count() == 2);
    // The word and its inflections answer as the same query word.
    CHECK(grouped.match("pipeline") == grouped.match("pipelines"));
    CHECK(grouped.match("Pipelines") == grouped.match("pipeline"));
    CHECK(grouped.match("talked") == grouped.match("talks"));
    CHECK(grouped.match("talks") != grouped.match("pipeline"));
    CHECK(grouped.match("talks") >= 0);
    CHECK(grouped.match("talks") < 2);

    // Repeats of one word in one form do not beat both words in another.
    std::string text = "Pipelines pipelines pipelines and more pipelines. ";
    for (int i = 0; i < 30; ++i) text += "filler ";
    text += "The pipeline talks ended.";
    for (int i = 0; i < 30; ++i) text += " tail";
    text += " pipeline pipeline talks talks pipeline talks.";
    const Snippet snippet = make_snippet(text, grouped, 10);
    CHECK(highlighted(snippet) == std::vector<std::string>{"pipeline", "talks"});
    // It stopped past the first window with both words: the rest is elided.
    REQUIRE_FALSE(snippet.empty());
    CHECK(snippet.back().text == "…");
    CHECK(snippet_plain(snippet).find("talks talks") == std::string::npos);

    // Without the grouping it reads the whole text, and still marks a match.
    Highlighter ungrouped(query, builder.stemmer());
    CHECK(ungrouped.word_count() == 0);
    CHECK_FALSE(highlighted(make_snippet(text, ungrouped, 10)).empty());
}

TEST_CASE("snippets: HTML and plain renderings", "[snippet]") {
    const Xapian::Database database = open_database({shared_database()});
    QueryBuilder builder(database, kEnglish);
    Highlighter highlighter(builder.parse("erdogan"), builder.stemmer());
    const Snippet snippet = make_snippet("Tom & Jerry <3 Erdoğan's \"team\"", highlighter);

    const std::string html = snippet_html(snippet);
    CHECK(html.find("&amp;") != std::string::npos);
    CHECK(html.find("&lt;3") != std::string::npos);
    CHECK(html.find("<b>Erdoğan&#39;s</b>") != std::string::npos);
    CHECK(html.find(" & ") == std::string::npos);
    CHECK(html.find("<3") == std::string::npos);

    const std::string plain = snippet_plain(snippet);
    CHECK(plain == "Tom & Jerry <3 Erdoğan's \"team\"");
    CHECK(plain.find("<b>") == std::string::npos);

    CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");

    const Snippet manual{{"a < b & ", false}, {"c", true}};
    CHECK(snippet_html(manual) == "a &lt; b &amp; <b>c</b>");
    CHECK(snippet_plain(manual) == "a < b & c");
    const std::string ansi = snippet_ansi(manual);
    CHECK(ansi.find("a < b & ") == 0);
    CHECK(ansi.find("\033[1mc\033[0m") != std::string::npos);
}

TEST_CASE("results_to_json: key order and nulls", "[results_json]") {
    SearchResults results;
    results.query = "gas";
    results.total = 7;
    results.offset = 5;
    Hit hit;
    hit.rank = 6;
    hit.score = 1.5;
    hit.article.id = "x";
    hit.article.title = "Title";
    hit.article.language = "ru";
    hit.snippet = {{"a ", false}, {"gas", true}};
    results.hits.push_back(hit);

    const auto json = results_to_json(results);
    std::vector<std::string> keys;
    for (const auto& item : json.items()) keys.push_back(item.key());
    REQUIRE(keys.size() >= 4);
    CHECK(std::vector<std::string>(keys.begin(), keys.begin() + 4) ==
          std::vector<std::string>{"query", "total", "offset", "results"});
    CHECK(json["query"] == "gas");
    CHECK(json["total"] == 7);
    CHECK(json["offset"] == 5);

    REQUIRE(json["results"].size() == 1);
    const auto& first = json["results"][0];
    std::vector<std::string> hit_keys;
    for (const auto& item : first.items()) hit_keys.push_back(item.key());
    REQUIRE(hit_keys.size() >= 8);
    CHECK(std::vector<std::string>(hit_keys.begin(), hit_keys.begin() + 8) ==
          std::vector<std::string>{"rank", "id", "score", "title", "date", "source", "url", "snippet"});
    CHECK(first["rank"] == 6);
    CHECK(first["id"] == "x");
    CHECK(first["score"] == 1.5);
    CHECK(first["title"] == "Title");
    CHECK(first["date"].is_null());
    CHECK(first["source"].is_null());
    CHECK(first["url"].is_null());
    CHECK(first["snippet"] == "a <b>gas</b>");
    CHECK(first["language"] == "ru");

    CHECK(error_to_json("bad").dump() == R"({"error":"bad"})");
}

TEST_CASE("results_to_json: a real search", "[results_json]") {
    const auto json = results_to_json(run("Erdoğan"));
    CHECK(json["query"] == "Erdoğan");
    CHECK(json["total"] == 2);
    REQUIRE(json["results"].size() == 2);
    for (const auto& hit : json["results"]) {
        CHECK(hit["url"].is_null());
        CHECK(hit["source"].is_string());
        CHECK(hit["snippet"].get<std::string>().find("<b>") != std::string::npos);
    }
    // An empty result list is an empty array, not null.
    const auto none = results_to_json(run("\"hub gas\""));
    CHECK(none["results"].is_array());
    CHECK(none["results"].empty());
}

TEST_CASE("date sorts put undated articles last in both directions", "[search][sort]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    // Undated articles first in the database and more relevant, so neither
    // docid order nor relevance can put them last by accident.
    index_articles(path, {
                             make_article("undated-1", "Tariff tariff news", "Tariff talk, tariff again."),
                             make_article("dated-2019", "Tariff report", "A tariff.", "Wire", "2019-05-01"),
                             make_article("undated-2", "Tariff tariff tariff", "Tariff, tariff."),
                             make_article("dated-2017", "Tariff plan", "A tariff.", "Wire", "2017-02-03"),
                             make_article("dated-2021", "Tariff vote", "A tariff.", "Wire", "2021-11-30"),
                         });
    Searcher searcher(open_database({path}), kEnglish);
    auto ids_sorted = [&](SortOrder sort) {
        SearchRequest request;
        request.query = "tariff";
        request.sort = sort;
        request.collapse = false;
        std::vector<std::string> ids;
        for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.article.id);
        return ids;
    };
    const auto oldest_first = ids_sorted(SortOrder::DateAscending);
    REQUIRE(oldest_first.size() == 5);
    CHECK(std::vector<std::string>(oldest_first.begin(), oldest_first.begin() + 3) ==
          std::vector<std::string>{"dated-2017", "dated-2019", "dated-2021"});
    CHECK(std::set<std::string>(oldest_first.begin() + 3, oldest_first.end()) ==
          std::set<std::string>{"undated-1", "undated-2"});
    const auto newest_first = ids_sorted(SortOrder::DateDescending);
    REQUIRE(newest_first.size() == 5);
    CHECK(std::vector<std::string>(newest_first.begin(), newest_first.begin() + 3) ==
          std::vector<std::string>{"dated-2021", "dated-2019", "dated-2017"});
    CHECK(std::set<std::string>(newest_first.begin() + 3, newest_first.end()) ==
          std::set<std::string>{"undated-1", "undated-2"});
}

TEST_CASE("facets count a collapsed group once under each value its matching copies hold", "[search][facets]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    const std::string body = "Gas prices rose again as the pipeline stayed shut for repairs over the winter.";
    index_articles(path, {
                             make_article("wire-a", "Gas prices rise", body, "Wire A", "2019-03-04"),
                             make_article("paper-b", "Gas prices rise", body, "Paper B", "2021-05-06"),
                             make_article("other", "Gas storage", "Storage sites for gas filled up.", "Paper C"),
                         });
    Searcher searcher(open_database({path}), kEnglish);
    auto counts_of = [](const FacetCounts& facet) {
        std::map<std::string, Xapian::doccount> counts;
        for (const auto& value : facet.values) counts[value.value.value_or("(none)")] = value.count;
        return counts;
    };
    for (const auto& [sort, shown] :
         {std::tuple{SortOrder::DateDescending, "paper-b"}, std::tuple{SortOrder::DateAscending, "wire-a"},
          std::tuple{SortOrder::Relevance, "wire-a"}}) {
        SearchRequest request;
        request.query = "gas";
        request.sort = sort;
        request.facets = {"source", "year"};
        const auto results = searcher.search(request);
        REQUIRE(results.hits.size() == 2);
        const auto copy = std::find_if(results.hits.begin(), results.hits.end(),
                                       [](const Hit& hit) { return hit.article.id != "other"; });
        REQUIRE(copy != results.hits.end());
        CHECK(copy->article.id == shown);
        CHECK(copy->duplicates == 1);
        // Whichever copy is shown: the story ran in two papers, in two years.
        CHECK(counts_of(results.facets[0]) ==
              std::map<std::string, Xapian::doccount>{{"Wire A", 1}, {"Paper B", 1}, {"Paper C", 1}});
        CHECK(counts_of(results.facets[1]) ==
              std::map<std::string, Xapian::doccount>{{"2019", 1}, {"2021", 1}, {"(none)", 1}});
        CHECK(results.total == 2);
    }
}

TEST_CASE("copies folded after the match give Xapian's collapsed results, and many copies fall back to it",
          "[search][collapse]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    // Eight groups of copies (the same body under different ids), sizes 1 to 8, then
    // twenty copies of one wire story: more than the window holds for a page of ten.
    std::vector<Article> articles;
    for (int group = 0; group < 8; ++group) {
        const std::string body = "Pipeline report " + std::to_string(group) + ": gas flows " +
                                 std::string(static_cast<std::size_t>(group + 1), 'x') + " rose in zone " +
                                 std::to_string(group * 7) + ".";
        for (int copy = 0; copy <= group; ++copy)
            articles.push_back(make_article("g" + std::to_string(group) + "-" + std::to_string(copy),
                                            "Pipeline " + std::to_string(group), body));
    }
    const std::string wire = "Wire: gas pipeline gas pipeline gas pipeline talks.";
    for (int copy = 0; copy < 20; ++copy)
        articles.push_back(make_article("wire-" + std::to_string(copy), "Wire", wire));
    index_articles(path, articles);
    const Xapian::Database database = open_database({path});
    Searcher searcher(database, kEnglish);

    // Xapian's own collapse on the same query, for comparison.
    auto xapian_enquire = [&](const std::string& text) {
        QueryBuilder builder(database, kEnglish);
        Xapian::Enquire enquire(database);
        enquire.set_query(builder.parse(text));
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        enquire.set_collapse_key(schema::kSimHashSlot);
        return enquire;
    };
    auto xapian_collapsed = [&](const std::string& text, Xapian::doccount offset, Xapian::doccount limit) {
        std::vector<std::pair<std::string, Xapian::doccount>> hits;
        const Xapian::MSet matches = xapian_enquire(text).get_mset(offset, limit);
        for (auto it = matches.begin(); it != matches.end(); ++it)
            hits.emplace_back(decode_document_data(it.get_document().get_data()).id, it.get_collapse_count());
        return hits;
    };
    // The number of groups matching: the length of Xapian's whole collapsed ranking.
    auto groups_matching = [&](const std::string& text) {
        return xapian_enquire(text).get_mset(0, database.get_doccount()).size();
    };
    for (const auto& [text, offset, limit] : {std::tuple{"gas", 0u, 10u}, std::tuple{"gas", 3u, 4u},
                                              std::tuple{"pipeline report", 0u, 5u}, std::tuple{"zone", 0u, 20u}}) {
        INFO(text << " offset " << offset << " limit " << limit);
        SearchRequest request;
        request.query = text;
        request.ranking = Ranking::BM25;  // the order Xapian's match gives
        request.offset = offset;
        request.limit = limit;
        const auto results = searcher.search(request);
        std::vector<std::pair<std::string, Xapian::doccount>> hits;
        for (const auto& hit : results.hits) hits.emplace_back(hit.article.id, hit.duplicates);
        CHECK(hits == xapian_collapsed(text, offset, limit));
        const Xapian::doccount exact = groups_matching(text);
        CHECK(results.total_lower <= exact);
        CHECK(results.total_upper >= exact);
        CHECK(results.total_lower <= results.total);
        CHECK(results.total <= results.total_upper);
    }
    // When the window held every match, the count is exact: the 36 articles
    // with "zone" are eight groups.
    SearchRequest every;
    every.query = "zone";
    every.limit = 30;
    const auto all_seen = searcher.search(every);
    CHECK(groups_matching("zone") == 8);
    CHECK(all_seen.total == 8);
    CHECK(all_seen.total_lower == 8);
    CHECK(all_seen.total_upper == 8);
    // For "gas" the twenty wire copies rank first and fill the window of a
    // page of ten (compared with Xapian's above): one wire story shown.
    SearchRequest request;
    request.query = "gas";
    request.ranking = Ranking::BM25;
    const auto results = searcher.search(request);
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits.front().article.id.rfind("wire-", 0) == 0);
    CHECK(results.hits.front().duplicates >= 1);
    CHECK(std::count_if(results.hits.begin(), results.hits.end(),
                        [](const Hit& hit) { return hit.article.id.rfind("wire-", 0) == 0; }) == 1);
}

TEST_CASE("day numbers and compact dates convert both ways", "[search][recency]") {
    for (const std::string date : {"19700101", "19870226", "20000229", "20161231", "20240301", "21000101"}) {
        CHECK(compact_date_of_day(day_number(date)) == date);
    }
    CHECK(day_number("19700102") == 1);
    CHECK(compact_date_of_day(day_number("20231231") + 1) == "20240101");
}

TEST_CASE("synonyms expand the parsed query and keep its operators", "[search][synonyms]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    index_articles(path,
                   {
                       make_article("near", "Usa trade pact", "The usa trade pact was signed on Monday."),
                       make_article("phrase", "Talks in Washington", "The United States sent a delegation."),
                       make_article("far", "Harbour news", "Fishing boats returned. Later, trade resumed at the port."),
                   },
                   "usa = united states\n");
    Searcher searcher(open_database({path}), kEnglish);
    auto ids = [&](const std::string& query) {
        SearchRequest request;
        request.query = query;
        std::set<std::string> found;
        for (const auto& hit : searcher.search(request).hits) found.insert(hit.article.id);
        return found;
    };
    CHECK(ids("usa") == std::set<std::string>{"near", "phrase"});
    CHECK(ids("United States") == std::set<std::string>{"near", "phrase"});
    CHECK(ids("usa NEAR trade") == std::set<std::string>{"near"});
    CHECK(ids("usa AND trade") == std::set<std::string>{"near"});
    CHECK(ids("usa -trade") == std::set<std::string>{"phrase"});
    CHECK(ids("\"united states\"") == std::set<std::string>{"phrase"});  // quoted phrases are exact

    QueryBuilder builder(open_database({path}), kEnglish);
    const std::string parsed = builder.parse("usa trade").get_description();
    CHECK(parsed.find("SYNONYM") != std::string::npos);
    CHECK(parsed.find("united") != std::string::npos);
    CHECK(parsed.find("trade") != std::string::npos);
}

TEST_CASE("spelling correction is bounded in words and by the deadline", "[search][spelling]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    index_articles(path, {make_article("budget", "Budget talks", "The budget committee met the minister.")});
    const Xapian::Database database = open_database({path});
    const Xapian::Stem stemmer = make_stemmer(kEnglish.stemmer);
    CHECK(suggest_correction(database, stemmer, "buget") == "budget");

    // Twelve misspellings: only the first kMaxWordsCorrected are looked up.
    std::string query;
    for (int i = 0; i < 12; ++i) query += (i ? " " : "") + std::string("buget");
    const std::string corrected = suggest_correction(database, stemmer, query);
    std::size_t fixed = 0;
    for (std::size_t at = corrected.find("budget"); at != std::string::npos; at = corrected.find("budget", at + 1)) {
        ++fixed;
    }
    CHECK(fixed == kMaxWordsCorrected);

    // A search whose time is up suggests nothing more.
    CHECK(suggest_correction(database, stemmer, "buget", std::chrono::steady_clock::now()).empty());
}

TEST_CASE("title evidence favours short titles and whole-title matches, and bm25 adds none", "[search][ranking]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    std::vector<Article> articles{
        make_article("short", "Gas pipeline deal", "Talks ended on Monday."),
        make_article("long", "Gas pipeline deal signed after a long winter of talks in Ankara",
                     "Talks ended on Monday."),
        make_article("half", "Gas deal", "The pipeline talks ended on Monday."),
        make_article("none", "Monday talks", "A gas pipeline deal."),
    };
    // Words in every article have no idf, so none gets evidence: others without them.
    for (const std::string city : {"Ankara", "Baku", "Sofia", "Vienna"})
        articles.push_back(make_article(city, "News from " + city, "The mayor spoke."));
    index_articles(path, articles);
    Searcher searcher(open_database({path}), kEnglish);
    auto scores = [&](const std::string& query, Ranking ranking) {
        SearchRequest request;
        request.query = query;
        request.ranking = ranking;
        request.collapse = false;
        std::map<std::string, double> by_id;
        for (const auto& hit : searcher.search(request).hits) by_id[hit.article.id] = hit.score;
        return by_id;
    };
    // What the second pass adds to each article's BM25 score. Every one holds
    // both words, so their coverage is the same: the differences are titles'.
    const auto herald = scores("gas pipeline", Ranking::Herald);
    const auto bm25 = scores("gas pipeline", Ranking::BM25);
    REQUIRE(herald.size() == 4);
    REQUIRE(bm25.size() == 4);
    auto gain = [&](const std::string& id) { return herald.at(id) - bm25.at(id); };
    CHECK(gain("none") > 0);  // coverage alone
    CHECK(gain("short") > gain("long"));
    CHECK(gain("long") > gain("none"));
    CHECK(gain("half") > gain("none"));
    CHECK(gain("half") < gain("long"));  // the title holds one of the two words
    // A title with some of the words gains kPartialTitleShare of what they
    // would give it if they were all the query's words.
    const auto gas_herald = scores("gas", Ranking::Herald);
    const auto gas_bm25 = scores("gas", Ranking::BM25);
    const double gas_title_gain =
        (gas_herald.at("half") - gas_bm25.at("half")) - (gas_herald.at("none") - gas_bm25.at("none"));
    CHECK(gain("half") - gain("none") == Approx(kPartialTitleShare * gas_title_gain));

    // Ranked: the short whole-title match first, the article without the words in its title last.
    SearchRequest request;
    request.query = "gas pipeline";
    const auto hits = searcher.search(request).hits;
    REQUIRE(hits.size() == 4);
    CHECK(hits.front().article.id == "short");
    CHECK(hits.back().article.id == "none");
}

TEST_CASE("the second pass puts articles with more of the query's words first, and bm25 does not",
          "[search][ranking]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    std::vector<Article> articles{
        make_article("repeats", "Monday", "Pipeline. Pipeline, pipeline: the pipeline pipeline."),
        make_article("both", "Monday", "The pipeline talks went on late into the night in the capital city."),
    };
    // "talks" is common, so it weighs little in BM25.
    for (const std::string day :
         {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today"})
        articles.push_back(make_article(day, day, "Talks went on " + day + "."));
    index_articles(path, articles);
    Searcher searcher(open_database({path}), kEnglish);
    SearchRequest request;
    request.query = "pipeline talks";
    request.match = MatchMode::Any;  // only "both" holds every word
    auto ranked = [&] {
        std::vector<std::string> ids;
        for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.article.id);
        return ids;
    };
    request.ranking = Ranking::BM25;
    REQUIRE(ranked().size() == 10);
    CHECK(ranked().front() == "repeats");
    request.ranking = Ranking::Herald;
    const auto herald = ranked();
    REQUIRE(herald.size() == 10);
    CHECK(herald.front() == "both");
    CHECK(herald.at(1) == "repeats");
    // Scores follow the new order, and a page of it is a slice of it.
    const auto hits = searcher.search(request).hits;
    for (std::size_t i = 1; i < hits.size(); ++i) CHECK(hits[i - 1].score >= hits[i].score);
    request.offset = 1;
    request.limit = 2;
    const auto page = searcher.search(request).hits;
    REQUIRE(page.size() == 2);
    CHECK(page[0].article.id == herald[1]);
    CHECK(page[0].rank == 2);
    CHECK(page[1].article.id == herald[2]);
    CHECK(page[0].score == Approx(hits[1].score));
}

TEST_CASE("a plain query's words carry the terms they search", "[search][ranking][synonyms]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    index_articles(path, {make_article("a", "Trade", "Britain and the united states trade.")}, "uk = britain\n");
    QueryBuilder builder(open_database({path}), kEnglish);
    builder.parse("UK trading");
    const auto& words = builder.plain_query_words();
    REQUIRE(words.size() == 2);
    CHECK(words[0].text == "uk");
    CHECK(std::count(words[0].terms.begin(), words[0].terms.end(), "britain") == 1);
    CHECK(words[1].text == "trading");
    CHECK(std::count(words[1].terms.begin(), words[1].terms.end(), "Ztrade") == 1);
    builder.parse("uk OR trading");
    CHECK(builder.plain_query_words().empty());
}

TEST_CASE("only plain words get title evidence", "[search][ranking]") {
    const Xapian::Database database(shared_database());
    QueryBuilder builder(database, kEnglish);
    builder.parse("Gas pipelines");
    CHECK(builder.plain_words() == std::vector<std::string>{"gas", "pipelines"});
    for (const std::string query : {"gas OR pipelines", "title:gas pipelines", "\"gas pipelines\"", "gas -pipelines"}) {
        INFO(query);
        builder.parse(query);
        CHECK(builder.plain_words().empty());
    }
}

TEST_CASE("synonyms of names keep their name keys outside the synonym", "[search][synonyms][languages]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    index_articles(path,
                   {
                       make_article("exact", "vote", "On Thursday Britain voted."),
                       // Key "brtn": written as a name mid-sentence (a sentence's first word gets no key).
                       make_article("variant", "vote", "On Friday Brittain voted."),
                   },
                   "uk = britain\n");
    Searcher searcher(open_database({path}), kEnglish);
    SearchRequest request;
    request.query = "UK";
    std::vector<std::string> ranked;
    // Xapian cannot weigh a synonym over the keys' posting source: they sit beside it.
    REQUIRE_NOTHROW([&] {
        for (const auto& hit : searcher.search(request).hits) ranked.push_back(hit.article.id);
    }());
    CHECK(ranked == std::vector<std::string>{"exact", "variant"});
}

TEST_CASE("a common word sharing a name's key does not search by the key", "[search][languages]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    // "asylum" and "Islam" share the key "aslm"; Islam is written as a name
    // in more articles than asylum is written at all.
    const std::vector<std::string> places{"Texas", "Ohio", "Maine", "Idaho", "Iowa", "Utah"};
    std::vector<Article> articles;
    for (int i = 0; i < 4; ++i) {
        articles.push_back(make_article("asylum-" + std::to_string(i), "claims " + places[i],
                                        "The asylum claims rose in " + places[i] + " after the ruling."));
    }
    for (int i = 0; i < 6; ++i) {
        articles.push_back(make_article("islam-" + std::to_string(i), "faith " + places[i],
                                        "Scholars of Islam met in " + places[i] + " for a week."));
    }
    articles.push_back(make_article("zelensky", "talks", "On Monday Zelensky spoke."));
    articles.push_back(make_article("zelenskiy", "talks", "On Tuesday Zelenskiy spoke."));
    index_articles(path, articles);
    Searcher searcher(open_database({path}), kEnglish);
    SearchRequest request;
    request.query = "asylum";
    const SearchResults asylum = searcher.search(request);
    CHECK(asylum.hits.size() == 4);  // no Islam article through the shared key
    CHECK(asylum.name_variants == 0);
    request.query = "Zelensky";  // a name: its variant spelling still found
    std::vector<std::string> ranked;
    for (const auto& hit : searcher.search(request).hits) ranked.push_back(hit.article.id);
    CHECK(ranked == std::vector<std::string>{"zelensky", "zelenskiy"});
}

TEST_CASE("synonyms replace whole words only, never inside fields or joined words", "[search][synonyms]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    index_articles(path, {make_article("a", "Usa-china trade", "Covid-19 and the UK's vote.")},
                   "usa = united states\nuk = britain\ncovid = covid-19\n");
    QueryBuilder builder(open_database({path}), kEnglish);
    auto parsed = [&](const std::string& query) { return builder.parse(query).get_description(); };
    auto has = [](const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; };

    // A key joined to other characters belongs to its token: every word stays.
    const std::string joined = parsed("usa-china trade");
    CHECK(has(joined, "usa"));
    CHECK(has(joined, "china"));
    CHECK(has(joined, "trade"));
    CHECK_FALSE(has(joined, "united"));  // "usa" was not expanded
    CHECK(has(parsed("uk's vote"), "vote"));
    CHECK_NOTHROW(parsed("covid-19"));
    // Field values and field groups keep their field.
    CHECK_FALSE(has(parsed("tag:usa-politics"), "heraldsynonym"));
    const std::string titled = parsed("title:(usa trade)");
    CHECK(has(titled, "ZSusa"));
    CHECK_FALSE(has(titled, "united"));
    // An alternative with punctuation is the phrase the indexer made of it.
    const std::string covid = parsed("covid");
    CHECK(has(covid, "SYNONYM"));
    CHECK(has(covid, "PHRASE"));
    CHECK_FALSE(has(covid, "covid-19"));
    // A bracket after NEAR is still NEAR's operand; anything Xapian cannot do is the user's error.
    try {
        parsed("usa NEAR(trade)");
    } catch (const QueryError&) {
    }
    CHECK(has(parsed("+usa -britain"), "SYNONYM"));
}

TEST_CASE("query words match their exact form everywhere and stems in every archive language", "[search][languages]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    auto in_language = [](Article article, std::string language) {
        article.language = std::move(language);
        return article;
    };
    index_articles(path,
                   {
                       // Lower-case words: capitalised ones would also get name keys (tested below).
                       in_language(make_article("ru", "новые вакцины", "регулятор одобрил вакцины Moderna."), "ru"),
                       in_language(make_article("pl", "szczepionki", "firma Moderna dostarczyła dawki."), "pl"),
                       in_language(make_article("en", "new vaccines", "regulators approved vaccines."), "en"),
                   });
    Searcher searcher(open_database({path}), kEnglish);
    auto ids = [&](const std::string& query, const std::string& language) {
        SearchRequest request;
        request.query = query;
        request.language = language;
        std::set<std::string> found;
        for (const auto& hit : searcher.search(request).hits) found.insert(hit.article.id);
        return found;
    };
    // Polish has no Snowball stemmer: its articles meet the query by the exact word.
    CHECK(ids("moderna", "") == std::set<std::string>{"ru", "pl"});
    // A Russian word form meets the Russian article's stem although the query language is English...
    CHECK(ids("вакцина", "") == std::set<std::string>{"ru"});
    // ...unless stemming is narrowed to English.
    CHECK(ids("вакцина", "en").empty());
    CHECK(ids("vaccine", "en") == std::set<std::string>{"en"});
}

TEST_CASE("names match across inflection, transliteration and script, exact forms first", "[search][languages]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    auto in_language = [](Article article, std::string language) {
        article.language = std::move(language);
        return article;
    };
    index_articles(path, {
                             in_language(make_article("en", "talks", "President Zelensky spoke in Kyiv."), "en"),
                             in_language(make_article("uk", "заява", "Президент Зеленський заявив у Києві."), "uk"),
                             in_language(make_article("pl", "rozmowy", "Rozmowa z Zełenskim w stolicy Łotwy."), "pl"),
                             in_language(make_article("cs", "jednání", "Prezident Zelenskyj jednal v Kyjevě."), "cs"),
                             in_language(make_article("ru", "встреча", "Встреча с Трампом в Москве."), "ru"),
                             in_language(make_article("en2", "trade", "The trade talks went on."), "en"),
                         });
    Searcher searcher(open_database({path}), kEnglish);
    auto ranked = [&](const std::string& query) {
        SearchRequest request;
        request.query = query;
        std::vector<std::string> ids;
        for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.article.id);
        return ids;
    };
    const auto zelensky = ranked("zelensky");
    REQUIRE(zelensky.size() == 4);
    CHECK(zelensky.front() == "en");  // the exact form ranks above its variants
    CHECK(std::set<std::string>(zelensky.begin(), zelensky.end()) == std::set<std::string>{"en", "uk", "pl", "cs"});
    CHECK(ranked("Trump") == std::vector<std::string>{"ru"});  // Latin query, Cyrillic inflected article
    CHECK(ranked("Łotwa") == std::vector<std::string>{"pl"});  // Polish base form meets "Łotwy"
    CHECK(ranked("lotwa") == std::vector<std::string>{"pl"});

    // Snippets mark the forms that matched: inflected, transliterated, variant spellings.
    auto snippets = [&](const std::string& query) {
        SearchRequest request;
        request.query = query;
        std::map<std::string, std::string> by_id;
        for (const auto& hit : searcher.search(request).hits) by_id[hit.article.id] = snippet_html(hit.snippet);
        return by_id;
    };
    const auto marked = snippets("zelensky");
    CHECK_THAT(marked.at("en"), Catch::Contains("<b>Zelensky</b>"));
    CHECK_THAT(marked.at("uk"), Catch::Contains("<b>Зеленський</b>"));
    CHECK_THAT(marked.at("pl"), Catch::Contains("<b>Zełenskim</b>"));
    CHECK_THAT(marked.at("cs"), Catch::Contains("<b>Zelenskyj</b>"));
    CHECK_THAT(snippets("Trump").at("ru"), Catch::Contains("<b>Трампом</b>"));
    CHECK_THAT(snippets("Łotwa").at("pl"), Catch::Contains("<b>Łotwy</b>"));
}

TEST_CASE("an archive writes Cyrillic when it holds a language written in it", "[search][languages]") {
    TempDir dir;
    const std::string english = (dir / "en").string(), mixed = (dir / "mixed").string();
    index_articles(english, {make_article("a", "Putin visit", "A quoted word: Путин.")});
    auto russian = make_article("b", "Визит Путина", "Президент России прибыл в Анкару.");
    russian.language = "ru";
    index_articles(mixed, {make_article("a", "Putin visit", "The president arrived."), russian});
    CHECK_FALSE(archive_writes_cyrillic(Xapian::Database(english)));
    CHECK(archive_writes_cyrillic(Xapian::Database(mixed)));
    // Only there does a Latin query word also search its Cyrillic form.
    auto searched_terms = [](const std::string& path) {
        QueryBuilder builder(open_database({path}), kEnglish);
        builder.parse("putin visit");
        return builder.plain_query_words().at(0).terms;
    };
    const auto in_english = searched_terms(english), in_mixed = searched_terms(mixed);
    // The English archive holds the word "путин", but no language written in Cyrillic.
    CHECK(std::count(in_english.begin(), in_english.end(), "путин") == 0);
    // The form's Russian stem: the article writes "Путина".
    CHECK(std::count(in_mixed.begin(), in_mixed.end(), "Zпутин") == 1);
}

TEST_CASE("query words have forms in the other script", "[search][languages]") {
    CHECK(script_forms("путин") == std::vector<std::string>{"putin"});
    CHECK(script_forms("putin") == std::vector<std::string>{"путин"});
    CHECK(script_forms("αθηνα") == std::vector<std::string>{"athena"});
    CHECK(script_forms("2016").empty());
    CHECK(script_forms("北京").empty());
}

namespace {

// Articles that all match "budget", with distinct texts but for `copies`
// exact copies of the first (other ids, same text: one SimHash).
std::vector<Article> budget_articles(int count, int copies) {
    std::vector<Article> articles;
    for (int i = 0; i < count; ++i) {
        std::string body = "The budget";
        for (int k = 0; k < 12; ++k) body += " w" + std::to_string(i * 31 + k);
        for (int k = 0; k < i % 5; ++k) body += " budget";
        articles.push_back(make_article("b" + std::to_string(i), "Budget news " + std::to_string(i), body, "Src",
                                        "2016-01-" + std::to_string(10 + i % 18)));
    }
    for (int c = 0; c < copies; ++c) {
        Article copy = articles.front();
        copy.id = "copy" + std::to_string(c);
        articles.push_back(copy);
    }
    return articles;
}

std::vector<std::string> exported_ids(const FullRanking& ranking) {
    std::vector<std::string> out;
    Xapian::doccount expected_rank = 0;
    ranking.visit([&](const Hit& hit) {
        REQUIRE(hit.rank == ++expected_rank);
        REQUIRE_FALSE(hit.article.title.empty());
        out.push_back(hit.article.id);
    });
    return out;
}

}  // namespace

TEST_CASE("rank_all: every match once, copies folded, in the order search pages give", "[search][export]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    index_articles(db, budget_articles(60, 3));
    for (const auto sort : {SortOrder::Relevance, SortOrder::DateDescending, SortOrder::DateAscending}) {
        for (const bool collapse : {true, false}) {
            Searcher searcher(open_database({db}), kEnglish);
            SearchRequest request;
            request.query = "budget";
            request.sort = sort;
            request.collapse = collapse;
            std::vector<std::string> paged;
            for (request.offset = 0; request.offset < 100; request.offset += 7) {
                request.limit = 7;
                for (const auto& hit : searcher.search(request).hits) paged.push_back(hit.article.id);
            }
            request.offset = 0;
            const std::vector<std::string> all = exported_ids(searcher.rank_all(request, 1000000));
            INFO("sort " << static_cast<int>(sort) << " collapse " << collapse);
            REQUIRE(all.size() == (collapse ? 60u : 63u));  // 60, and 3 copies of the first folded into it
            REQUIRE(all == paged);
            REQUIRE(std::set<std::string>(all.begin(), all.end()).size() == all.size());
        }
    }
}

TEST_CASE("rank_all: a cap cuts the ranking and says so", "[search][export]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    index_articles(db, budget_articles(30, 0));
    Searcher searcher(open_database({db}), kEnglish);
    SearchRequest request;
    request.query = "budget";
    request.limit = 30;
    const std::vector<std::string> page = ranked_ids(searcher.search(request));
    for (Xapian::doccount cap = 1; cap < 30; ++cap) {
        const FullRanking cut = searcher.rank_all(request, cap);
        INFO("cap " << cap);
        REQUIRE(cut.truncated());
        REQUIRE(cut.size() == cap);
        REQUIRE(exported_ids(cut) == std::vector<std::string>(page.begin(), page.begin() + cap));
    }
    const FullRanking exact = searcher.rank_all(request, 30);
    REQUIRE_FALSE(exact.truncated());
    REQUIRE(exported_ids(exact) == page);
    request.query = "nosuchword";
    REQUIRE(searcher.rank_all(request, 10).size() == 0);
    request.query = "";
    REQUIRE_THROWS_AS(searcher.rank_all(request, 10), QueryError);
}

// --- all words or any (query_units.hpp) -------------------------------------------------------

TEST_CASE("all_units_text: units required, stopwords and given names optional, operators kept", "[search][match]") {
    UnitRules rules;
    std::set<std::size_t> stopwords;
    std::set<std::pair<std::size_t, std::size_t>> names;
    rules.is_stopword = [&](std::size_t n) { return stopwords.count(n) > 0; };
    rules.one_name = [&](std::size_t a, std::size_t b) { return names.count({a, b}) > 0; };
    rules.is_filter_field = [](std::string_view field) { return field == "source" || field == "date"; };

    CHECK(all_units_text("heraldword:0 heraldword:1", rules).text == "+heraldword:0 +heraldword:1");
    stopwords = {1};
    CHECK(all_units_text("heraldword:0 heraldword:1 heraldword:2", rules).text ==
          "+heraldword:0 heraldword:1 +heraldword:2");
    // Nothing but stopwords: they are the units.
    CHECK(all_units_text("heraldword:1", rules).text == "+heraldword:1");
    stopwords.clear();
    names = {{0, 1}};
    CHECK(all_units_text("heraldword:0 heraldword:1 heraldword:2", rules).text ==
          "heraldword:0 +heraldword:1 +heraldword:2");
    names.clear();
    // Phrases and fields are units; filters, signed words and date ranges are left as typed.
    const AllUnitsText mixed =
        all_units_text("heraldword:0 source:fox -heraldword:1 \"trade war\" title:tariff date:2016..2017", rules);
    CHECK(mixed.text == "+heraldword:0 source:fox -heraldword:1 +\"trade war\" +title:tariff date:2016..2017");
    CHECK_FALSE(mixed.default_and);
    // Explicit operators or brackets keep their meaning; words beside them are joined by AND.
    for (const std::string text : {"heraldword:0 OR heraldword:1", "heraldword:0 (heraldword:1 OR heraldword:2)",
                                   "heraldword:0 NEAR/3 heraldword:1", "heraldword:0 NOT heraldword:1"}) {
        const AllUnitsText kept = all_units_text(text, rules);
        CHECK(kept.text == text);
        CHECK(kept.default_and);
    }
}

TEST_CASE("typed_case: capitalised and all-capital words, folded", "[search][match]") {
    const TypedCase typed = typed_case("Władimir Putin met the US envoy and WHO staff in kyiv");
    CHECK(typed.capitalised == std::set<std::string>{"wladimir", "putin", "us", "who"});
    CHECK(typed.all_capitals == std::set<std::string>{"us", "who"});
}

namespace {

// Five articles name Vladimir Putin, three of them by surname alone, one
// names another Vladimir, and pipeline/talks articles hold one word or both.
std::vector<Article> match_mode_articles() {
    std::vector<Article> articles{
        make_article("full-1", "Kremlin talks", "On Monday Vladimir Putin met envoys. Later Putin spoke."),
        make_article("full-2", "Summit", "Officials said Vladimir Putin would attend, and Putin did."),
        make_article("surname-1", "Gas deal", "The deal was signed by Putin in Moscow."),
        make_article("surname-2", "Grain", "Exports rose, and Putin praised farmers."),
        make_article("surname-3", "Visit", "A visit by Putin to Ankara ended early."),
        make_article("other-vladimir", "Chess", "The champion, Vladimir Kramnik, won again."),
        make_article("both", "Pipeline talks", "The pipeline talks went on late."),
        make_article("pipeline-only", "Pipeline", "A pipeline burst near the river."),
        make_article("talks-only", "Talks", "Budget talks ended on Friday."),
    };
    return articles;
}

std::vector<std::string> sorted_ids(const SearchResults& results) {
    std::vector<std::string> ids;
    for (const auto& hit : results.hits) ids.push_back(hit.article.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("Searcher: every unit by default, any word on request or when none has them all", "[search][match]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    index_articles(db, match_mode_articles());
    Searcher searcher(open_database({db}), kEnglish);
    SearchRequest request;
    request.facets = {"source"};  // counts the total exactly

    request.query = "pipeline talks";
    SearchResults all = searcher.search(request);
    CHECK(all.match == MatchMode::All);
    CHECK_FALSE(all.fell_back);
    CHECK(all.total == 1);
    CHECK(results_to_json(all)["match"] == "all");
    // Ranked by relevance, the list goes on past the one article with every
    // word to those with some, flagged and not counted.
    REQUIRE(all.hits.size() == 4);
    CHECK(all.hits[0].article.id == "both");
    CHECK(all.hits[0].all_words == true);
    for (std::size_t i = 1; i < all.hits.size(); ++i) CHECK(all.hits[i].all_words == false);
    CHECK(results_to_json(all)["results"][1]["all_words"] == false);
    // Newest first, the list is the counted set alone.
    request.sort = SortOrder::DateDescending;
    CHECK(sorted_ids(searcher.search(request)) == std::vector<std::string>{"both"});
    request.sort = SortOrder::Relevance;
    // A page past the article with every word holds only articles with some.
    request.offset = 1;
    request.limit = 2;
    const SearchResults second = searcher.search(request);
    REQUIRE(second.hits.size() == 2);
    CHECK(second.hits[0].article.id == all.hits[1].article.id);
    CHECK(second.hits[1].article.id == all.hits[2].article.id);
    request.offset = 0;
    request.limit = 10;

    request.match = MatchMode::Any;
    const SearchResults any = searcher.search(request);
    CHECK(any.match == MatchMode::Any);
    CHECK(any.total == 4);  // both, pipeline-only, talks-only and full-1's "Kremlin talks"
    CHECK(results_to_json(any)["match"] == "any");
    CHECK_FALSE(any.hits.front().all_words.has_value());

    // A stopword is not a unit: "of" appears in no article.
    request.match = MatchMode::All;
    request.query = "pipeline of talks";
    CHECK(searcher.search(request).total == 1);

    // No article holds every word: any word, flagged.
    request.query = "pipeline zzyzx";
    const SearchResults fell_back = searcher.search(request);
    CHECK(fell_back.match == MatchMode::Any);
    CHECK(fell_back.fell_back);
    CHECK(sorted_ids(fell_back) == std::vector<std::string>{"both", "pipeline-only"});
    REQUIRE_FALSE(fell_back.warnings.empty());
    CHECK(fell_back.warnings.back().find("no article has all the words") != std::string::npos);

    // Both totals, for the page.
    request.query = "pipeline talks";
    request.count_other_match = true;
    const SearchResults both = searcher.search(request);
    REQUIRE(both.match_totals);
    CHECK(both.match_totals->all == 1);
    CHECK(both.match_totals->any == 4);
    CHECK(results_to_json(both)["match_totals"]["any"] == 4);

    // Explicit operators keep their meaning in both modes.
    request.query = "pipeline OR talks";
    CHECK(searcher.search(request).total == 4);
    request.query = "pipeline AND talks";
    request.match = MatchMode::Any;
    CHECK(searcher.search(request).total == 1);

    // Exports and compare follow the same set.
    request.match = MatchMode::All;
    request.query = "pipeline talks";
    CHECK(exported_ids(searcher.rank_all(request, 100)) == std::vector<std::string>{"both"});
    const Comparison compared = searcher.compare(request, {"pipeline talks", "pipeline zzyzx"});
    CHECK(compared.timelines.at(0).total() == 1);
    CHECK(compared.timelines.at(1).total() == 2);
}

TEST_CASE("Searcher: a typed name is one unit its surname satisfies", "[search][match]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    index_articles(db, match_mode_articles());
    Searcher searcher(open_database({db}), kEnglish);
    SearchRequest request;
    request.limit = 20;
    request.query = "Vladimir Putin";
    request.facets = {"source"};               // counts the total exactly
    request.sort = SortOrder::DateDescending;  // lists the counted set alone
    const SearchResults name = searcher.search(request);
    CHECK(name.match == MatchMode::All);
    CHECK(sorted_ids(name) == std::vector<std::string>{"full-1", "full-2", "surname-1", "surname-2", "surname-3"});
    CHECK(name.total == 5);
    // By relevance the two articles with the whole name rank first.
    request.sort = SortOrder::Relevance;
    const SearchResults ranked = searcher.search(request);
    REQUIRE(ranked.hits.size() == 6);  // and other-vladimir, with some of the words
    CHECK(ranked.hits.back().article.id == "other-vladimir");
    CHECK(ranked.hits.back().all_words == false);
    CHECK(std::set<std::string>{ranked.hits[0].article.id, ranked.hits[1].article.id} ==
          std::set<std::string>{"full-1", "full-2"});
    // Typed in lower case it is two words, both needed.
    request.sort = SortOrder::DateDescending;
    request.query = "vladimir putin";
    CHECK(sorted_ids(searcher.search(request)) == std::vector<std::string>{"full-1", "full-2"});
    // Two names the archive never writes together are two units.
    request.query = "Vladimir Kramnik";
    CHECK(sorted_ids(searcher.search(request)) == std::vector<std::string>{"other-vladimir"});
    request.query = "Kramnik Putin";
    CHECK(searcher.search(request).fell_back);
}
