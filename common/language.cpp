#include "common/language.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <stdexcept>
#include <vector>

#include "common/light_stemmers.hpp"
#include "common/word_cache.hpp"

namespace herald {
namespace {

struct LanguageName {
    const char* code;
    const char* alpha3;
    const char* name;
    bool has_stemmer;
    const char* dictionary = "";  // Hunspell dictionary (Debian hunspell-*), "" when none is used
};

// Snowball 2.2 languages, plus the languages of our corpora that it lacks
// (Czech and Bulgarian are stemmed by Herald's own light stemmers,
// light_stemmers.hpp). The Slavic languages Snowball lacks also get the base
// forms of their Hunspell dictionaries (indexer/analysis/dictionary_lemmas.hpp).
constexpr std::array<LanguageName, 36> kLanguages{{
    {"ar", "ara", "arabic", true},
    {"hy", "hye", "armenian", true},
    {"eu", "eus", "basque", true},
    {"ca", "cat", "catalan", true},
    {"da", "dan", "danish", true},
    {"nl", "nld", "dutch", true},
    {"en", "eng", "english", true},
    {"fi", "fin", "finnish", true},
    {"fr", "fra", "french", true},
    {"de", "deu", "german", true},
    {"el", "ell", "greek", true},
    {"hi", "hin", "hindi", true},
    {"hu", "hun", "hungarian", true},
    {"id", "ind", "indonesian", true},
    {"ga", "gle", "irish", true},
    {"it", "ita", "italian", true},
    {"lt", "lit", "lithuanian", true},
    {"ne", "nep", "nepali", true},
    {"no", "nor", "norwegian", true},
    {"pt", "por", "portuguese", true},
    {"ro", "ron", "romanian", true},
    {"ru", "rus", "russian", true},
    {"sr", "srp", "serbian", true},
    {"es", "spa", "spanish", true},
    {"sv", "swe", "swedish", true},
    {"ta", "tam", "tamil", true},
    {"tr", "tur", "turkish", true},
    {"yi", "yid", "yiddish", true},
    {"pl", "pol", "polish", true, "pl_PL"},
    {"cs", "ces", "czech", true, "cs_CZ"},
    {"sk", "slk", "slovak", false, "sk_SK"},
    {"sl", "slv", "slovenian", false, "sl_SI"},
    {"bg", "bul", "bulgarian", true, "bg_BG"},
    {"uk", "ukr", "ukrainian", false, "uk_UA"},
    {"hr", "hrv", "croatian", false, "hr_HR"},
    {"zh", "zho", "chinese", false},
}};

class SnowballStemmer : public Xapian::StemImplementation {
  public:
    SnowballStemmer(const std::string& algorithm, std::size_t cache_words)
        : algorithm_(algorithm),
          stemmer_(sb_stemmer_new(algorithm.c_str(), nullptr), &sb_stemmer_delete),
          cache_(cache_words) {
        if (!stemmer_) throw std::invalid_argument("no Snowball stemmer for language '" + algorithm + "'");
    }

    std::string operator()(const std::string& word) override {
        return cache_.get(word, [this](std::string_view miss) { return stem(miss); });
    }

    std::string get_description() const override { return "herald::SnowballStemmer(" + algorithm_ + ")"; }

  private:
    std::string stem(std::string_view word) {
        const sb_symbol* stemmed = sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                                   static_cast<int>(word.size()));
        if (stemmed == nullptr) throw std::bad_alloc();
        return std::string(reinterpret_cast<const char*>(stemmed),
                           static_cast<std::size_t>(sb_stemmer_length(stemmer_.get())));
    }

    std::string algorithm_;
    std::unique_ptr<sb_stemmer, decltype(&sb_stemmer_delete)> stemmer_;
    WordCache cache_;
};

// A light stemmer written for a language Snowball lacks.
class LightStemmer : public Xapian::StemImplementation {
  public:
    LightStemmer(std::string name, std::string (*stem)(std::string_view)) : name_(std::move(name)), stem_(stem) {}
    std::string operator()(const std::string& word) override { return stem_(word); }
    std::string get_description() const override { return "herald::LightStemmer(" + name_ + ")"; }

  private:
    std::string name_;
    std::string (*stem_)(std::string_view);
};

}  // namespace

std::optional<Language> resolve_language(std::string_view name_or_code) {
    std::string key(name_or_code.substr(0, name_or_code.find_first_of("-_")));
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (key.empty()) return std::nullopt;
    for (const auto& language : kLanguages) {
        if (key == language.code || key == language.alpha3 || key == language.name) {
            return Language{language.code, language.has_stemmer ? language.name : "", language.dictionary};
        }
    }
    return std::nullopt;
}

Xapian::Stem make_stemmer(const std::string& snowball_name, std::size_t cache_words) {
    if (snowball_name.empty()) return Xapian::Stem();
    if (snowball_name == kBaseFormStemmer) {
        return Xapian::Stem(new LightStemmer(snowball_name, [](std::string_view word) { return std::string(word); }));
    }
    if (snowball_name == "czech") return Xapian::Stem(new LightStemmer(snowball_name, czech_light_stem));
    if (snowball_name == "polish") return Xapian::Stem(new LightStemmer(snowball_name, polish_light_stem));
    if (snowball_name == "bulgarian") return Xapian::Stem(new LightStemmer(snowball_name, bulgarian_light_stem));
    return Xapian::Stem(new SnowballStemmer(snowball_name, cache_words));  // Xapian::Stem takes ownership
}

}  // namespace herald
