#include "common/light_stemmers.hpp"

#include <array>
#include <initializer_list>
#include <string>

namespace herald {
namespace {

// Lengths count code points; a folded Czech word is ASCII, and a word with
// other letters is left alone, since the rules are about Czech endings.
bool is_ascii(std::string_view word) {
    for (char c : word) {
        if ((static_cast<unsigned char>(c) & 0x80) != 0) return false;
    }
    return true;
}

bool ends_with(const std::string& word, std::string_view suffix) {
    return word.size() >= suffix.size() && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool strip_any(std::string& word, std::size_t longer_than, std::initializer_list<std::string_view> suffixes) {
    if (word.size() <= longer_than) return false;
    for (const auto suffix : suffixes) {
        if (ends_with(word, suffix)) {
            word.resize(word.size() - suffix.size());
            return true;
        }
    }
    return false;
}

void remove_case(std::string& word) {
    if (strip_any(word, 7, {"atech"})) return;
    if (strip_any(word, 6, {"etem", "atum"})) return;
    if (strip_any(word, 5,
                  {"ech", "ich", "eho", "emi", "emu", "ete", "eti", "iho", "imi", "imu", "ach", "ata", "aty", "ych",
                   "ama", "ami", "ove", "ovi", "ymi"})) {
        return;
    }
    if (strip_any(word, 4, {"em", "es", "im", "um", "at", "am", "os", "us", "ym", "mi", "ou"})) return;
    strip_any(word, 3, {"a", "e", "i", "o", "u", "y"});
}

void remove_possessives(std::string& word) { strip_any(word, 5, {"ov", "in", "uv"}); }

void normalize(std::string& word) {
    if (ends_with(word, "ct")) {
        word.replace(word.size() - 2, 2, "ck");
        return;
    }
    if (ends_with(word, "st")) {
        word.replace(word.size() - 2, 2, "sk");
        return;
    }
    if (word.empty()) return;
    char& last = word.back();
    if (last == 'c') {
        last = 'k';
        return;
    }
    if (last == 'z') {
        last = 'h';
        return;
    }
    if (word.size() > 1 && word[word.size() - 2] == 'e') word.erase(word.size() - 2, 1);  // the mobile e
}

// Bulgarian works on code points (Cyrillic letters take two bytes in UTF-8).
std::u32string to_code_points(std::string_view utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t c = length == 1 ? lead : lead & (0xFF >> (length + 1));
        for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k) {
            c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        out.push_back(c);
        i += length;
    }
    return out;
}

std::string to_utf8(const std::u32string& code_points) {
    std::string out;
    for (const char32_t c : code_points) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

bool ends_with(const std::u32string& word, std::u32string_view suffix) {
    return word.size() >= suffix.size() && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Replaces `suffix` with `replacement` when the word ends with it.
bool rewrite(std::u32string& word, std::u32string_view suffix, std::u32string_view replacement = U"") {
    if (!ends_with(word, suffix)) return false;
    word.replace(word.size() - suffix.size(), suffix.size(), replacement);
    return true;
}

void remove_article(std::u32string& word) {
    const std::size_t length = word.size();
    if (length > 6 && rewrite(word, U"ият")) return;
    if (length > 5 && (rewrite(word, U"ия") || rewrite(word, U"ът") || rewrite(word, U"та") || rewrite(word, U"то") ||
                       rewrite(word, U"те"))) {
        return;
    }
    if (length > 4) rewrite(word, U"ят");
}

void remove_plural(std::u32string& word) {
    const std::size_t length = word.size();
    if (length > 6 && (rewrite(word, U"ове") || rewrite(word, U"еве", U"и") || rewrite(word, U"овци", U"о"))) {
        return;
    }
    if (length > 5) {
        if (rewrite(word, U"зи", U"г")) return;
        if (word[length - 3] == U'е' && word[length - 1] == U'и') {  // -е?и -> -я?
            word[length - 3] = U'я';
            word.pop_back();
            return;
        }
        if (rewrite(word, U"ци", U"к") || rewrite(word, U"та") || rewrite(word, U"ища")) return;
    }
    if (length > 4 && (rewrite(word, U"си", U"х") || rewrite(word, U"и"))) return;
}

}  // namespace

std::string bulgarian_light_stem(std::string_view folded_word) {
    std::u32string word = to_code_points(folded_word);
    if (word.size() < 4) return std::string(folded_word);
    if (word.size() > 5 && rewrite(word, U"ища")) return to_utf8(word);
    remove_article(word);
    remove_plural(word);
    if (word.size() > 3) {
        rewrite(word, U"я");
        if (!rewrite(word, U"а") && !rewrite(word, U"о")) rewrite(word, U"е");
    }
    if (word.size() > 4 && ends_with(word, U"ен")) word.erase(word.size() - 2, 1);         // the mobile е
    if (word.size() > 5 && word[word.size() - 2] == U'ъ') word.erase(word.size() - 2, 1);  // the mobile ъ
    return to_utf8(word);
}

std::string czech_light_stem(std::string_view folded_word) {
    std::string word(folded_word);
    if (!is_ascii(word)) return word;
    remove_case(word);
    remove_possessives(word);
    normalize(word);
    return word;
}

namespace {

// Snowball's Polish stemmer (Dmitry Shachnev, snowballstem.org, 2025), on
// folded words: the accents its rules spell (ą, ę, ł, ś, ć, ń, ź, ż) are
// folded too, and where two rules fold to one suffix the noun rule is kept
// ("e": locative, not the verb's "ę"). Its last step, dropping the acute of
// a final ć, ń, ś or ź, is folding's work already.
enum class PolishAction { kDelete, kDeleteInR1, kToS, kToL, kAdjective };

struct PolishEnding {
    std::string_view suffix;
    PolishAction action;
};

constexpr PolishEnding kPolishEndings[] = {
    // Verbs: present, infinitive, participle, past and imperative forms.
    {"asz", PolishAction::kDelete},
    {"esz", PolishAction::kDelete},
    {"isz", PolishAction::kDelete},
    {"amy", PolishAction::kDelete},
    {"emy", PolishAction::kDelete},
    {"imy", PolishAction::kDelete},
    {"acie", PolishAction::kDelete},
    {"ecie", PolishAction::kDelete},
    {"icie", PolishAction::kDelete},
    {"aja", PolishAction::kDelete},
    {"esc", PolishAction::kDelete},
    {"asc", PolishAction::kDelete},
    {"ac", PolishAction::kDelete},
    {"iec", PolishAction::kDelete},
    {"ic", PolishAction::kDelete},
    {"ajac", PolishAction::kDelete},
    {"alem", PolishAction::kDelete},
    {"ialem", PolishAction::kDelete},
    {"ilem", PolishAction::kDelete},
    {"alam", PolishAction::kDelete},
    {"ialam", PolishAction::kDelete},
    {"ilam", PolishAction::kDelete},
    {"am", PolishAction::kDelete},
    {"ales", PolishAction::kDelete},
    {"iales", PolishAction::kDelete},
    {"iles", PolishAction::kDelete},
    {"alas", PolishAction::kDelete},
    {"ialas", PolishAction::kDelete},
    {"ilas", PolishAction::kDelete},
    {"al", PolishAction::kDelete},
    {"ial", PolishAction::kDelete},
    {"il", PolishAction::kDelete},
    {"ala", PolishAction::kDelete},
    {"iala", PolishAction::kDelete},
    {"ila", PolishAction::kDelete},
    {"alo", PolishAction::kDelete},
    {"ialo", PolishAction::kDelete},
    {"ilo", PolishAction::kDelete},
    {"alismy", PolishAction::kDelete},
    {"ielismy", PolishAction::kDelete},
    {"ilismy", PolishAction::kDelete},
    {"alysmy", PolishAction::kDelete},
    {"ialysmy", PolishAction::kDelete},
    {"ilysmy", PolishAction::kDelete},
    {"aliscie", PolishAction::kDelete},
    {"ieliscie", PolishAction::kDelete},
    {"iliscie", PolishAction::kDelete},
    {"alyscie", PolishAction::kDelete},
    {"ialyscie", PolishAction::kDelete},
    {"ilyscie", PolishAction::kDelete},
    {"ali", PolishAction::kDelete},
    {"ieli", PolishAction::kDelete},
    {"ili", PolishAction::kDelete},
    {"aly", PolishAction::kDelete},
    {"ialy", PolishAction::kDelete},
    {"ily", PolishAction::kDelete},
    {"aj", PolishAction::kDelete},
    {"ajcie", PolishAction::kDelete},
    {"cie", PolishAction::kDelete},
    // Short verbs (być): their past forms meet at "był".
    {"les", PolishAction::kToL},
    {"las", PolishAction::kToL},
    {"lismy", PolishAction::kToL},
    {"lysmy", PolishAction::kToL},
    {"liscie", PolishAction::kToL},
    {"lyscie", PolishAction::kToL},
    // Adjectives and participles; the participle or comparative suffix goes too.
    {"y", PolishAction::kAdjective},
    {"ego", PolishAction::kAdjective},
    {"iego", PolishAction::kAdjective},
    {"emu", PolishAction::kAdjective},
    {"iemu", PolishAction::kAdjective},
    {"ym", PolishAction::kAdjective},
    {"im", PolishAction::kAdjective},
    {"ej", PolishAction::kAdjective},
    {"iej", PolishAction::kAdjective},
    {"ych", PolishAction::kAdjective},
    {"ich", PolishAction::kAdjective},
    {"ymi", PolishAction::kAdjective},
    {"imi", PolishAction::kAdjective},
    {"ajaca", PolishAction::kDelete},
    {"aca", PolishAction::kDelete},
    {"iejsza", PolishAction::kDelete},
    {"sza", PolishAction::kDelete},
    {"ajace", PolishAction::kDelete},
    {"ace", PolishAction::kDelete},
    {"iejsze", PolishAction::kDelete},
    {"sze", PolishAction::kDelete},
    {"szaca", PolishAction::kToS},
    {"szace", PolishAction::kToS},
    // Nouns, in R1 only.
    {"a", PolishAction::kDeleteInR1},
    {"o", PolishAction::kDeleteInR1},
    {"i", PolishAction::kDeleteInR1},
    {"u", PolishAction::kDeleteInR1},
    {"ia", PolishAction::kDeleteInR1},
    {"owi", PolishAction::kDeleteInR1},
    {"iowi", PolishAction::kDeleteInR1},
    {"em", PolishAction::kDeleteInR1},
    {"iem", PolishAction::kDeleteInR1},
    {"e", PolishAction::kDeleteInR1},
    {"iu", PolishAction::kDeleteInR1},
    {"ie", PolishAction::kDeleteInR1},
    {"ow", PolishAction::kDeleteInR1},
    {"om", PolishAction::kDeleteInR1},
    {"iom", PolishAction::kDeleteInR1},
    {"ami", PolishAction::kDeleteInR1},
    {"iami", PolishAction::kDeleteInR1},
    {"ach", PolishAction::kDeleteInR1},
    {"iach", PolishAction::kDeleteInR1},
};

bool is_polish_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// R1: after the first non-vowel that follows a vowel.
std::size_t polish_r1(const std::string& word) {
    std::size_t i = 0;
    while (i < word.size() && !is_polish_vowel(word[i])) ++i;
    while (i < word.size() && is_polish_vowel(word[i])) ++i;
    return i < word.size() ? i + 1 : word.size();
}

// The longest ending in the table that starts at `limit` or later (Snowball's among).
const PolishEnding* longest_polish_ending(const std::string& word, std::size_t limit) {
    const PolishEnding* best = nullptr;
    for (const auto& ending : kPolishEndings) {
        if (ending.suffix.size() > word.size() - limit) continue;
        if (!ends_with(word, ending.suffix)) continue;
        if (!best || ending.suffix.size() > best->suffix.size()) best = &ending;
    }
    return best;
}

}  // namespace

std::string polish_light_stem(std::string_view folded_word) {
    std::string word(folded_word);
    if (!is_ascii(word) || word.size() <= 2) return word;
    constexpr std::size_t kKept = 2;  // the stem keeps at least two letters (Snowball's "hop 2")
    const std::size_t r1 = polish_r1(word);
    // Conditional mood endings, within R1: czytałbym, czytalibyśmy.
    for (const std::string_view conditional : {"byscie", "bysmy", "bym", "bys", "by"}) {
        if (word.size() >= r1 + conditional.size() && ends_with(word, conditional)) {
            word.resize(word.size() - conditional.size());
            break;
        }
    }
    const PolishEnding* ending = longest_polish_ending(word, kKept);
    if (!ending) return word;
    const std::size_t start = word.size() - ending->suffix.size();
    switch (ending->action) {
        case PolishAction::kDeleteInR1:
            if (start < r1) return word;
            word.resize(start);
            break;
        case PolishAction::kDelete:
            word.resize(start);
            break;
        case PolishAction::kToS:
            word.replace(start, std::string::npos, "s");
            break;
        case PolishAction::kToL:
            word.replace(start, std::string::npos, "l");
            break;
        case PolishAction::kAdjective:
            word.resize(start);
            for (const std::string_view suffix : {"ajac", "iejsz", "szac", "ac", "sz"}) {
                if (word.size() >= kKept + suffix.size() && ends_with(word, suffix)) {
                    word.replace(word.size() - suffix.size(), std::string::npos, suffix == "szac" ? "s" : "");
                    break;
                }
            }
            break;
    }
    // An apostrophe left before the ending of a foreign name: "Farage'a" -> "farage".
    if (!word.empty() && word.back() == '\'') word.pop_back();
    return word;
}

}  // namespace herald
