// Detects the language of an article that does not name one, with Google's
// Compact Language Detector 2 (CLD2, Debian libcld2): the article is then
// stemmed in its own language instead of the indexer's default.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace herald {

// The ISO 639-1 code of the language of `utf8_text` (its first kilobyte) when CLD2 is sure of it;
// nullopt when it is not (short or mixed text), so the caller falls back to
// its default language.
std::optional<std::string> detect_language(std::string_view utf8_text);

}  // namespace herald
