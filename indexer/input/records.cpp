#include "indexer/input/records.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/hash.hpp"
#include "common/text.hpp"
#include "indexer/input/csv_records.hpp"
#include "indexer/input/decompress.hpp"
#include "indexer/input/line_pieces.hpp"
#include "indexer/input/plain_text.hpp"

namespace herald {

namespace {

// `value` as its 8 bytes, least significant first, so digests are the same
// on every platform.
std::uint64_t hash_number(std::uint64_t value, std::uint64_t digest) {
    char bytes[8];
    for (char& byte : bytes) {
        byte = static_cast<char>(value & 0xFF);
        value >>= 8;
    }
    return stable_hash(std::string_view(bytes, sizeof bytes), digest);
}

}  // namespace

std::uint64_t record_digest(const RawRecord& record) {
    std::uint64_t digest = hash_number(static_cast<std::uint64_t>(record.kind), kStableHashSeed);
    // Each part is preceded by its length, so no two records hash alike by
    // moving bytes between parts.
    auto add = [&digest](std::string_view part) { digest = stable_hash(part, hash_number(part.size(), digest)); };
    add(record.bytes);
    add(record.text_id);
    for (const auto& cell : record.cells) add(cell);
    if (record.header) {
        for (const auto& name : *record.header) add(name);
    }
    return digest;
}

std::uint64_t extend_records_digest(std::uint64_t digest, std::uint64_t next_record_digest) {
    return hash_number(next_record_digest, digest);
}

namespace {

constexpr auto kEof = std::char_traits<char>::eof();

std::string too_long(std::size_t limit) { return fmt::format("record longer than {} bytes; skipped", limit); }

// JSON Lines: one record a line, blank lines skipped. A line over the limit
// is rejected and skipped without being held in memory whole. `line` is the
// physical line being read; it starts after `line` lines already consumed.
void frame_json_lines(std::streambuf& input, const std::string& name, const ReadLimits& limits,
                      const RecordCallback& on_record, ReadProblems& problems, std::size_t& line) {
    std::string bytes;
    bool oversize = false;
    bool started = false;  // any byte of the current line seen
    auto finish_line = [&] {
        const RecordOrigin origin{name, line};
        if (oversize) {
            problems.reject(origin, too_long(limits.max_record_bytes));
        } else if (bytes.find_first_not_of(" \t\r") != std::string::npos) {
            RawRecord record;
            record.kind = RawRecord::Kind::JsonLine;
            record.bytes = std::move(bytes);
            record.origin = origin;
            on_record(std::move(record));
        }
        bytes.clear();
        oversize = started = false;
    };
    ++line;
    LinePieces pieces(input);
    while (const auto piece = pieces.next()) {
        started = true;
        std::string_view content = piece->bytes;
        if (piece->ends_line) content.remove_suffix(1);
        if (!oversize && bytes.size() + content.size() > limits.max_record_bytes) {
            oversize = true;
            std::string().swap(bytes);  // give the memory back
        }
        if (!oversize) bytes.append(content);
        if (piece->ends_line) {
            finish_line();
            ++line;
        }
    }
    if (started) finish_line();  // a last line without a line break
}

// The whole stream as one record (a text article or a JSON document).
void frame_whole(std::streambuf& input, RawRecord::Kind kind, const std::string& name, std::string text_id,
                 const ReadLimits& limits, const RecordCallback& on_record, ReadProblems& problems) {
    RawRecord record;
    record.kind = kind;
    record.text_id = std::move(text_id);
    record.origin = {name, 0};
    std::vector<char> chunk(1 << 16);
    for (std::streamsize got; (got = input.sgetn(chunk.data(), static_cast<std::streamsize>(chunk.size()))) > 0;) {
        if (record.bytes.size() + static_cast<std::size_t>(got) > limits.max_record_bytes) {
            problems.reject(record.origin, too_long(limits.max_record_bytes));
            return;
        }
        record.bytes.append(chunk.data(), static_cast<std::size_t>(got));
    }
    on_record(std::move(record));
}

// Frames a (decompressed) stream by format. `line` follows the physical line
// being read, for errors the stream throws; it starts after the lines
// already consumed.
void frame(std::streambuf& input, Format format, const std::string& name, const std::string& text_id,
           const ReadLimits& limits, const RecordCallback& on_record, ReadProblems& problems, std::size_t& line) {
    switch (format) {
        case Format::JsonLines:
            frame_json_lines(input, name, limits, on_record, problems, line);
            return;
        case Format::Csv:
        case Format::Tsv:
            read_delimited_records(input, format == Format::Csv ? ',' : '\t', name, limits, on_record, problems, line);
            return;
        case Format::Json:
            frame_whole(input, RawRecord::Kind::JsonDocument, name, {}, limits, on_record, problems);
            return;
        case Format::Text:
            frame_whole(input, RawRecord::Kind::Text, name, text_id, limits, on_record, problems);
            return;
    }
}

// Runs `read`, turning an error of the input (a truncated or corrupt
// compressed stream, an I/O error) into one rejection where it broke; the
// records before it have been delivered. Errors of the callbacks pass.
template <typename Read>
void guarded(const std::string& name, ReadProblems& problems, const std::size_t& line, Read read) {
    try {
        read();
    } catch (const InputError& error) {
        problems.reject({name, line}, error.what());
    } catch (const std::ios_base::failure& error) {
        problems.reject({name, line}, fmt::format("read error: {}", error.what()));
    }
}

// Serves a few bytes already taken from a stream, then the rest of it: lets
// standard input be sniffed for compression without seeking.
class ReplayBuffer : public std::streambuf {
  public:
    ReplayBuffer(std::string prefix, std::istream& rest, std::uint64_t* bytes_read)
        : prefix_(std::move(prefix)), rest_(rest), bytes_read_(bytes_read), chunk_(1 << 16) {
        setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
    }

  private:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        rest_.read(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
        if (rest_.bad()) throw InputError("read error");
        const auto got = rest_.gcount();
        if (got <= 0) return traits_type::eof();
        if (bytes_read_) *bytes_read_ += static_cast<std::uint64_t>(got);
        setg(chunk_.data(), chunk_.data(), chunk_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

    std::string prefix_;
    std::istream& rest_;
    std::uint64_t* bytes_read_;
    std::vector<char> chunk_;
};

// The decompressed bytes of `raw`: by the compression `known` from a file's
// extension, else by the stream's magic bytes (read without seeking, so
// pipes work too). Counts raw bytes into `bytes_read`.
class DecompressedInput {
  public:
    DecompressedInput(std::istream& raw, Compression known, std::uint64_t* bytes_read)
        : replay_(read_magic(raw, bytes_read), raw, bytes_read),
          replayed_(&replay_),
          stream_(decompressing_stream(replayed_, known != Compression::None ? known : compression_for_magic(magic_),
                                       nullptr)) {}

    std::streambuf& buffer() { return *stream_->rdbuf(); }

  private:
    std::string read_magic(std::istream& raw, std::uint64_t* bytes_read) {
        char magic[4] = {};
        raw.read(magic, sizeof magic);
        if (raw.bad()) throw InputError("read error");
        magic_.assign(magic, static_cast<std::size_t>(raw.gcount()));
        if (bytes_read) *bytes_read += magic_.size();
        return magic_;
    }

    std::string magic_;  // first: read_magic() fills it while replay_ is built
    ReplayBuffer replay_;
    std::istream replayed_;
    std::unique_ptr<std::istream> stream_;
};

}  // namespace

void read_records(const InputFile& input, const ReadLimits& limits, const RecordCallback& on_record,
                  ReadProblems& problems, std::uint64_t* bytes_read) {
    const std::string name = input.path.string();
    std::ifstream raw(input.path, std::ios::binary);
    if (!raw) {
        problems.reject({name, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
        return;
    }
    std::size_t line = 0;
    guarded(name, problems, line, [&] {
        DecompressedInput decompressed(raw, compression_for_path(input.path), bytes_read);
        frame(decompressed.buffer(), input.format, name, input.id, limits, on_record, problems, line);
    });
}

void read_record_stream(std::istream& input, const std::string& name, std::optional<Format> forced,
                        const ReadLimits& limits, const RecordCallback& on_record, ReadProblems& problems,
                        std::uint64_t* bytes_read) {
    std::size_t line = 0;
    guarded(name, problems, line, [&] {
        DecompressedInput input_bytes(input, Compression::None, bytes_read);
        std::streambuf& decompressed = input_bytes.buffer();
        std::optional<Format> format = forced;
        if (!format) {
            // Skip leading whitespace to sniff the format, counting the lines skipped.
            for (int c = decompressed.sgetc(); c != kEof && std::isspace(c); c = decompressed.snextc()) {
                if (c == '\n') ++line;
            }
            format = decompressed.sgetc() == '{' ? Format::JsonLines : Format::Text;
        }
        frame(decompressed, *format, name, {}, limits, on_record, problems, line);
    });
}

void parse_record(const RawRecord& record, const FieldMap& fields, ArticleSink& sink) {
    switch (record.kind) {
        case RawRecord::Kind::JsonLine:
            deliver(record.origin, sink, [&](std::vector<std::string>& warnings) {
                return article_from_json_line(record.bytes, fields, warnings);
            });
            return;
        case RawRecord::Kind::JsonDocument:
            read_json_document(record.bytes, record.origin.file, fields, sink);
            return;
        case RawRecord::Kind::Text:
            deliver(record.origin, sink, [&](std::vector<std::string>& warnings) {
                return parse_plain_text(record.bytes, record.text_id, warnings);
            });
            return;
        case RawRecord::Kind::CsvRow:
            deliver(record.origin, sink, [&](std::vector<std::string>& warnings) {
                // Through the JSON path, so --field renames, list splitting
                // and validation are the same as for JSON Lines.
                nlohmann::json object = nlohmann::json::object();
                bool any_latin1 = false;
                const auto utf8 = [&any_latin1](const std::string& bytes) {
                    bool was_latin1 = false;
                    std::string text = to_utf8(bytes, was_latin1);
                    any_latin1 = any_latin1 || was_latin1;
                    return text;
                };
                for (std::size_t i = 0; i < record.cells.size() && i < record.header->size(); ++i) {
                    object[utf8((*record.header)[i])] = utf8(record.cells[i]);
                }
                if (any_latin1) warnings.emplace_back("not valid UTF-8; decoded as Latin-1");
                return article_from_json(object, fields, warnings);
            });
            return;
    }
}

}  // namespace herald
