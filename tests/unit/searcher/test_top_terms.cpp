// Top terms (searcher/analysis/top_terms.hpp): the JLH score, stopwords,
// the foreground counts of words and phrases, phrase frequencies in the
// archive, readable forms, and the whole path through Searcher, JSON, the
// parameters and the HTML page.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/shards.hpp"
#include "common/text.hpp"
#include "indexer/store/index_writer.hpp"
#include "searcher/query/stopwords.hpp"
#include "searcher/analysis/top_terms.hpp"
#include "searcher/match/searcher.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/query/search_params.hpp"
#include "searcher/web/html_page.hpp"
#include "searcher/web/web_app.hpp"
#include "searcher/web/worker_session.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::TempDir;

namespace {

const Language kEnglish{"en", "english"};

Article article(std::string id, std::string title, std::string body, std::string language = "en") {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.language = std::move(language);
    return a;
}

void index_articles(const std::string& path, const std::vector<Article>& articles) {
    IndexWriter writer(path, kEnglish);
    std::vector<std::string> warnings;
    for (const auto& a : articles) writer.upsert(a, warnings);
    writer.commit();
    REQUIRE(warnings.empty());
}

// Eight articles on steel tariffs and soybean farmers (each worded a little
// differently, so no two are near-duplicates) among forty on other things.
std::vector<Article> tariff_archive() {
    std::vector<Article> articles;
    const std::vector<std::string> openings{"On Monday",  "Late on Tuesday", "This week",   "In Washington",
                                            "At a rally", "In a statement",  "Before dawn", "After the vote"};
    const std::vector<std::string> verbs{"said", "warned", "feared", "wrote", "argued", "claimed", "added", "replied"};
    for (std::size_t i = 0; i < openings.size(); ++i) {
        articles.push_back(article("tariff-" + std::to_string(i),
                                   "Steel tariffs hit " + std::to_string(i + 2) + " states",
                                   openings[i] +
                                       " the president announced new steel tariffs on imports, and the "
                                       "Soybean Farmers " +
                                       verbs[i] +
                                       " their exports would suffer. Ruth Bader Ginsburg listened. "
                                       "Report number " +
                                       std::to_string(i * 7919) + " followed."));
    }
    const std::vector<std::string> topics{"school budget",  "city council", "weather service", "football club",
                                          "museum opening", "rail strike",  "hospital staff",  "film festival",
                                          "bridge repairs", "water supply"};
    for (std::size_t i = 0; i < 40; ++i) {
        const std::string& topic = topics[i % topics.size()];
        articles.push_back(article("other-" + std::to_string(i), "News about the " + topic + " " + std::to_string(i),
                                   "The president of the " + topic + " announced changes " + std::to_string(i) +
                                       " times, and residents said they would wait and see what happens next."));
    }
    return articles;
}

const std::string& tariff_database() {
    static TempDir dir;
    static const std::string path = [] {
        const std::string db = (dir / "db").string();
        index_articles(db, tariff_archive());
        return db;
    }();
    return path;
}

bool has_term(const std::vector<TopTerm>& terms, const std::string& text) {
    return std::any_of(terms.begin(), terms.end(), [&](const TopTerm& term) { return term.term == text; });
}

}  // namespace

TEST_CASE("top terms: JLH weighs foreground share against background share", "[top_terms]") {
    // 50 of 100 matches, 100 of 10000 articles: (0.5 - 0.01) * (0.5 / 0.01).
    REQUIRE(jlh_score(50, 100, 100, 10000) == Approx(24.5));
    // As common in the matches as in the archive: not significant.
    REQUIRE(jlh_score(10, 100, 1000, 10000) == 0);
    REQUIRE(jlh_score(5, 100, 1000, 10000) == 0);
    REQUIRE(jlh_score(5, 0, 10, 100) == 0);
    REQUIRE(jlh_score(5, 10, 0, 100) == 0);
    // Rarer in the archive at the same foreground count scores higher.
    REQUIRE(jlh_score(20, 100, 50, 10000) > jlh_score(20, 100, 500, 10000));
    // More of the foreground at the same background scores higher.
    REQUIRE(jlh_score(40, 100, 500, 10000) > jlh_score(20, 100, 500, 10000));
}

TEST_CASE("top terms: stopwords of each language, folded like the index", "[top_terms][stopwords]") {
    for (const char* code : {"en", "ru", "uk", "bg", "pl", "cs", "sl", "de", "fr"}) {
        INFO(code);
        REQUIRE(stopwords(code).size() > 50);
    }
    REQUIRE(is_stopword("en", "the"));
    REQUIRE(is_stopword("en", "would"));
    REQUIRE(is_stopword("en", "don't"));
    REQUIRE_FALSE(is_stopword("en", "tariffs"));
    REQUIRE(is_stopword("ru", "и"));
    REQUIRE(is_stopword("ru", "мои"));  // "мой", folded as the index folds it
    REQUIRE(is_stopword("uk", "також"));
    REQUIRE(is_stopword("bg", "като"));
    REQUIRE(is_stopword("pl", "oraz"));
    REQUIRE(is_stopword("cs", "ktery"));  // "který"
    REQUIRE(is_stopword("sl", "ker"));
    REQUIRE_FALSE(is_stopword("ru", "путин"));
    REQUIRE_FALSE(is_stopword("en", "и"));  // a Russian stopword is not an English one
    REQUIRE(stopwords("xx").empty());
    const auto& languages = stopword_languages();
    for (const char* code : {"bg", "cs", "en", "pl", "ru", "sl", "uk"}) {
        REQUIRE(std::find(languages.begin(), languages.end(), code) != languages.end());
    }
}

TEST_CASE("top terms: readable forms keep capitals only when writers do", "[top_terms]") {
    // Each form added `count` times; the strings outlive the forms that point into them.
    auto readable = [](const std::vector<std::pair<std::string, unsigned>>& forms) {
        WrittenForms written;
        for (const auto& [form, count] : forms) {
            for (unsigned i = 0; i < count; ++i) written.add(form);
        }
        return written.readable();
    };
    REQUIRE(readable({{"Tariffs", 2}, {"tariffs", 7}}) == "tariffs");
    REQUIRE(readable({{"Tariffs", 5}, {"tariffs", 3}}) == "tariffs");  // a third in lower case is enough
    REQUIRE(readable({{"Tariffs", 7}, {"tariffs", 3}}) == "Tariffs");
    REQUIRE(readable({{"Supreme Court", 9}, {"supreme court", 1}}) == "Supreme Court");
    REQUIRE(readable({{"TRUMP", 2}, {"Trump", 10}}) == "Trump");
    REQUIRE(readable({{"Trump", 10}, {"TRUMP", 2}}) == "Trump");
    REQUIRE(readable({{"Зеленський", 4}}) == "Зеленський");
    REQUIRE(readable({{"Україна", 1}, {"УКРАЇНА", 1}, {"україна", 1}}) == "україна");
    REQUIRE(readable({{"Łotwa", 3}}) == "Łotwa");  // accents as written, not folded
    REQUIRE(readable({{"White\u00A0House", 2}, {"White  House", 2}}) == "White House");
    REQUIRE(readable({}).empty());
}

TEST_CASE("top terms: the foreground counts articles, words and adjacent pairs", "[top_terms]") {
    const std::string title = "Border wall funding";
    const std::string body =
        "The border wall, the Supreme Court and the wall. Trump's 2019 plan: a wall\nfunding bill.";
    const std::string title2 = "Supreme Court rules";
    const std::string body2 = "The Supreme Court ruled on the border wall.";
    ForegroundCounter counter;
    counter.add_article({title, body}, "en");
    counter.add_article({title2, body2}, "en");
    REQUIRE(counter.articles() == 2);
    REQUIRE(counter.word("wall")->articles == 2);  // once per article, however often
    REQUIRE(counter.word("wall")->forms.occurrences() == 5);
    REQUIRE(counter.word("wall")->forms.readable() == "wall");
    REQUIRE(counter.word("supreme")->articles == 2);
    REQUIRE(counter.word("supreme")->forms.readable() == "Supreme");
    REQUIRE(counter.word("the") == nullptr);      // stopword
    REQUIRE(counter.word("trump's") == nullptr);  // possessive
    REQUIRE(counter.word("2019") == nullptr);     // number
    REQUIRE(counter.word("a") == nullptr);
    REQUIRE(counter.pair("border", "wall")->articles == 2);
    REQUIRE(counter.pair("border", "wall")->forms.readable() == "border wall");
    REQUIRE(counter.pair("supreme", "court")->articles == 2);
    REQUIRE(counter.pair("supreme", "court")->forms.readable() == "Supreme Court");
    // The title's; in the body a line break stands between them.
    REQUIRE(counter.pair("wall", "funding")->articles == 1);
    REQUIRE(counter.pair("wall", "funding")->forms.occurrences() == 1);
    REQUIRE(counter.pair("wall", "supreme") == nullptr);     // a comma and a stopword between
    REQUIRE(counter.pair("court", "wall") == nullptr);       // a stopword between
    REQUIRE(counter.pair("funding", "supreme") == nullptr);  // title and body are separate texts
    REQUIRE(counter.pair("court", "rules") != nullptr);
    REQUIRE(counter.pair("rules", "supreme") == nullptr);
    std::size_t pairs = 0;
    counter.for_each_pair([&](const std::string&, const std::string&, const ForegroundCounter::Entry&) { ++pairs; });
    std::size_t words = 0;
    counter.for_each_word([&](const std::string& word, const ForegroundCounter::Entry&) {
        ++words;
        REQUIRE_FALSE(is_stopword("en", word));
    });
    REQUIRE(pairs >= 4);
    REQUIRE(words >= 8);
}

TEST_CASE("top terms: an article is read up to a number of words, title first", "[top_terms]") {
    const std::string title = "Alpha beta";
    const std::string body = "gamma, the delta epsilon";
    ForegroundCounter counter;
    counter.add_article({title, body}, "en", 4);  // "the" is read, not counted
    REQUIRE(counter.word("alpha") != nullptr);
    REQUIRE(counter.word("gamma") != nullptr);
    REQUIRE(counter.word("epsilon") == nullptr);
    REQUIRE(counter.word("delta") == nullptr);
    ForegroundCounter all;
    all.add_article({title, body}, "en");
    REQUIRE(all.word("epsilon") != nullptr);
    REQUIRE(all.pair("delta", "epsilon") != nullptr);
    ForegroundCounter titles_only;
    titles_only.add_article({title, body}, "en", 2);
    REQUIRE(titles_only.word("beta") != nullptr);
    REQUIRE(titles_only.word("gamma") == nullptr);
}

TEST_CASE("top terms: the pair table grows past its first size and keeps every pair", "[top_terms]") {
    // 100,000 words drawn from 2,000: about as many distinct pairs, past the 65,536 the table starts with.
    std::vector<std::string> vocabulary;
    for (int i = 0; i < 2000; ++i) vocabulary.push_back("w" + std::to_string(i) + "x");
    std::string text;
    std::set<std::pair<std::string, std::string>> expected;
    std::uint64_t state = 42;
    std::string previous;
    for (int i = 0; i < 100000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const std::string& word = vocabulary[(state >> 33) % vocabulary.size()];
        text += word + " ";
        if (!previous.empty()) expected.emplace(previous, word);
        previous = word;
    }
    ForegroundCounter counter;
    counter.add_article({text}, "en");
    std::size_t pairs = 0, unexpected = 0, missing = 0;
    counter.for_each_pair([&](const std::string& first, const std::string& second, const ForegroundCounter::Entry&) {
        ++pairs;
        unexpected += expected.count({first, second}) == 0;
    });
    for (const auto& [first, second] : expected) missing += counter.pair(first, second) == nullptr;
    REQUIRE(expected.size() > 70000);
    REQUIRE(pairs == expected.size());
    REQUIRE(unexpected == 0);
    REQUIRE(missing == 0);
    REQUIRE(counter.pair("w1x", "nothing") == nullptr);
}

TEST_CASE("top terms: stopwords follow the article's language, query words are left out", "[top_terms]") {
    const std::string russian = "Он сказал, что стена и граница важны.";
    const std::string english = "Border wall and wall funding. The border patrol.";
    ForegroundCounter counter({"wall"});
    counter.add_article({russian}, "ru");
    counter.add_article({english}, "en");
    REQUIRE(counter.word("и") == nullptr);
    REQUIRE(counter.word("что") == nullptr);
    REQUIRE(counter.word("он") == nullptr);
    REQUIRE(counter.word("стена")->articles == 1);
    REQUIRE(counter.word("стена")->forms.readable() == "стена");
    REQUIRE(counter.word("wall") == nullptr);  // the query's word
    REQUIRE(counter.word("border")->articles == 1);
    // Nor in phrases: the top terms are what is said besides the query.
    REQUIRE(counter.pair("border", "wall") == nullptr);
    REQUIRE(counter.pair("wall", "funding") == nullptr);
    REQUIRE(counter.pair("border", "patrol")->articles == 1);
    // "and" is an English stopword, not a Russian one ("и" is).
    const std::string mixed = "стена and граница";
    ForegroundCounter by_language;
    by_language.add_article({mixed}, "ru");
    REQUIRE(by_language.word("and") != nullptr);
}

TEST_CASE("top terms: phrase frequencies count adjacent words in the archive", "[top_terms]") {
    TempDir dir;
    const std::string path = (dir / "db").string();
    index_articles(path, {
                             article("a", "One", "They built a border wall last year."),
                             article("b", "Two", "The wall at the border was old."),
                             article("c", "Three", "Border wall plans and more border wall talk."),
                             article("d", "Four", "Nothing here."),
                         });
    const Xapian::Database database(path);
    REQUIRE(phrase_frequency(database, "border", "wall") == 2);
    REQUIRE(phrase_frequency(database, "wall", "border") == 0);
    REQUIRE(phrase_frequency(database, "border", "nothing") == 0);
    REQUIRE(phrase_frequency(database, "wall", "plans") == 1);
}

TEST_CASE("top terms: term frequencies by lookups or in one match agree", "[top_terms]") {
    const Xapian::Database database(tariff_database());
    const std::vector<std::string> terms{"soybean", "president", "steel", "nowhere-to-be-found", "Ssteel"};
    const auto looked_up = term_frequencies(database, terms, false);
    const auto in_one_match = term_frequencies(database, terms, true);
    REQUIRE(looked_up == in_one_match);
    REQUIRE(looked_up.at("soybean") == 8);
    REQUIRE(looked_up.at("president") == 48);
    REQUIRE(looked_up.at("nowhere-to-be-found") == 0);
    REQUIRE(looked_up.at("Ssteel") == 8);  // the title term
    REQUIRE(term_frequencies(database, {}, true).empty());
}

TEST_CASE("top terms: the matches' topic words and phrases, as written, without stopwords", "[top_terms]") {
    const Xapian::Database database(tariff_database());
    TopTermsRequest request;
    request.wanted = 40;  // every term of the eight articles is theirs alone: many tie
    request.excluded = {"tariffs"};
    const TopTerms top = find_top_terms(database, Xapian::Query("tariffs"), request);
    REQUIRE(top.foreground == 8);
    REQUIRE(top.warnings.empty());
    REQUIRE_FALSE(top.terms.empty());
    std::vector<std::string> texts;
    for (const auto& term : top.terms) texts.push_back(term.term);
    INFO(Catch::StringMaker<std::vector<std::string>>::convert(texts));
    REQUIRE(has_term(top.terms, "Soybean Farmers"));      // written with capitals every time
    REQUIRE_FALSE(has_term(top.terms, "tariffs"));        // the query's word
    REQUIRE_FALSE(has_term(top.terms, "steel tariffs"));  // nor in a phrase
    // "soybean" and "farmers" only ever occur together: the phrase stands for them.
    REQUIRE_FALSE(has_term(top.terms, "soybean"));
    REQUIRE_FALSE(has_term(top.terms, "Soybean"));
    for (const auto& term : top.terms) {
        INFO(term.term);
        REQUIRE(term.count >= 2);
        REQUIRE(term.count <= 8);
        REQUIRE(term.score > 0);
        REQUIRE_FALSE((term.term.front() >= 'A' && term.term.front() <= 'Z' && term.term.size() > 1 &&
                       term.term[1] >= 'A' && term.term[1] <= 'Z'));  // no prefixed terms ("ZSsteel")
        REQUIRE_FALSE(term.term == "president");                      // as common outside the matches
        for (const char* stop : {"the", "and", "on", "would", "their"}) REQUIRE(term.term != stop);
    }
    // "Ruth Bader" and "Bader Ginsburg" are one name: one phrase stands for it.
    REQUIRE(std::count_if(top.terms.begin(), top.terms.end(),
                          [](const TopTerm& term) { return term.term.find("Bader") != std::string::npos; }) == 1);
    // Most significant first.
    for (std::size_t i = 1; i < top.terms.size(); ++i) REQUIRE(top.terms[i - 1].score >= top.terms[i].score);
    // The count of an exact phrase is its number of matching articles.
    for (const auto& term : top.terms) {
        if (term.term == "Soybean Farmers") REQUIRE(term.count == 8);
    }
}

TEST_CASE("top terms: frequencies remembered for a revision are used and change nothing", "[top_terms]") {
    const Xapian::Database database(tariff_database());
    TopTermsRequest request;
    request.wanted = 40;
    request.excluded = {"tariffs"};
    const TopTerms looked_up = find_top_terms(database, Xapian::Query("tariffs"), request);
    request.remembered = std::make_shared<ArchiveFrequencies>();
    const TopTerms cold = find_top_terms(database, Xapian::Query("tariffs"), request);
    REQUIRE(request.remembered->keys() > 0);
    REQUIRE(request.remembered->bytes() > 0);
    const std::size_t keys = request.remembered->keys();
    const TopTerms warm = find_top_terms(database, Xapian::Query("tariffs"), request);
    REQUIRE(request.remembered->keys() == keys);  // nothing new to look up
    for (const TopTerms* top : {&cold, &warm}) {
        REQUIRE(top->terms.size() == looked_up.terms.size());
        for (std::size_t i = 0; i < top->terms.size(); ++i) {
            REQUIRE(top->terms[i].term == looked_up.terms[i].term);
            REQUIRE(top->terms[i].count == looked_up.terms[i].count);
            REQUIRE(top->terms[i].score == Approx(looked_up.terms[i].score));
        }
    }
    // What is remembered is what counts: the best term, remembered as held
    // by every article of the archive, is no longer significant.
    REQUIRE(request.remembered->find({"president"}).at("president") == 48);
    std::string best = looked_up.terms.front().term;
    std::transform(best.begin(), best.end(), best.begin(), [](char c) { return fold_ascii(c); });
    auto poisoned = std::make_shared<ArchiveFrequencies>();
    poisoned->remember({{best, database.get_doccount()}});
    request.remembered = poisoned;
    const TopTerms fooled = find_top_terms(database, Xapian::Query("tariffs"), request);
    REQUIRE_FALSE(fooled.terms.empty());
    REQUIRE_FALSE(has_term(fooled.terms, looked_up.terms.front().term));
    REQUIRE(ArchiveFrequencies::key("white", "house") == "white house");
}

TEST_CASE("top terms: word numbers find every word given one, past their first size", "[top_terms]") {
    WordNumbers numbers(4);
    std::vector<std::string> words;
    for (std::uint32_t i = 0; i < 5000; ++i) words.push_back("w" + std::to_string(i * 7919));
    for (std::uint32_t i = 0; i < words.size(); ++i) {
        REQUIRE(numbers.find(words[i]) == nullptr);
        numbers.insert(words[i], i);
    }
    for (std::uint32_t i = 0; i < words.size(); ++i) {
        const std::uint32_t* number = numbers.find(words[i]);
        REQUIRE(number != nullptr);
        REQUIRE(*number == i);
    }
    REQUIRE(numbers.find("w1") == nullptr);
    REQUIRE(numbers.find("") == nullptr);
    numbers.insert("", 9);
    REQUIRE(*numbers.find("") == 9);
}

TEST_CASE("top terms: through Searcher, JSON and the parameters", "[top_terms]") {
    Searcher searcher(Xapian::Database(tariff_database()), kEnglish);
    SearchRequest request;
    request.query = "steel";
    request.top_terms = 5;
    const SearchResults results = searcher.search(request);
    REQUIRE(results.top_terms_requested);
    REQUIRE(results.top_terms_foreground == 8);
    REQUIRE(results.top_terms.size() <= 5);
    REQUIRE_FALSE(results.top_terms.empty());
    const auto json = results_to_json(results);
    REQUIRE(json["top_terms"].is_array());
    for (const auto& term : json["top_terms"]) {
        REQUIRE(term["term"].is_string());
        REQUIRE(term["count"].is_number_unsigned());
        REQUIRE(term["score"].is_number());
        REQUIRE(term["term"] != "steel");  // the query's word
    }
    REQUIRE(json["top_terms_foreground"] == 8);

    request.top_terms = 0;
    const auto without = results_to_json(searcher.search(request));
    REQUIRE_FALSE(without.contains("top_terms"));

    const ParameterLimits limits;
    REQUIRE(search_request_from_parameters({{"q", "x"}, {"top_terms", "20"}}, limits).top_terms == 20);
    REQUIRE(search_request_from_parameters({{"q", "x"}, {"top_terms", "0"}}, limits).top_terms == 0);
    REQUIRE(search_request_from_parameters({{"q", "x"}, {"top_terms", "100"}}, limits).top_terms == 100);
    REQUIRE_THROWS_WITH(search_request_from_parameters({{"q", "x"}, {"top_terms", "101"}}, limits),
                        Catch::Contains("top_terms") && Catch::Contains("100"));
    REQUIRE_THROWS_AS(search_request_from_parameters({{"q", "x"}, {"top_terms", "many"}}, limits), ParameterError);
    REQUIRE_THROWS_AS(search_request_from_parameters({{"q", "x"}, {"top_terms", "-3"}}, limits), ParameterError);
}

TEST_CASE("top terms: the HTML page links each term to a search for it, phrases quoted", "[top_terms][web]") {
    herald::web::PageView view;
    view.parameters = {{"q", "court"}, {"source", "CNN"}, {"offset", "10"}};
    view.request.query = "court";
    SearchResults results;
    results.total = 3;
    Hit hit;
    hit.article.id = "x";
    hit.article.title = "Court news";
    results.hits.push_back(hit);
    results.top_terms_requested = true;
    results.top_terms = {{"Supreme Court", 12, 3.5}, {"<b>tariffs</b>", 4, 1.0}};
    view.results = results;
    const std::string page = herald::web::render_page(view);
    REQUIRE_THAT(page, Catch::Contains("Top terms"));
    // The phrase in quotes, the filter kept, the offset dropped.
    REQUIRE_THAT(page, Catch::Contains("href=\"?source=CNN&amp;q=%22Supreme+Court%22\">Supreme Court</a> (12)"));
    REQUIRE_THAT(page, Catch::Contains(">&lt;b&gt;tariffs&lt;/b&gt;</a> (4)"));
    REQUIRE(page.find("<b>tariffs") == std::string::npos);
}

TEST_CASE("top terms: the web routes ask for them, the page by default", "[top_terms][web]") {
    herald::web::ServerMetrics metrics;
    herald::web::ResultCache cache(0);
    const auto locations = resolve_databases({tariff_database()});
    const herald::web::WebApp app({locations, {}, kEnglish, {}, 0}, metrics, cache);
    herald::web::WorkerSession session(locations, {}, kEnglish);
    const auto json = nlohmann::json::parse(app.handle({"GET", "/search", "q=steel&top_terms=3"}, session).body);
    REQUIRE(json["top_terms"].size() == 3);
    REQUIRE(json["top_terms_foreground"] == 8);
    REQUIRE_FALSE(nlohmann::json::parse(app.handle({"GET", "/search", "q=steel"}, session).body).contains("top_terms"));
    const auto too_many = app.handle({"GET", "/search", "q=steel&top_terms=500"}, session);
    REQUIRE(too_many.status == 400);
    REQUIRE_THAT(too_many.body, Catch::Contains("top_terms"));

    const auto page = app.handle({"GET", "/", "q=steel"}, session);
    REQUIRE(page.status == 200);
    REQUIRE_THAT(page.body, Catch::Contains("<h3>Top terms <small>(in the top 8 matches)</small></h3>"));
    // The page's ten are those of the JSON for the same query.
    const auto ten = nlohmann::json::parse(app.handle({"GET", "/search", "q=steel&top_terms=10"}, session).body);
    REQUIRE(ten["top_terms"].size() == 10);
    for (const auto& term : ten["top_terms"]) {
        const std::string text = term["term"];
        REQUIRE_THAT(page.body,
                     Catch::Contains(">" + text + "</a> (" + std::to_string(term["count"].get<int>()) + ")"));
    }
    REQUIRE_THAT(app.handle({"GET", "/", "q=steel&top_terms=0"}, session).body, !Catch::Contains("Top terms"));
}
