// Plain-text articles, the format of the seed article and the BBC corpus:
// the first non-empty line is the title, a repeat of it right after is
// dropped, the rest is the body.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace herald {

// Throws RecordError for an empty file; appends warnings (e.g. Latin-1 fallback).
Article parse_plain_text(std::string_view bytes, std::string id, std::vector<std::string>& warnings);

}  // namespace herald
