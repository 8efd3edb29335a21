// Raw input records: the split between reading (sequential: files, streams,
// decompression, line and CSV framing) and parsing (parallel: JSON, plain
// text and CSV rows into Articles). The batch indexer reads records on one
// thread and parses them on many.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/hash.hpp"
#include "indexer/input/inputs.hpp"
#include "indexer/input/json_articles.hpp"
#include "indexer/input/reader.hpp"

namespace herald {

struct RawRecord {
    enum class Kind { JsonLine, JsonDocument, Text, CsvRow };
    Kind kind = Kind::JsonLine;
    std::string bytes;                                       // JsonLine, JsonDocument, Text
    std::vector<std::string> cells;                          // CsvRow
    std::shared_ptr<const std::vector<std::string>> header;  // CsvRow: the file's header row
    std::string text_id;                                     // Text: id derived from the path
    RecordOrigin origin;
};

// A record's own digest: everything parse_record reads of it.
std::uint64_t record_digest(const RawRecord& record);

// The digest of a sequence of records, extended by the next record's
// record_digest(): a resumed job checks with it that the records it skips
// are those a checkpoint says were committed.
inline constexpr std::uint64_t kEmptyRecordsDigest = kStableHashSeed;
std::uint64_t extend_records_digest(std::uint64_t digest, std::uint64_t next_record_digest);

// Problems found while reading (not parsing): unreadable files, truncated
// compressed streams, over-long records, CSV rows of the wrong width. The
// batch indexer reports them from the reading thread.
class ReadProblems {
  public:
    virtual ~ReadProblems() = default;
    virtual void warn(const RecordOrigin& origin, const std::string& message) = 0;
    virtual void reject(const RecordOrigin& origin, const std::string& reason) = 0;
};

struct ReadLimits {
    // A record (a JSON line, a text file, a CSV row) longer than this is
    // rejected without being held in memory whole.
    std::size_t max_record_bytes = 16u << 20;
};

using RecordCallback = std::function<void(RawRecord&&)>;

// Reads one input file's records in order. Compressed files (.zst, .gz) are
// decompressed on the fly; the format is detected from the inner extension
// (articles.jsonl.zst is JSON Lines). A truncated or corrupt stream is
// rejected at the place it breaks; the records before it are kept.
// `bytes_read`, when given, is advanced by raw (on-disk) bytes consumed, for
// progress reports.
void read_records(const InputFile& input, const ReadLimits& limits, const RecordCallback& on_record,
                  ReadProblems& problems, std::uint64_t* bytes_read = nullptr);

// The same for a stream (standard input): zstd and gzip are recognised by
// their magic bytes; without a forced format, a stream whose first non-blank
// byte is '{' is JSON Lines, anything else one text article.
void read_record_stream(std::istream& input, const std::string& name, std::optional<Format> forced,
                        const ReadLimits& limits, const RecordCallback& on_record, ReadProblems& problems,
                        std::uint64_t* bytes_read = nullptr);

// Parses one record into articles (a JSON document may hold many) and
// delivers them, with warnings and rejections, to `sink`.
void parse_record(const RawRecord& record, const FieldMap& fields, ArticleSink& sink);

}  // namespace herald
