// Near-duplicate signatures: SimHash (Charikar) over 3-word shingles of the
// folded text. Copies of a story with small edits get equal or close
// signatures; the searcher collapses equal ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace herald {

// `folded_text` should already be folded (see text.hpp).
std::uint64_t simhash(std::string_view folded_text);
int hamming_distance(std::uint64_t a, std::uint64_t b);

}  // namespace herald
