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
    bool capitalised = false;  // written as a name at least once (WrittenForms::add_text)
};

// Where a text comes from, which decides what its capitals say.
enum class TextKind {
    kHeadline,  // headline case capitalises common words: no capital counts as a name's
    kProse,     // a capital counts as a name's mid-sentence, not at a sentence's start
};

class WrittenForms {
  public:
    // `every_word`: keep every word (for a dictionary); otherwise only the
    // capitalised ones, which is all name keys need and much less work.
    explicit WrittenForms(bool every_word) : every_word_(every_word) {}

    // A word counts as written as a name ("capitalised") when it starts with
    // a capital in prose, not at the start of a sentence (after . ! ? : … or
    // a line break, quotes and brackets aside), and is not all capitals:
    // "Asylum" opening a sentence or a headline is the common word, "Islam"
    // mid-sentence is a name.
    void add_text(std::string_view utf8, TextKind kind);
    // nullptr when the folded word (fold_word) was not seen (or not written
    // as a name, unless every word is kept).
    const WrittenForm* find(const std::string& folded_word) const;

  private:
    void add_word(std::string_view word, bool capitalised, bool as_name);

    bool every_word_;
    std::unordered_map<std::string, WrittenForm> forms_;
};

}  // namespace herald
