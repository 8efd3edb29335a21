// Words between scripts with ICU's transliterators: Cyrillic and Greek into
// Latin letters and Latin into Cyrillic, folded like indexed text. The
// searcher uses it for a query word's form in the other script, and both
// sides for name keys (name_key.hpp), which are spelled in Latin letters.
#pragma once

#include <string>
#include <string_view>

namespace herald {

enum class Script { kLatin, kCyrillic, kGreek, kOther };

// The script of a word's letters: Latin, Cyrillic or Greek alone; anything
// else (digits only, mixed scripts, other scripts) is kOther.
Script script_of(std::string_view utf8_word);

// ICU "Any-Latin; Latin-ASCII", folded: "путин" -> "putin", "αθηνα" -> "athena".
std::string latin_form(std::string_view folded_word);

// ICU "Latin-Cyrillic", folded: "putin" -> "путин".
std::string cyrillic_form(std::string_view folded_word);

}  // namespace herald
