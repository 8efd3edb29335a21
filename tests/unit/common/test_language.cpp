#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "common/language.hpp"
#include "common/light_stemmers.hpp"

using namespace herald;

TEST_CASE("resolve_language accepts codes, regions, alpha-3 codes and names", "[language]") {
    for (const char* name : {"en", "EN", "en-US", "en_GB", "eng", "english", "English"}) {
        INFO(name);
        const auto language = resolve_language(name);
        REQUIRE(language);
        CHECK(language->code == "en");
        CHECK(language->stemmer == "english");
    }
}

TEST_CASE("resolve_language: Russian and Turkish have Snowball stemmers", "[language]") {
    const auto russian = resolve_language("ru");
    REQUIRE(russian);
    CHECK(russian->code == "ru");
    CHECK(russian->stemmer == "russian");

    const auto turkish = resolve_language("turkish");
    REQUIRE(turkish);
    CHECK(turkish->code == "tr");
    CHECK(turkish->stemmer == "turkish");
}

TEST_CASE("resolve_language: languages without a stemmer resolve unstemmed, with their dictionary", "[language]") {
    const auto ukrainian = resolve_language("ukr");
    REQUIRE(ukrainian);
    CHECK(ukrainian->code == "uk");
    CHECK(ukrainian->stemmer.empty());
    CHECK(ukrainian->dictionary == "uk_UA");

    const auto polish = resolve_language("pl");
    REQUIRE(polish);
    CHECK(polish->stemmer == "polish");
    CHECK(polish->dictionary == "pl_PL");

    const auto chinese = resolve_language("zh");
    REQUIRE(chinese);
    CHECK(chinese->stemmer.empty());
    CHECK(chinese->dictionary.empty());
    CHECK(resolve_language("en")->dictionary.empty());
}

TEST_CASE("make_stemmer: Polish (Snowball's rules on folded words)", "[language][stemmer]") {
    Xapian::Stem stemmer = make_stemmer("polish");
    // Names the dictionary lacks meet across their case endings.
    CHECK(stemmer("zelenski") == "zelensk");
    CHECK(stemmer("zelenskim") == "zelensk");
    CHECK(stemmer("zelenskiego") == "zelensk");
    CHECK(stemmer("farage'a") == "farage");
    CHECK(stemmer("trumpem") == stemmer("trumpa"));
    CHECK(stemmer("ksiazkami") == stemmer("ksiazka"));
    CHECK(stemmer("czytalibysmy") == stemmer("czytali"));
    CHECK(stemmer("lotwy") == stemmer("lotwa"));
    CHECK(stemmer("ab") == "ab");  // too short to stem
}

TEST_CASE("make_stemmer: the base-form stemmer keeps the word", "[language][stemmer]") {
    Xapian::Stem stemmer = make_stemmer(kBaseFormStemmer);
    CHECK(stemmer("lotwa") == "lotwa");
    CHECK_FALSE(stemmer.is_none());
}

TEST_CASE("resolve_language: unknown input", "[language]") {
    CHECK_FALSE(resolve_language("xx"));
    CHECK_FALSE(resolve_language(""));
    CHECK_FALSE(resolve_language("-US"));
    CHECK_FALSE(resolve_language("klingon"));
}

TEST_CASE("make_stemmer: English", "[language][stemmer]") {
    Xapian::Stem stemmer = make_stemmer("english");
    CHECK(stemmer("running") == "run");
    CHECK(stemmer("pipelines") == stemmer("pipeline"));
    CHECK(stemmer("pipelines") == "pipelin");
    // Cached results are the same as fresh ones.
    CHECK(stemmer("running") == "run");
    CHECK_FALSE(stemmer.is_none());
}

TEST_CASE("make_stemmer: a small stem cache stems the same, and its size is a power of two", "[language][stemmer]") {
    Xapian::Stem tiny = make_stemmer("english", 1);  // every word evicts the last
    Xapian::Stem large = make_stemmer("english", herald::kIndexStemCacheWords);
    for (int round = 0; round < 2; ++round) {
        for (const char* word : {"running", "pipelines", "hearings", "running", "elections"}) {
            INFO(word);
            CHECK(tiny(word) == large(word));
        }
    }
    CHECK(tiny("hearings") == "hear");
    CHECK_THROWS_AS(make_stemmer("english", 0), std::invalid_argument);
    CHECK_THROWS_AS(make_stemmer("english", 1000), std::invalid_argument);
}

TEST_CASE("make_stemmer: Russian", "[language][stemmer]") {
    Xapian::Stem stemmer = make_stemmer("russian");
    const std::string stem = stemmer("путина");
    CHECK(stem != "путина");
    CHECK(stem == "путин");
    CHECK(stemmer("путину") == stem);
}

TEST_CASE("make_stemmer: an empty name is the no-op stemmer", "[language][stemmer]") {
    Xapian::Stem stemmer = make_stemmer("");
    CHECK(stemmer.is_none());
    CHECK(stemmer("running") == "running");
    CHECK(stemmer("путина") == "путина");
}

TEST_CASE("make_stemmer: unknown algorithms throw", "[language][stemmer]") {
    CHECK_THROWS_AS(make_stemmer("klingon"), std::invalid_argument);
}

TEST_CASE("every resolvable language with a stemmer has a working one", "[language][stemmer]") {
    for (const char* code :
         {"ar", "da", "nl", "en", "fi", "fr", "de", "el", "hu", "it", "no", "pt", "ro", "ru", "es", "sv", "tr"}) {
        INFO(code);
        const auto language = resolve_language(code);
        REQUIRE(language);
        REQUIRE_FALSE(language->stemmer.empty());
        CHECK_NOTHROW(make_stemmer(language->stemmer));
    }
}

TEST_CASE("the Czech light stemmer takes case and possessive endings off folded words", "[language]") {
    for (const char* form : {"putin", "putina", "putinem", "putinovi", "putinu"})
        CHECK(czech_light_stem(form) == "putin");
    CHECK(czech_light_stem("zemedelstvi") == czech_light_stem("zemedelstvim"));
    CHECK(czech_light_stem("vlada") == czech_light_stem("vlady"));
    CHECK(czech_light_stem("kolac") == "kolak");  // a final c becomes k
    CHECK(czech_light_stem("pes") == "ps");       // the mobile e goes (pes, psa)
    CHECK(czech_light_stem("łódź") == "łódź");    // not a folded Czech word: left alone

    const auto czech = resolve_language("cs");
    REQUIRE(czech);
    CHECK(make_stemmer(czech->stemmer)("putinem") == "putin");
}

TEST_CASE("the Bulgarian light stemmer takes articles and plural endings off folded words", "[language]") {
    for (const char* form : {"путин", "путина", "путинът", "путина"}) CHECK(bulgarian_light_stem(form) == "путин");
    CHECK(bulgarian_light_stem("министрите") == bulgarian_light_stem("министри"));
    CHECK(bulgarian_light_stem("градове") == "град");
    CHECK(bulgarian_light_stem("ден") == "ден");  // too short to stem

    const auto bulgarian = resolve_language("bg");
    REQUIRE(bulgarian);
    CHECK(make_stemmer(bulgarian->stemmer)("путинът") == "путин");
}
