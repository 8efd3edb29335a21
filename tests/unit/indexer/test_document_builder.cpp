#include <xapian.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/document_data.hpp"
#include "common/name_key.hpp"
#include "common/schema.hpp"
#include "common/terms.hpp"
#include "indexer/analysis/document_builder.hpp"
#include "indexer/analysis/language_detection.hpp"
#include "tests/unit/support.hpp"

using namespace herald;

namespace {

Article sample_article() {
    Article article;
    article.id = "doc-42";
    article.title = "Gas hub in Türkiye";
    article.body = "Lead paragraph about gas.\n\nSecond paragraph mentions pipelines.";
    article.source = "CNN (Web News)";
    article.url = "https://example.com/gas-hub";
    article.authors = {"Jane Doe", "Recep ERDOĞAN"};
    article.tags = {"Energy", "Gas Markets"};
    article.date = parse_date("2022-10-14");
    return article;
}

bool has_term(const Xapian::Document& document, const std::string& term) {
    auto it = document.termlist_begin();
    it.skip_to(term);
    return it != document.termlist_end() && *it == term;
}

Xapian::termcount wdf(const Xapian::Document& document, const std::string& term) {
    auto it = document.termlist_begin();
    it.skip_to(term);
    if (it == document.termlist_end() || *it != term) return 0;
    return it.get_wdf();
}

std::vector<Xapian::termpos> positions(const Xapian::Document& document, const std::string& term) {
    auto it = document.termlist_begin();
    it.skip_to(term);
    std::vector<Xapian::termpos> out;
    if (it == document.termlist_end() || *it != term) return out;
    for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos) out.push_back(*pos);
    return out;
}

}  // namespace

TEST_CASE("DocumentBuilder: boolean terms", "[document_builder]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    const Xapian::Document document = builder.build(sample_article(), warnings);
    CHECK(warnings.empty());

    CHECK(has_term(document, "Qdoc-42"));
    CHECK(has_term(document, "XSRCcnn (web news)"));
    CHECK(has_term(document, "Ajane doe"));
    CHECK(has_term(document, "Arecep erdogan"));
    CHECK(has_term(document, "Kenergy"));
    CHECK(has_term(document, "Kgas markets"));
    CHECK(has_term(document, "Len"));
    CHECK(has_term(document, "XY2022"));
    CHECK_FALSE(has_term(document, "XY2021"));
    // Boolean terms carry no weight.
    CHECK(wdf(document, "Qdoc-42") == 0);
    CHECK(wdf(document, "XSRCcnn (web news)") == 0);
}

TEST_CASE("DocumentBuilder: free-text terms", "[document_builder]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    const Xapian::Document document = builder.build(sample_article(), warnings);

    SECTION("unstemmed words with positions") {
        CHECK(has_term(document, "gas"));
        CHECK(positions(document, "gas").size() >= 2);  // title and lead
        CHECK_FALSE(positions(document, "pipelines").empty());
        CHECK(has_term(document, "paragraph"));
    }
    SECTION("stemmed words") {
        CHECK(has_term(document, "Zpipelin"));
        CHECK(has_term(document, "Zparagraph"));
    }
    SECTION("title words also under the title prefix") {
        CHECK(has_term(document, "Shub"));
        CHECK(has_term(document, "Sgas"));
        CHECK(has_term(document, "Sturkiye"));
        CHECK_FALSE(has_term(document, "Sparagraph"));
        CHECK_FALSE(positions(document, "Shub").empty());
    }
    SECTION("text is folded") {
        CHECK(has_term(document, "turkiye"));
        CHECK_FALSE(has_term(document, "türkiye"));
        CHECK_FALSE(has_term(document, "Türkiye"));
        CHECK_FALSE(has_term(document, "Gas"));
    }
    SECTION("field weights") {
        // "hub" is only in the title, "mentions" only past the lead, "lead" only in the lead.
        CHECK(wdf(document, "hub") == schema::kWeights.title);
        CHECK(wdf(document, "lead") == schema::kWeights.lead);
        CHECK(wdf(document, "mentions") == schema::kWeights.body);
        CHECK(wdf(document, "hub") > wdf(document, "mentions"));
        CHECK(wdf(document, "gas") == schema::kWeights.title + schema::kWeights.lead);
    }
    SECTION("fields are separated by a position gap") {
        const auto hub = positions(document, "hub");
        const auto lead = positions(document, "lead");
        REQUIRE(hub.size() == 1);
        REQUIRE(lead.size() == 1);
        CHECK(lead[0] - hub[0] > schema::kFieldPositionGap);
        const auto second = positions(document, "second");
        REQUIRE(second.size() == 1);
        CHECK(second[0] - lead[0] > schema::kFieldPositionGap);
    }
}

TEST_CASE("DocumentBuilder: values and stored data", "[document_builder]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    const Article article = sample_article();
    const Xapian::Document document = builder.build(article, warnings);

    CHECK(document.get_value(schema::kDateSlot) == "20221014");
    CHECK(document.get_value(schema::kSourceSlot) == "CNN (Web News)");
    CHECK(document.get_value(schema::kYearSlot) == "2022");
    CHECK(document.get_value(schema::kAuthorsSlot) ==
          std::string("Jane Doe") + schema::kListSeparator + "Recep ERDOĞAN");
    CHECK(document.get_value(schema::kTagsSlot) == std::string("Energy") + schema::kListSeparator + "Gas Markets");
    CHECK(document.get_value(schema::kSimHashSlot).size() == 8);
    CHECK(document.get_value(schema::kTitleLengthSlot) == "4");  // "Gas hub in Türkiye"

    const Article decoded = decode_document_data(document.get_data());
    CHECK(decoded.id == article.id);
    CHECK(decoded.title == article.title);
    CHECK(decoded.body == article.body);
    CHECK(decoded.source == article.source);
    CHECK(decoded.url == article.url);
    CHECK(decoded.authors == article.authors);
    CHECK(decoded.tags == article.tags);
    CHECK(decoded.language == "en");
    REQUIRE(decoded.date);
    CHECK(decoded.date->compact() == "20221014");
}

TEST_CASE("DocumentBuilder: an article without date or source", "[document_builder]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    Article article;
    article.id = "bare";
    article.title = "Bare";
    const Xapian::Document document = builder.build(article, warnings);
    CHECK(document.get_value(schema::kDateSlot).empty());
    CHECK(document.get_value(schema::kSourceSlot).empty());
    CHECK(document.get_value(schema::kYearSlot).empty());
    CHECK(document.get_value(schema::kAuthorsSlot).empty());
    CHECK(document.get_value(schema::kTagsSlot).empty());
    for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
        CHECK((*it).rfind("XY", 0) != 0);
        CHECK((*it).rfind("XSRC", 0) != 0);
    }
    const Article decoded = decode_document_data(document.get_data());
    CHECK_FALSE(decoded.date);
    CHECK(decoded.source.empty());
}

TEST_CASE("DocumentBuilder: the article's language picks the stemmer", "[document_builder]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    Article article;
    article.id = "ru-1";
    article.title = "Визит Путина";
    article.body = "Текст.";
    article.language = "ru";
    const Xapian::Document document = builder.build(article, warnings);
    CHECK(warnings.empty());
    CHECK(has_term(document, "Lru"));
    CHECK_FALSE(has_term(document, "Len"));
    CHECK(has_term(document, "путина"));
    CHECK(has_term(document, "Zпутин"));

    Article polish;
    polish.id = "pl-1";
    polish.title = "Rozmowy pokojowe";
    polish.language = "pl";
    const Xapian::Document lemmatised = builder.build(polish, warnings);
    CHECK(warnings.empty());
    CHECK(has_term(lemmatised, "Lpl"));
    CHECK(has_term(lemmatised, "rozmowy"));
    // Polish has no Snowball stemmer: its stems are the Hunspell dictionary's base forms.
    CHECK(has_term(lemmatised, "Zrozmowa"));
    CHECK(has_term(lemmatised, "Zpokojowy"));
    CHECK_FALSE(has_term(lemmatised, "Zrozmowy"));

    Article chinese;
    chinese.id = "zh-1";
    chinese.title = "talks";
    chinese.language = "zh";
    const Xapian::Document unstemmed = builder.build(chinese, warnings);
    for (auto it = unstemmed.termlist_begin(); it != unstemmed.termlist_end(); ++it) {
        CHECK((*it).rfind("Z", 0) != 0);  // neither stemmer nor dictionary: no stemmed terms
    }
}

TEST_CASE("DocumentBuilder: dictionary base forms meet inflected names and places", "[document_builder][languages]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    auto build = [&](std::string language, std::string body) {
        Article article;
        article.id = language + "-1";
        article.title = "x";
        article.body = std::move(body);
        article.language = std::move(language);
        return builder.build(article, warnings);
    };
    // Written forms reach the dictionary with their capitals and accents, though the index folds them.
    const Xapian::Document polish = build("pl", "Spotkanie z Putinem w stolicy Łotwy. Farage'a nie było.");
    CHECK(has_term(polish, "lotwy"));
    CHECK(has_term(polish, "Zlotwa"));
    CHECK(has_term(polish, "Zputin"));
    CHECK(has_term(polish, "Zfarage"));  // Polish apostrophe ending after a name the dictionary lacks
    const Xapian::Document ukrainian = build("uk", "Зустріч з Пенсом. Уряд України.");
    CHECK(has_term(ukrainian, "Zукраіна"));  // "України" -> "Україна", folded: ї -> і
    CHECK(warnings.empty());
}

TEST_CASE("DocumentBuilder: a missing dictionary is a warning, once", "[document_builder][languages]") {
    test::TempDir empty;
    setenv("HERALD_HUNSPELL_DIR", empty.path().c_str(), 1);
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    Article article;
    article.id = "pl-2";
    article.title = "Rozmowy w stolicy Łotwy";
    article.language = "pl";
    const Xapian::Document first = builder.build(article, warnings);
    const Xapian::Document second = builder.build(article, warnings);
    unsetenv("HERALD_HUNSPELL_DIR");
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("pl_PL") && Catch::Contains(empty.path().string()));
    CHECK(has_term(first, "Zlotw"));         // Snowball's Polish rules still apply
    CHECK_FALSE(has_term(first, "Zlotwa"));  // no base form without the dictionary
}

TEST_CASE("DocumentBuilder: capitalised words get the name key of their base form", "[document_builder][languages]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    Article article;
    article.id = "ru-2";
    article.title = "x";
    article.body = "Встреча с Трампом. выборы";
    article.language = "ru";
    const Xapian::Document document = builder.build(article, warnings);
    CHECK(has_term(document, "XNtrmp"));       // "Трампом" -> stem "трамп" -> "tramp" -> skeleton
    CHECK_FALSE(has_term(document, "XNvbr"));  // "выборы" is not capitalised
}

TEST_CASE("DocumentBuilder: only words written as names mid-sentence get name keys", "[document_builder][languages]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    auto build = [&](std::string title, std::string body) {
        Article article;
        article.id = "en-keys";
        article.title = std::move(title);
        article.body = std::move(body);
        article.language = "en";
        return builder.build(article, warnings);
    };
    REQUIRE(name_key("asylum") == name_key("islam"));  // what put asylum stories among Islam's matches
    // Headline case, sentence starts, after an opening quote or a line break: the common words.
    const Xapian::Document asylum = build("Asylum Claims Rise As Courts Slow",
                                          "Asylum seekers waited. \u201cCourts are slow,\u201d one said.\nRefugee "
                                          "groups met the Senate.");
    CHECK_FALSE(has_term(asylum, "XN" + name_key("asylum")));
    CHECK_FALSE(has_term(asylum, "XN" + name_key("courts")));
    CHECK_FALSE(has_term(asylum, "XN" + name_key("refugee")));
    CHECK_FALSE(has_term(asylum, "XN" + name_key("claims")));
    CHECK(has_term(asylum, "XN" + name_key("senate")));  // mid-sentence
    const Xapian::Document islam = build("Scholars meet", "Scholars of Islam met in Brussels.");
    CHECK(has_term(islam, "XN" + name_key("islam")));
    CHECK(has_term(islam, "XN" + name_key("brussels")));
    CHECK_FALSE(has_term(islam, "XN" + name_key("scholars")));
}

TEST_CASE("DocumentBuilder: a typographic apostrophe keeps the name key", "[document_builder][languages]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    for (const std::string apostrophe : {"'", "\u2019"}) {
        Article article;
        article.id = "pl-apostrophe";
        article.title = "x";
        article.body = "Spotkanie z Farage" + apostrophe + "a w Brukseli.";
        article.language = "pl";
        const Xapian::Document document = builder.build(article, warnings);
        CAPTURE(apostrophe);
        CHECK(has_term(document, "farage'a"));  // Xapian's term generator writes the ASCII one
        CHECK(has_term(document, "XN" + name_key("farage")));
        CHECK(has_term(document, "Zfarage"));
    }
}

TEST_CASE("DocumentBuilder: an unknown language warns and uses the default", "[document_builder]") {
    DocumentBuilder builder(Language{"en", "english"});
    std::vector<std::string> warnings;
    Article article = sample_article();
    article.language = "xx";
    const Xapian::Document document = builder.build(article, warnings);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("xx"));
    CHECK(has_term(document, "Len"));
    CHECK(has_term(document, "Zpipelin"));
    CHECK(decode_document_data(document.get_data()).language == "en");
}

TEST_CASE("split_lead", "[document_builder][lead]") {
    using Split = std::pair<std::string_view, std::string_view>;
    SECTION("first paragraph up to a blank line") {
        const Split split = split_lead("Lead one.\nStill lead.\n\nRest here.\n\nMore.");
        CHECK(split.first == "Lead one.\nStill lead.");
        CHECK(split.second.find("Rest here.") != std::string_view::npos);
        CHECK(split.second.find("More.") != std::string_view::npos);
        CHECK(split.second.find("Lead") == std::string_view::npos);
    }
    SECTION("else up to the first line break") {
        const Split split = split_lead("Line one.\nLine two.");
        CHECK(split.first == "Line one.");
        CHECK(split.second.find("Line two.") != std::string_view::npos);
    }
    SECTION("a single line is all lead") {
        const Split split = split_lead("Only one line.");
        CHECK(split.first == "Only one line.");
        CHECK(split.second.empty());
    }
    SECTION("leading blank lines are skipped") {
        const Split split = split_lead("\n\n  \nLead.\n\nRest.");
        CHECK(split.first == "Lead.");
        CHECK(split.second.find("Rest.") != std::string_view::npos);
    }
    SECTION("empty and blank bodies") {
        CHECK(split_lead("").first.empty());
        CHECK(split_lead("").second.empty());
        CHECK(split_lead(" \n\n\t").first.empty());
        CHECK(split_lead(" \n\n\t").second.empty());
    }
}

TEST_CASE("document data: decode rejects foreign data", "[document_data]") {
    CHECK_THROWS_AS(decode_document_data(""), std::runtime_error);
    CHECK_THROWS_AS(decode_document_data("not a record"), std::runtime_error);
}

TEST_CASE("document data: round trip keeps the time of day", "[document_data]") {
    Article article;
    article.id = "t";
    article.title = "Timed";
    article.date = parse_date("Fri, 14 Oct 2022 09:30:00 +0000");
    const Article decoded = decode_document_data(encode_document_data(article));
    REQUIRE(decoded.date);
    CHECK(decoded.date->iso8601() == "2022-10-14T09:30:00");
    CHECK(decoded.url.empty());
    CHECK(decoded.authors.empty());
}

TEST_CASE("document data: every field survives the round trip, long and non-ASCII ones too", "[document_data]") {
    Article article;
    article.id = "a/1";
    article.title = "Erdoğan and Путин";
    article.body = std::string(20000, 'x') + " — end";  // a length of three bytes
    article.date = parse_date("2016-03-01");
    article.source = "Reuters";
    article.url = "https://example.org/a?b=1";
    article.authors = {"Ann Lee", "Bo Chen"};
    article.tags = {"energy", std::string(200, 't')};
    const Article decoded = decode_document_data(encode_document_data(article, "tr"));
    CHECK(decoded.id == article.id);
    CHECK(decoded.title == article.title);
    CHECK(decoded.body == article.body);
    REQUIRE(decoded.date);
    CHECK(decoded.date->iso8601() == "2016-03-01");
    CHECK(decoded.source == article.source);
    CHECK(decoded.url == article.url);
    CHECK(decoded.language == "tr");
    CHECK(decoded.authors == article.authors);
    CHECK(decoded.tags == article.tags);
}

TEST_CASE("document data: a cut, padded or forged record is a runtime_error", "[document_data]") {
    // The header promises std::runtime_error "when the data is not Herald's".
    Article article;
    article.id = "x";
    article.title = "Title";
    article.authors = {"A"};
    const std::string record = encode_document_data(article);
    for (std::size_t size = 0; size < record.size(); ++size) {
        INFO(size);
        CHECK_THROWS_AS(decode_document_data(record.substr(0, size)), std::runtime_error);
    }
    CHECK_THROWS_AS(decode_document_data(record + "z"), std::runtime_error);
    // JSON, as schema 4 stored it, is not a record.
    CHECK_THROWS_AS(decode_document_data(R"({"id":"x","title":"T"})"), std::runtime_error);
    // A list claiming more items than there are bytes, and a length that never ends.
    std::string forged(1, '\x01');
    for (int field = 0; field < 7; ++field) forged.push_back('\0');
    CHECK_THROWS_AS(decode_document_data(forged + "\xff\xff\xff\x0f"), std::runtime_error);
    CHECK_THROWS_AS(decode_document_data(forged + std::string(12, '\xff')), std::runtime_error);
    std::string bad_date = std::string(1, '\x01') +
                           "\x01x\x00\x00\x03"
                           "abc";
    CHECK_THROWS_AS(decode_document_data(bad_date + std::string(5, '\0')), std::runtime_error);
}

TEST_CASE("document data: long records are compressed, short ones stay plain, both read back", "[document_data]") {
    Article article;
    article.id = "long";
    article.title = "Gas hub";
    for (int i = 0; i < 200; ++i) article.body += "The gas hub talks went on in Ankara. ";
    const std::string record = encode_document_data(article, "en");
    REQUIRE_FALSE(record.empty());
    CHECK(record.front() == '\x02');
    CHECK(record.size() < article.body.size() / 4);
    const Article decoded = decode_document_data(record);
    CHECK(decoded.body == article.body);
    CHECK(decoded.title == "Gas hub");
    CHECK(decoded.language == "en");

    Article brief;
    brief.id = "brief";
    brief.title = "Short";
    const std::string plain = encode_document_data(brief, "en");
    CHECK(plain.front() == '\x01');
    CHECK(decode_document_data(plain).title == "Short");

    // A cut, corrupted or forged frame is an error, not a crash or a huge allocation.
    for (const std::size_t size : {std::size_t{1}, std::size_t{5}, record.size() / 2, record.size() - 1}) {
        INFO(size);
        CHECK_THROWS_AS(decode_document_data(record.substr(0, size)), std::runtime_error);
    }
    std::string corrupted = record;
    corrupted[corrupted.size() / 2] = static_cast<char>(corrupted[corrupted.size() / 2] ^ 0x5a);
    CHECK_THROWS_AS(decode_document_data(corrupted), std::runtime_error);
    CHECK_THROWS_AS(decode_document_data(std::string("\x02not zstd at all")), std::runtime_error);
}

TEST_CASE("articles that name no language are analysed in the language detected", "[document_builder]") {
    CHECK(detect_language("Президент заявил журналистам, что переговоры о поставках газа продолжатся на следующей "
                          "неделе в Москве, а стороны обсудят цены и сроки.") == std::optional<std::string>("ru"));
    CHECK(detect_language("The minister told reporters that talks on gas supplies would resume next week in "
                          "Brussels, where both sides will discuss prices and dates.") ==
          std::optional<std::string>("en"));
    CHECK_FALSE(detect_language("ok").has_value());

    DocumentBuilder builder(Language{"en", "english"});
    Article article;
    article.id = "polish";
    article.title = "Rząd przyjął projekt ustawy";
    article.body =
        "Rada Ministrów przyjęła we wtorek projekt ustawy o zmianie przepisów dotyczących wyborów "
        "samorządowych, poinformował rzecznik rządu po posiedzeniu.";
    std::vector<std::string> warnings;
    const Xapian::Document document = builder.build(article, warnings);
    CHECK(document.get_value(schema::kLanguageSlot) == "pl");
    article.body = "";
    article.title = "Ok";
    CHECK(builder.build(article, warnings).get_value(schema::kLanguageSlot) == "en");  // unsure: the default
}
