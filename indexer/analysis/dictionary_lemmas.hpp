// Base forms from a Hunspell dictionary (Debian's hunspell-pl, -cs, -sk,
// -sl, -bg, -uk, -hr): "Łotwy" -> "Łotwa", "Putinem" -> "Putin", "України"
// -> "Україна". The indexer adds them as stems for the Slavic languages
// Snowball lacks, so every inflected form of a dictionary word meets its
// base form, which is what a query names.
//
// A dictionary reads words as written, with their case and accents, so the
// caller passes the written form (written_forms.hpp), not the folded term.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

class Hunspell;

namespace herald {

struct DictionaryMissing : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class DictionaryLemmas {
  public:
    // Loads NAME.aff and NAME.dic ("pl_PL") from dictionary_directory();
    // throws DictionaryMissing when they are not there. `language_code` selects the
    // language's own spelling rules (Polish apostrophe endings).
    DictionaryLemmas(const std::string& name, const std::string& language_code);
    ~DictionaryLemmas();
    DictionaryLemmas(const DictionaryLemmas&) = delete;
    DictionaryLemmas& operator=(const DictionaryLemmas&) = delete;

    // The word's base forms, folded; empty when the dictionary lacks it.
    const std::vector<std::string>& lemmas(const std::string& written_word);

  private:
    std::vector<std::string> lookup(const std::string& written_word);

    std::unique_ptr<Hunspell> hunspell_;
    std::string encoding_;  // the dictionary's own encoding ("ISO8859-2", "UTF-8")
    bool apostrophe_endings_;
    std::unordered_map<std::string, std::vector<std::string>> cache_;
};

// $HERALD_HUNSPELL_DIR when set, else Debian's /usr/share/hunspell.
std::string dictionary_directory();

// The dictionary's path without its extension, or "" when its NAME.aff or
// NAME.dic is absent.
std::string find_dictionary(const std::string& name);

}  // namespace herald
