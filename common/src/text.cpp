#include "herald/text.hpp"

#include <utf8proc.h>

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

// Folds one non-ASCII code point. Combining marks fold to nothing, so doing
// this per code point gives the same result as folding the whole string.
std::string fold_code_point(utf8proc_int32_t code_point) {
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
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
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
    return out;
}

std::string clean_control_chars(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c == '\r') {
            if (i + 1 < utf8.size() && utf8[i + 1] == '\n') continue;
            out.push_back('\n');
        } else if (c < 0x20 && c != '\n' && c != '\t') {
            out.push_back(' ');
        } else if (c == 0x7f) {
            out.push_back(' ');
        } else if (c == 0xC2 && i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(utf8[i + 1]) <= 0x9F) {
            out.push_back(' ');  // C1 control character, U+0080..U+009F
            ++i;
        } else {
            out.push_back(static_cast<char>(c));
        }
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

std::string fold_keyword(std::string_view utf8) { return collapse_whitespace(fold(utf8)); }

}  // namespace herald
