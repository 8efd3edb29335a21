#include "searcher/present/xml_text.hpp"

#include <cstdint>

namespace herald {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the UTF-8 sequence at `text[at]` and its code point, or 0
// for a malformed one (overlong forms and surrogates included).
std::size_t decode(std::string_view text, std::size_t at, std::uint32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the second byte's range
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (at + length > text.size() || byte(1) < low || byte(1) > high) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if (!continuation(byte(i))) return 0;
        code_point = (code_point << 6) | (byte(i) & 0x3F);
    }
    return length;
}

bool allowed(std::uint32_t code_point) {
    if (code_point < 0x20) return code_point == '\t' || code_point == '\n' || code_point == '\r';
    if (code_point >= 0x7F && code_point <= 0x9F) return false;  // DEL and the C1 controls
    return code_point != 0xFFFE && code_point != 0xFFFF;
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t code_point = 0;
        const std::size_t length = decode(text, at, code_point);
        if (length == 0) {
            out += kReplacement;
            ++at;
            continue;
        }
        switch (code_point) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                if (allowed(code_point)) out.append(text, at, length);
        }
        at += length;
    }
    return out;
}

}  // namespace herald
