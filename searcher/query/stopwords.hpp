// Stopwords of the languages Herald indexes, for the top terms of a search
// (top_terms.hpp): function words that say nothing about what an article
// is about. The lists and where they come from are in stopword_lists.cpp.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace herald {

// The stopwords of a language given by its ISO code ("en", "ru"), folded as
// the index folds words (common/text.hpp: "мой" -> "мои"); an empty set for
// a language without a list.
const std::unordered_set<std::string>& stopwords(std::string_view language_code);

// Whether a folded word is a stopword of the language.
bool is_stopword(std::string_view language_code, const std::string& folded_word);

// The ISO codes that have a list, in alphabetical order.
const std::vector<std::string>& stopword_languages();

}  // namespace herald
