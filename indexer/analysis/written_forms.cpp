#include "indexer/analysis/written_forms.hpp"

#include <xapian.h>

#include "common/text.hpp"

namespace herald {
namespace {

bool is_capital(unsigned code_point) {
    const auto category = Xapian::Unicode::get_category(code_point);
    return category == Xapian::Unicode::UPPERCASE_LETTER || category == Xapian::Unicode::TITLECASE_LETTER;
}

bool is_apostrophe(unsigned code_point) { return code_point == '\'' || code_point == 0x2019; }

// Two capitals or more and no lower-case letter.
bool is_all_capitals(std::string_view word) {
    std::size_t capitals = 0;
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (is_capital(*it)) {
            ++capitals;
        } else if (Xapian::Unicode::get_category(*it) == Xapian::Unicode::LOWERCASE_LETTER) {
            return false;
        }
    }
    return capitals >= 2;
}

}  // namespace

// Words as Xapian's term generator cuts them: runs of word characters, with
// an apostrophe between two of them kept inside ("Farage'a", "ім'я").
void WrittenForms::add_text(std::string_view utf8) {
    Xapian::Utf8Iterator it(utf8.data(), utf8.size());
    const Xapian::Utf8Iterator end;
    const char* const base = utf8.data();
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
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
        if (name_like || every_word_) add_word(word, name_like);
    }
}

void WrittenForms::add_word(std::string_view word, bool capitalised) {
    auto [entry, added] = forms_.try_emplace(fold(word));
    WrittenForm& form = entry->second;
    if (added || (capitalised && !form.capitalised)) form.text.assign(word);
    form.capitalised = form.capitalised || capitalised;
}

const WrittenForm* WrittenForms::find(const std::string& folded_word) const {
    const auto found = forms_.find(folded_word);
    return found == forms_.end() ? nullptr : &found->second;
}

}  // namespace herald
