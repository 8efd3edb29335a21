#include "indexer/analysis/written_forms.hpp"

#include <xapian.h>

#include "common/text.hpp"

namespace herald {
namespace {

// Characters after which the next word starts a sentence. Quotes,
// brackets and dashes between them and the word change nothing.
bool ends_sentence(unsigned code_point) {
    switch (code_point) {
        case '.':
        case '!':
        case '?':
        case ':':
        case '\n':
        case 0x2026:  // …
            return true;
        default:
            return false;
    }
}

}  // namespace

// Words as Xapian's term generator cuts them: runs of word characters, with
// an apostrophe between two of them kept inside ("Farage'a", "ім'я").
void WrittenForms::add_text(std::string_view utf8, TextKind kind) {
    Xapian::Utf8Iterator it(utf8.data(), utf8.size());
    const Xapian::Utf8Iterator end;
    const char* const base = utf8.data();
    bool sentence_start = true;
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
            sentence_start = sentence_start || ends_sentence(*it);
            ++it;
            continue;
        }
        const bool capitalised = is_capital(*it);
        const char* begin = it.raw();
        const char* stop = begin;
        while (it != end) {
            if (Xapian::Unicode::is_wordchar(*it)) {
                ++it;
                stop = it == end ? base + utf8.size() : it.raw();
                continue;
            }
            if (!is_apostrophe(*it)) break;
            Xapian::Utf8Iterator after = it;
            ++after;
            if (after == end || !Xapian::Unicode::is_wordchar(*after)) break;
            it = after;
        }
        const std::string_view word(begin, static_cast<std::size_t>(stop - begin));
        // A word in capitals throughout ("TRADE" in a headline) says nothing of names.
        const bool name_like = capitalised && !is_all_capitals(word);
        const bool as_name = name_like && kind == TextKind::kProse && !sentence_start;
        if (as_name || every_word_) add_word(word, name_like, as_name);
        sentence_start = false;
    }
}

void WrittenForms::add_word(std::string_view word, bool capitalised, bool as_name) {
    auto [entry, added] = forms_.try_emplace(fold_word(word));
    WrittenForm& form = entry->second;
    // The dictionary reads the capitalised form wherever it was written.
    if (added || (capitalised && !is_capital(*Xapian::Utf8Iterator(form.text)))) form.text.assign(word);
    form.capitalised = form.capitalised || as_name;
}

const WrittenForm* WrittenForms::find(const std::string& folded_word) const {
    const auto found = forms_.find(folded_word);
    return found == forms_.end() ? nullptr : &found->second;
}

}  // namespace herald
