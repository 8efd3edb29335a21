// A loose key for names, so the regular variants of a transliterated name
// meet: "Zelensky", "Zelenskiy", "Zelenskyy", "Zełenski" and "Зеленский"
// all give "slnsk"; "Trump", "Трамп" and "Тръмп" give "trmp". The key is the
// word's consonant skeleton in Latin letters (a consonant-skeleton key in
// the manner of phonetic name matching): the word is transliterated into
// Latin (ICU), consonants that spell one sound across transliteration
// conventions are merged (c/k/q, soft c/s/z, v/w, "dz"/"dzh"/"j"), vowels,
// j and a non-initial h (a digraph's mark: sh, kh, th) are dropped (an
// initial vowel is kept as "a"), and doubled letters collapse.
//
// The indexer adds the keys of each name-like (capitalised) word and of its
// base form as terms; the searcher matches a query word's key below its exact forms.
#pragma once

#include <string>
#include <string_view>

namespace herald {

// Empty when the word gives no useful key: digits, scripts other than Latin,
// Cyrillic and Greek, or fewer than kMinNameKeyLength letters of skeleton.
std::string name_key(std::string_view folded_word);

inline constexpr std::size_t kMinNameKeyLength = 3;

}  // namespace herald
