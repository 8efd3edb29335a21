// Article languages and the Snowball stemmers (libstemmer) that serve them.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace herald {

struct Language {
    std::string code;     // ISO 639-1 where one exists: "en", "ru", "pl"
    std::string stemmer;  // Snowball algorithm name, empty when Snowball has none
};

// Accepts ISO codes ("en", "EN", "en-US", "eng") and English names ("english").
// Languages without a Snowball stemmer (Polish, Czech, Bulgarian, ...) resolve
// with an empty stemmer and are indexed unstemmed. nullopt for unknown input.
std::optional<Language> resolve_language(std::string_view name_or_code);

// A Xapian stemmer backed by libstemmer, or the no-op stemmer when
// `snowball_name` is empty. Throws std::invalid_argument for unknown names.
Xapian::Stem make_stemmer(const std::string& snowball_name);

}  // namespace herald
