#include "indexer/analysis/stemmed_terms.hpp"

#include <string>
#include <utility>
#include <vector>

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

}  // namespace

void add_stemmed_terms(Xapian::Document& document, const Xapian::Stem& stemmer) {
    if (stemmer.is_none()) return;  // STEM_SOME adds no stems without a stemmer
    std::vector<std::pair<std::string, Xapian::termcount>> stems;
    stems.reserve(document.termlist_count());
    // Collected first: inserting while iterating would visit the new terms.
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        const std::string name = *term;
        const std::size_t prefix = prefix_length(name);
        if (prefix == name.size()) continue;
        const std::string word = name.substr(prefix);
        if (!starts_with_letter(word)) continue;
        stems.emplace_back("Z" + name.substr(0, prefix) + stemmer(word), term.get_wdf());
    }
    for (const auto& [stem, wdf] : stems) document.add_term(stem, wdf);
}

}  // namespace herald
