#include "common/name_key.hpp"

#include <xapian.h>

#include <array>
#include <vector>

#include "common/transliteration.hpp"
#include "common/word_cache.hpp"

namespace herald {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// The skeleton of a lower-case ASCII word.
std::string skeleton(std::string_view latin) {
    std::string letters;
    for (char c : latin) {
        if (c >= 'a' && c <= 'z')
            letters.push_back(c);
        else if (c >= '0' && c <= '9')
            return {};  // not a name
    }
    std::string key;
    auto push = [&key](char c) {
        if (key.empty() || key.back() != c) key.push_back(c);
    };
    for (std::size_t i = 0; i < letters.size(); ++i) {
        const char c = letters[i];
        const char next = i + 1 < letters.size() ? letters[i + 1] : '\0';
        if (i == 0 && is_vowel(c)) {
            key.push_back('a');
            continue;
        }
        if (c == 'd' && next == 'z') {  // Russian "дж" (dzh, dz) spells English j: one glide, dropped
            ++i;
            continue;
        }
        if (c == 'p' && next == 'h') {
            push('f');
            ++i;
            continue;
        }
        switch (c) {
            case 'c':  // soft before e, i, y ("Pence", "Пенс"), else hard
                push(next == 'e' || next == 'i' || next == 'y' ? 's' : 'k');
                break;
            case 'k':
            case 'q':
                push('k');
                break;
            case 'z':
            case 's':
                push('s');
                break;
            case 'w':
            case 'v':
                push('v');
                break;
            case 'x':
                push('k');
                push('s');
                break;
            case 'h':  // a sound of its own only at the start ("Hunt", "Хант"); else it marks a digraph (sh, kh, th)
                if (i == 0) push('h');
                break;
            case 'j':
                break;
            default:
                if (!is_vowel(c)) push(c);
                break;
        }
    }
    if (key.size() < kMinNameKeyLength) return {};
    return key;
}

// Whether a character past ASCII is a letter; the skeleton reads letters
// only, so a word whose other characters are punctuation ("trump’s") needs
// no transliteration, and ICU's costs milliseconds to create.
bool has_non_ascii_letter(std::string_view word) {
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (*it < 0x80) continue;
        switch (Xapian::Unicode::get_category(*it)) {
            case Xapian::Unicode::UPPERCASE_LETTER:
            case Xapian::Unicode::LOWERCASE_LETTER:
            case Xapian::Unicode::TITLECASE_LETTER:
            case Xapian::Unicode::MODIFIER_LETTER:
            case Xapian::Unicode::OTHER_LETTER:
                return true;
            default:
                break;
        }
    }
    return false;
}

std::string compute_name_key(std::string_view folded_word) {
    if (!has_non_ascii_letter(folded_word)) return skeleton(folded_word);
    switch (script_of(folded_word)) {
        case Script::kLatin:  // folding leaves a few non-ASCII Latin letters (ł, ø) and punctuation (’)
        case Script::kCyrillic:
        case Script::kGreek:
            return skeleton(latin_form(folded_word));
        case Script::kOther:
            break;
    }
    return {};
}

}  // namespace

std::string name_key(std::string_view folded_word) {
    // Transliteration is slow next to the rest of indexing, and names repeat:
    // a cache per thread, as for stems (language.cpp).
    thread_local WordCache cache(1 << 12);
    return cache.get(folded_word, compute_name_key);
}

}  // namespace herald
