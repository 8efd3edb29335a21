#include "indexer/analysis/stemmed_terms.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/name_key.hpp"
#include "common/schema.hpp"
#include "indexer/analysis/dictionary_lemmas.hpp"
#include "indexer/analysis/written_forms.hpp"

namespace herald {
namespace {

// Xapian's TermGenerator stems a word only when it starts with a letter
// (termgenerator_internal.cc, should_stem): never a number.
bool starts_with_letter(const std::string& word) {
    constexpr unsigned kStemmedCategories =
        (1u << Xapian::Unicode::LOWERCASE_LETTER) | (1u << Xapian::Unicode::TITLECASE_LETTER) |
        (1u << Xapian::Unicode::MODIFIER_LETTER) | (1u << Xapian::Unicode::OTHER_LETTER);
    const unsigned first = *Xapian::Utf8Iterator(word);
    return (kStemmedCategories >> Xapian::Unicode::get_category(first)) & 1u;
}

// Field prefixes are uppercase ASCII; the generator lowercases every word, so
// a word term never starts with one.
std::size_t prefix_length(const std::string& term) {
    std::size_t length = 0;
    while (length < term.size() && term[length] >= 'A' && term[length] <= 'Z') ++length;
    return length;
}

// The word's base forms: dictionary lemmas (of its written form, when
// known) first, then the stem.
void collect_bases(const std::string& word, const WrittenForm* written, const WordAnalysis& analysis,
                   std::vector<std::string>& bases) {
    bases.clear();
    if (analysis.dictionary) bases = analysis.dictionary->lemmas(written ? written->text : word);
    if (analysis.stemmer && !analysis.stemmer->is_none()) {
        std::string stem = (*analysis.stemmer)(word);
        if (std::find(bases.begin(), bases.end(), stem) == bases.end()) bases.push_back(std::move(stem));
    }
}

}  // namespace

void add_derived_terms(Xapian::Document& document, const WordAnalysis& analysis) {
    std::vector<std::pair<std::string, Xapian::termcount>> derived;
    derived.reserve(document.termlist_count() * 2);
    std::vector<std::string> bases;
    // Collected first: inserting while iterating would visit the new terms.
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        const std::string name = *term;
        const std::size_t prefix = prefix_length(name);
        if (prefix == name.size()) continue;
        const std::string word = name.substr(prefix);
        if (!starts_with_letter(word)) continue;
        const WrittenForm* written = analysis.written ? analysis.written->find(word) : nullptr;
        collect_bases(word, written, analysis, bases);
        const Xapian::termcount wdf = term.get_wdf();
        for (const auto& base : bases) {
            derived.emplace_back(std::string(schema::kStemPrefix) + name.substr(0, prefix) + base, wdf);
        }
        if (analysis.name_keys && prefix == 0 && written && written->capitalised) {
            // Boolean (wdf 0): the searcher weighs keys itself, and a wdf would
            // lengthen the document, shifting BM25 for every query. The word's
            // own key too: a stemmer may cut a name short ("Байден" -> "байд").
            const std::string word_key = name_key(word);
            if (!word_key.empty()) derived.emplace_back(std::string(schema::kNameKeyPrefix) + word_key, 0);
            const std::string base_key = bases.empty() ? std::string() : name_key(bases.front());
            if (!base_key.empty() && base_key != word_key) {
                derived.emplace_back(std::string(schema::kNameKeyPrefix) + base_key, 0);
            }
        }
    }
    for (const auto& [term, wdf] : derived) document.add_term(term, wdf);  // wdf 0: a boolean term
}

void add_stemmed_terms(Xapian::Document& document, const Xapian::Stem& stemmer) {
    WordAnalysis analysis;
    analysis.stemmer = &stemmer;
    add_derived_terms(document, analysis);
}

}  // namespace herald
