// The words of an article as written, keyed by the folded form the index
// holds: a dictionary needs the written form ("Łotwy", not "lotwy"), and a
// capital letter marks a word that may be a name (name_key.hpp). Folding
// loses both, so they are read from the text before it is folded.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace herald {

struct WrittenForm {
    std::string text;          // as first written, or as first capitalised
    bool capitalised = false;  // written with a capital letter at least once, not all in capitals
};

class WrittenForms {
  public:
    // `every_word`: keep every word (for a dictionary); otherwise only the
    // capitalised ones, which is all name keys need and much less work.
    explicit WrittenForms(bool every_word) : every_word_(every_word) {}

    void add_text(std::string_view utf8);
    // nullptr when the folded word was not seen (or not capitalised, unless
    // every word is kept).
    const WrittenForm* find(const std::string& folded_word) const;

  private:
    void add_word(std::string_view word, bool capitalised);

    bool every_word_;
    std::unordered_map<std::string, WrittenForm> forms_;
};

}  // namespace herald
