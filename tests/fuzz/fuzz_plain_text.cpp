// Plain-text articles (the seed and BBC format): title line, repeated title,
// body, Latin-1 fallback, control characters.
#include "tests/fuzz/input_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    herald::fuzz::read_and_parse(data, size, herald::Format::Text);
    return 0;
}
