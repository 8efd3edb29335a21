#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/language.hpp"
#include "indexer/analysis/stemmed_terms.hpp"

using namespace herald;

namespace {

struct Field {
    std::string text;
    Xapian::termcount weight;
    std::string prefix;
};

// Every term of a document with its wdf and positions, for exact comparison.
std::vector<std::string> describe(const Xapian::Document& document) {
    std::vector<std::string> lines;
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        std::string line = *term + " wdf=" + std::to_string(term.get_wdf()) + " pos=";
        for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
            line += std::to_string(*pos) + ",";
        }
        lines.push_back(line);
    }
    return lines;
}

Xapian::Document index_fields(const std::vector<Field>& fields, const Xapian::Stem& stemmer,
                              Xapian::TermGenerator::stem_strategy strategy) {
    Xapian::TermGenerator generator;
    generator.set_stemmer(stemmer);
    generator.set_stemming_strategy(strategy);
    Xapian::Document document;
    generator.set_document(document);
    for (const auto& field : fields) {
        generator.index_text(field.text, field.weight, field.prefix);
        generator.increase_termpos(100);
    }
    if (strategy == Xapian::TermGenerator::STEM_NONE) add_stemmed_terms(document, stemmer);
    return document;
}

void require_same_as_stem_some(const std::vector<Field>& fields, const Xapian::Stem& stemmer) {
    const auto expected = describe(index_fields(fields, stemmer, Xapian::TermGenerator::STEM_SOME));
    const auto actual = describe(index_fields(fields, stemmer, Xapian::TermGenerator::STEM_NONE));
    REQUIRE(actual == expected);
}

}  // namespace

TEST_CASE("stems added once per word equal TermGenerator STEM_SOME", "[stemmed_terms]") {
    const Xapian::Stem english = make_stemmer("english");
    SECTION("weighted, prefixed fields with repeated words and shared stems") {
        require_same_as_stem_some({{"gas hub turkey gas hubs", 5, ""},
                                   {"gas hub turkey gas hubs", 1, "S"},
                                   {"running runs runner ran; the gas runs", 2, ""},
                                   {"the hub of hubs, running gas", 1, ""}},
                                  english);
    }
    SECTION("numbers, apostrophes, ampersands, suffixes, acronyms and mixed case") {
        require_same_as_stem_some(
            {{"In 2016 the U.S.A. and AT&T's C++ 1.5% don't 3rd O'Neill's", 1, ""}, {"Brexit's 2nd vote", 1, "S"}},
            english);
    }
    SECTION("non-Latin scripts, CJK n-grams and accents") {
        require_same_as_stem_some({{"Путин встретился с Эрдоганом в Стамбуле; газовый хаб", 1, ""},
                                   {"東京都の会議 中文分词 한국어 erdoğan", 1, ""}},
                                  make_stemmer("russian"));
    }
    SECTION("a stemmer of 'none' adds no stems") {
        require_same_as_stem_some({{"running gas hubs", 1, ""}, {"running", 1, "S"}}, make_stemmer(""));
        Xapian::Document document;
        document.add_posting("running", 1);
        add_stemmed_terms(document, make_stemmer(""));
        REQUIRE(document.termlist_count() == 1);
    }
}

TEST_CASE("stems of real articles equal TermGenerator STEM_SOME", "[stemmed_terms]") {
    // Generated text: every ASCII word shape the tokenizer distinguishes.
    std::string text;
    const std::vector<std::string> words = {"Vote", "voting", "voted", "1990s", "e-mail", "U.K.",    "it's", "Q&A",
                                            "C#",   "naïve",  "café",  "x",     "ÉLYSÉE", "o'clock", "19.5"};
    for (int i = 0; i < 400; ++i) text += words[(i * 7) % words.size()] + (i % 9 == 0 ? ". " : " ");
    require_same_as_stem_some({{text, 1, ""}, {text.substr(0, 200), 5, ""}, {text.substr(0, 200), 1, "S"}},
                              make_stemmer("english"));
}
