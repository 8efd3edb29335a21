// Light stemmers for languages Snowball lacks, written from their published
// algorithms and applied to folded words (case and accents already gone, so
// the rules are the algorithm's with the accents folded too):
// - Czech: Dolamic & Savoy, "Indexing and stemming approaches for the Czech
//   language" (Information Processing & Management 45, 2009), the light
//   variant: case endings, then possessive suffixes, then a normalisation of
//   the stem's last consonants. The rule ů -> o cannot apply to folded words
//   and is left out.
// - Bulgarian: Savoy's light stemmer ("Searching strategies for the
//   Bulgarian language", Information Retrieval 10, 2007): definite articles,
//   plural endings, final vowels, mobile е and ъ. Folding turns й into и, so
//   the rule еве -> й gives и.
// - Polish: Snowball's Polish stemmer (Dmitry Shachnev, snowballstem.org,
//   Snowball 3.0; Debian's libstemmer 2.2 predates it): verb, adjective,
//   participle and noun endings, nouns within R1, a stem of two letters at
//   least. The indexer adds it next to the Hunspell base forms, for the words
//   and names the dictionary lacks ("Zełenskim" -> "zelensk").
#pragma once

#include <string>
#include <string_view>

namespace herald {

std::string czech_light_stem(std::string_view folded_word);
std::string bulgarian_light_stem(std::string_view folded_word);
std::string polish_light_stem(std::string_view folded_word);

}  // namespace herald
