#include "common/light_stemmers.hpp"

#include <array>
#include <initializer_list>

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

}  // namespace

std::string czech_light_stem(std::string_view folded_word) {
    std::string word(folded_word);
    if (!is_ascii(word)) return word;
    remove_case(word);
    remove_possessives(word);
    normalize(word);
    return word;
}

}  // namespace herald
