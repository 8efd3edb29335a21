// Text made safe for a terminal: stored text printed by the human output.
#pragma once

#include <string>
#include <string_view>

namespace herald {

// `text` with every control character (common/text.hpp's
// control_char_length: C0, DEL, C1) shown as a visible escape, "\x1b", so no
// stored text can move the cursor, retitle the window or clear the screen;
// tab and newline become spaces, keeping results one line each. Bytes that
// are not UTF-8 are read as Latin-1 first (then C1 bytes are escaped too).
// The indexer cleans these out of new articles; this covers older databases.
std::string terminal_text(std::string_view text);

}  // namespace herald
