// JSON Lines records: framing (line pieces, blank lines, over-long lines) and
// each line through simdjson, falling back to nlohmann.
#include "tests/fuzz/input_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    herald::fuzz::read_and_parse(data, size, herald::Format::JsonLines);
    return 0;
}
