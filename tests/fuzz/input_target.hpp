// The input targets frame and parse the fuzzer's bytes as a stream of one
// format, as `indexer` reads standard input: every record goes through
// parse_record into a CheckingSink. Reading never throws on bad input (it
// rejects), so any exception that escapes is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "indexer/input/records.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace herald::fuzz {

// The FieldMap of a dataset with a renamed field and a keyword field.
inline const FieldMap& fuzz_fields() {
    static const FieldMap fields = [] {
        FieldMap map;
        map.add_keyword("bias");
        map.set("body", "content");
        return map;
    }();
    return fields;
}

// Small enough that over-long records are rejected now and then.
inline constexpr std::size_t kFuzzMaxRecordBytes = 2048;

inline void read_and_parse(const std::uint8_t* data, std::size_t size, Format format) {
    std::istringstream input(std::string(as_text(data, size)));
    ReadLimits limits;
    limits.max_record_bytes = kFuzzMaxRecordBytes;
    CheckingSink sink;
    struct Problems : ReadProblems {
        void warn(const RecordOrigin&, const std::string& message) override { require(!message.empty(), "warning"); }
        void reject(const RecordOrigin&, const std::string& reason) override { require(!reason.empty(), "reason"); }
    } problems;
    read_record_stream(
        input, "fuzz", format, limits, [&](RawRecord&& record) { parse_record(record, fuzz_fields(), sink); },
        problems);
}

}  // namespace herald::fuzz
