// CSV and TSV framing over libcsv (quotes, embedded line breaks, widths) and
// the rows through the JSON path. A header line holding a tab is read as TSV,
// so the seeds stay plain CSV and TSV files.
#include <algorithm>

#include "tests/fuzz/input_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::uint8_t* header_end = std::find(data, data + size, '\n');
    const bool tabs = std::find(data, header_end, '\t') != header_end;
    herald::fuzz::read_and_parse(data, size, tabs ? herald::Format::Tsv : herald::Format::Csv);
    return 0;
}
