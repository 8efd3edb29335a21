// Text made safe for XML 1.0 element content and attribute values.
#pragma once

#include <string>
#include <string_view>

namespace herald {

// `text` with &, <, >, " and ' escaped; characters XML 1.0 does not allow
// (control characters but tab, LF and CR; U+FFFE, U+FFFF) and the C1
// controls (allowed but never meant in news text) dropped; bytes that are
// not UTF-8 become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace herald
