#include "common/text.hpp"

#include <utf8proc.h>
#include <xapian.h>

#include <cstdlib>
#include <memory>
#include <unordered_map>

namespace herald {
namespace {

struct FreeDeleter {
    void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

void append_utf8(std::string& out, utf8proc_int32_t code_point) {
    utf8proc_uint8_t buffer[4];
    const auto length = utf8proc_encode_char(code_point, buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// Letters that Unicode does not decompose into base letter + mark, but that
// readers treat as accented Latin letters when typing names on an English
// keyboard ("Yıldırım" as "Yildirim", "Wróbel Łukasz" as "Lukasz").
const char* fold_undecomposable(utf8proc_int32_t code_point) {
    switch (code_point) {
        case 0x0131:
            return "i";  // ı dotless i
        case 0x00F8:
        case 0x00D8:
            return "o";  // ø Ø
        case 0x0142:
        case 0x0141:
            return "l";  // ł Ł
        case 0x0111:
        case 0x0110:
            return "d";  // đ Đ
        case 0x00F0:
        case 0x00D0:
            return "d";  // ð Ð
        case 0x0127:
        case 0x0126:
            return "h";  // ħ Ħ
        case 0x0167:
        case 0x0166:
            return "t";  // ŧ Ŧ
        case 0x00E6:
        case 0x00C6:
            return "ae";  // æ Æ
        case 0x0153:
        case 0x0152:
            return "oe";  // œ Œ
        case 0x00FE:
        case 0x00DE:
            return "th";  // þ Þ
        default:
            return nullptr;
    }
}

// Folds one non-ASCII code point. Combining marks fold to nothing, so doing
// this per code point gives the same result as folding the whole string.
std::string fold_code_point(utf8proc_int32_t code_point) {
    if (const char* letter = fold_undecomposable(code_point)) return letter;
    std::string encoded;
    append_utf8(encoded, code_point);
    utf8proc_uint8_t* mapped = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                        UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(encoded.data()),
                                     static_cast<utf8proc_ssize_t>(encoded.size()), &mapped, options);
    std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
    if (length < 0) return encoded;
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

const std::string& cached_fold(utf8proc_int32_t code_point) {
    // Per thread, so folding is safe from parallel indexing workers.
    thread_local std::unordered_map<utf8proc_int32_t, std::string> cache;
    auto found = cache.find(code_point);
    if (found != cache.end()) return found->second;
    return cache.emplace(code_point, fold_code_point(code_point)).first->second;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

constexpr unsigned kAsciiLetters = kLowerAscii | kUpperAscii;

bool is_ascii_alnum(char c) { return is_word_byte(c, kAsciiLetters | kDigits); }
bool is_ascii_letter(char c) { return is_word_byte(c, kAsciiLetters); }

// "u.s." -> "us", "u.s.a" -> "usa": Xapian's term generator only recognises
// acronyms in upper case, which folding has already removed.
std::string join_acronyms(std::string text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const bool word_start = i == 0 || !is_word_byte(text[i - 1]);
        std::size_t end = i;
        std::size_t letters = 0;
        while (word_start && end + 1 < text.size() && is_ascii_letter(text[end]) && text[end + 1] == '.' &&
               (end + 2 >= text.size() || !is_ascii_alnum(text[end + 2]) || end + 3 >= text.size() ||
                text[end + 3] == '.')) {
            end += 2;
            ++letters;
        }
        if (letters >= 2) {
            for (std::size_t j = i; j < end; j += 2) out.push_back(text[j]);
            if (end < text.size() && is_ascii_letter(text[end]) &&
                (end + 1 == text.size() || !is_ascii_alnum(text[end + 1]))) {
                out.push_back(text[end++]);  // "u.s.a" without a final dot
            }
            i = end;
            continue;
        }
        out.push_back(text[i++]);
    }
    return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    auto* p = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data());
    utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(bytes.size());
    while (remaining > 0) {
        if (*p < 0x80) {
            ++p;
            --remaining;
            continue;
        }
        utf8proc_int32_t code_point;
        const auto length = utf8proc_iterate(p, remaining, &code_point);
        if (length <= 0) return false;
        p += length;
        remaining -= length;
    }
    return true;
}

std::string latin1_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char c : bytes) append_utf8(out, c);
    return out;
}

std::string to_utf8(std::string_view bytes, bool& was_latin1) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (bytes.substr(0, kByteOrderMark.size()) == kByteOrderMark) bytes.remove_prefix(kByteOrderMark.size());
    was_latin1 = !is_valid_utf8(bytes);
    return was_latin1 ? latin1_to_utf8(bytes) : std::string(bytes);
}

std::string fold(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
    utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(utf8.size());
    while (remaining > 0) {
        if (*p < 0x80) {
            const char c = static_cast<char>(*p);
            out.push_back(fold_ascii(c));
            ++p;
            --remaining;
            continue;
        }
        utf8proc_int32_t code_point;
        auto length = utf8proc_iterate(p, remaining, &code_point);
        if (length <= 0) {  // invalid byte: keep it as its Latin-1 reading
            code_point = *p;
            length = 1;
        }
        out += cached_fold(code_point);
        p += length;
        remaining -= length;
    }
    return out.find('.') == std::string::npos ? out : join_acronyms(std::move(out));
}

std::string fold_word(std::string_view utf8) {
    std::string folded = fold(utf8);
    for (const std::string_view apostrophe : {"\u2019", "\u201B"}) {
        for (auto at = folded.find(apostrophe); at != std::string::npos; at = folded.find(apostrophe, at + 1)) {
            folded.replace(at, apostrophe.size(), "'");
        }
    }
    return folded;
}

std::size_t control_char_length(std::string_view utf8, std::size_t at) {
    const auto c = static_cast<unsigned char>(utf8[at]);
    if (c < 0x20 || c == 0x7f) return 1;
    if (c == 0xC2 && at + 1 < utf8.size()) {
        const auto next = static_cast<unsigned char>(utf8[at + 1]);
        if (next >= 0x80 && next <= 0x9F) return 2;
    }
    return 0;
}

std::string clean_control_chars(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const char c = utf8[i];
        const std::size_t control = control_char_length(utf8, i);
        if (c == '\r') {
            if (i + 1 == utf8.size() || utf8[i + 1] != '\n') out.push_back('\n');
        } else if (control == 0 || c == '\n' || c == '\t') {
            out.push_back(c);
        } else {
            out.push_back(' ');
        }
        i += control == 0 ? 1 : control;
    }
    return out;
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (unsigned char c : text) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(static_cast<char>(c));
    }
    return out;
}

std::string clean_line(std::string_view utf8) {
    std::string spaced;
    spaced.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t control = control_char_length(utf8, i);
        spaced.push_back(control == 0 ? utf8[i] : ' ');
        i += control == 0 ? 1 : control;
    }
    return collapse_whitespace(spaced);
}

std::string fold_keyword(std::string_view utf8) { return collapse_whitespace(fold(utf8)); }

bool is_capital(unsigned code_point) {
    const auto category = Xapian::Unicode::get_category(code_point);
    return category == Xapian::Unicode::UPPERCASE_LETTER || category == Xapian::Unicode::TITLECASE_LETTER;
}

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

}  // namespace herald
