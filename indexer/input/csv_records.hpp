// CSV and TSV framing (libcsv): the header row, then one CsvRow record per
// row, each named by the physical line where it starts.
#pragma once

#include <cstddef>
#include <streambuf>
#include <string>

#include "indexer/input/records.hpp"

namespace herald {

// Reads rows separated by `delimiter` (',' for CSV, '\t' for TSV). Quoted
// fields may hold delimiters, doubled quotes and line breaks; CR LF ends a
// row like LF. Blank rows are skipped; a row of another width than the
// header, a malformed quote, or a row over `limits.max_record_bytes` is
// rejected and reading goes on. `line` is kept at the physical line being
// read, so that an error the stream throws can be placed.
void read_delimited_records(std::streambuf& input, char delimiter, const std::string& name, const ReadLimits& limits,
                            const RecordCallback& on_record, ReadProblems& problems, std::size_t& line);

}  // namespace herald
