// A query word in the other script: Cyrillic and Greek words in Latin
// letters ("Путин" -> "putin") and Latin words in Cyrillic ("putin" ->
// "путин"), with ICU's transliterators, so a name finds its articles in
// either script. Query-side only: the index keeps each article's own words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace herald {

// The transliterations of a folded word into the scripts it is not written
// in (Latin or Cyrillic), folded like indexed text; empty for words of other
// scripts, digits or mixed scripts.
std::vector<std::string> script_forms(std::string_view folded_word);

}  // namespace herald
