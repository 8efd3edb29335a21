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

}  // namespace herald
