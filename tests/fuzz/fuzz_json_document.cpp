// A .json document: one article object or an array of them.
#include "tests/fuzz/input_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    herald::fuzz::read_and_parse(data, size, herald::Format::Json);
    return 0;
}
