// Article languages and the stemmers that serve them: Snowball (libstemmer),
// and Herald's own light stemmers for languages Snowball lacks (Czech).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace herald {

struct Language {
    std::string code;     // ISO 639-1 where one exists: "en", "ru", "pl"
    std::string stemmer;  // stemmer name (Snowball algorithm or "czech"), empty when there is none
    // Hunspell dictionary ("pl_PL") whose base forms ("Łotwa" for "Łotwy") are
    // indexed as stems too, empty when none. Base forms are words, so the
    // searcher matches them with kBaseFormStemmer.
    std::string dictionary = {};
};

// The stemmer name of the identity stemmer: a query word as its own base form
// (make_stemmer gives it), for archives with dictionary languages.
inline constexpr const char* kBaseFormStemmer = "base form";

// Accepts ISO codes ("en", "EN", "en-US", "eng") and English names ("english").
// Languages without a stemmer (Polish, Bulgarian, Slovenian, ...) resolve
// with an empty stemmer and are indexed unstemmed. nullopt for unknown input.
std::optional<Language> resolve_language(std::string_view name_or_code);

// How many words a Snowball stemmer remembers (a power of two). The indexer
// stems millions of words and wants many; a search stems a few hundred, and
// a large cache would cost its start-up more than it saves.
inline constexpr std::size_t kSearchStemCacheWords = 1 << 12;
inline constexpr std::size_t kIndexStemCacheWords = 1 << 16;

// A Xapian stemmer backed by libstemmer or a light stemmer, or the no-op stemmer when
// `snowball_name` is empty. Throws std::invalid_argument for unknown names.
Xapian::Stem make_stemmer(const std::string& snowball_name, std::size_t cache_words = kSearchStemCacheWords);

}  // namespace herald
