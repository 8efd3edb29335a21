#include "searcher/present/terminal_text.hpp"

#include <fmt/format.h>

#include "common/text.hpp"

namespace herald {

std::string terminal_text(std::string_view text) {
    bool was_latin1 = false;
    const std::string utf8 = to_utf8(text, was_latin1);
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t at = 0; at < utf8.size();) {
        const std::size_t control = control_char_length(utf8, at);
        const auto byte = static_cast<unsigned char>(utf8[at]);
        if (control == 0) {
            out.push_back(utf8[at]);
        } else if (byte == '\t' || byte == '\n') {
            out.push_back(' ');
        } else {
            // A C1 control is two bytes, 0xC2 then its code point's low byte.
            const unsigned code_point = control == 1 ? byte : static_cast<unsigned char>(utf8[at + 1]);
            out += fmt::format("\\x{:02x}", code_point);
        }
        at += control == 0 ? 1 : control;
    }
    return out;
}

}  // namespace herald
