#include "herald/records.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "herald/decompress.hpp"
#include "herald/plain_text.hpp"
#include "herald/text.hpp"

namespace herald {
namespace {

using Buffer = std::streambuf;
constexpr auto kEof = std::char_traits<char>::eof();

std::string too_long(std::size_t limit) { return fmt::format("record longer than {} bytes; skipped", limit); }

// JSON Lines: one record a line. A line over the limit is skipped without
// being held in memory whole. Reads in blocks and scans with memchr: this
// runs on the one reading thread that feeds every worker.
void frame_json_lines(Buffer& in, const std::string& name, std::size_t line_number, const ReadLimits& limits,
                      const RecordCallback& on_record, ReadProblems& problems) {
    std::string line;
    bool oversize = false;
    bool any = false;
    auto finish_line = [&] {
        ++line_number;
        const RecordOrigin origin{name, line_number};
        if (oversize) {
            problems.reject(origin, too_long(limits.max_record_bytes));
        } else if (line.find_first_not_of(" \t\r") != std::string::npos) {
            RawRecord record;
            record.kind = RawRecord::Kind::JsonLine;
            record.bytes = std::move(line);
            record.origin = origin;
            on_record(std::move(record));
        }
        line = std::string();
        oversize = false;
        any = false;
    };
    auto append = [&](const char* begin, std::size_t length) {
        any = any || length > 0;
        if (oversize) return;
        if (line.size() + length > limits.max_record_bytes) {
            oversize = true;
            std::string().swap(line);
            return;
        }
        line.append(begin, length);
    };
    std::vector<char> block(1 << 16);
    for (std::streamsize got; (got = in.sgetn(block.data(), static_cast<std::streamsize>(block.size()))) > 0;) {
        const char* position = block.data();
        const char* end = block.data() + got;
        while (position < end) {
            const char* newline = static_cast<const char*>(std::memchr(position, '\n', end - position));
            if (!newline) {
                append(position, static_cast<std::size_t>(end - position));
                break;
            }
            append(position, static_cast<std::size_t>(newline - position));
            finish_line();
            position = newline + 1;
        }
    }
    if (any) finish_line();
}

// CSV (RFC 4180) and TSV framing: quoted fields may hold delimiters, doubled
// quotes and line breaks. Written here rather than with libcsv because the
// indexer must name the physical line where each row starts and bound a
// row's size, which libcsv's callbacks do not expose.
class DelimitedFramer {
  public:
    DelimitedFramer(char delimiter, const std::string& name, const ReadLimits& limits, const RecordCallback& on_record,
                    ReadProblems& problems)
        : delimiter_(delimiter), name_(name), limits_(limits), on_record_(on_record), problems_(problems) {}

    void run(Buffer& in) {
        enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted } state = State::FieldStart;
        for (int c = in.sbumpc(); c != kEof; c = in.sbumpc()) {
            const char ch = static_cast<char>(c);
            if (state == State::Quoted) {
                if (ch == '"') {
                    state = State::QuoteInQuoted;
                } else {
                    if (ch == '\n') ++line_;
                    append(ch);
                }
                continue;
            }
            if (state == State::QuoteInQuoted && ch == '"') {  // a doubled quote inside quotes
                append('"');
                state = State::Quoted;
                continue;
            }
            if (ch == delimiter_) {
                end_cell();
                state = State::FieldStart;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && in.sgetc() == '\n') in.sbumpc();
                end_row();
                ++line_;
                state = State::FieldStart;
            } else if (ch == '"' && state == State::FieldStart) {
                state = State::Quoted;
                row_has_content_ = true;
            } else {
                append(ch);
                state = State::Unquoted;
            }
        }
        if (state == State::Quoted) {
            problems_.reject({name_, row_line_}, "unterminated quoted field at end of file");
            return;
        }
        end_row();
    }

  private:
    void append(char ch) {
        row_has_content_ = true;
        if (oversize_) return;
        if (++row_bytes_ > limits_.max_record_bytes) {
            oversize_ = true;
            cell_.clear();
            cells_.clear();
            return;
        }
        cell_.push_back(ch);
    }
    void end_cell() {
        row_has_content_ = true;
        if (!oversize_) cells_.push_back(std::move(cell_));
        cell_.clear();
    }
    void end_row() {
        if (row_has_content_) {
            end_cell();
            deliver_row();
        }
        cells_.clear();
        cell_.clear();
        row_has_content_ = false;
        oversize_ = false;
        row_bytes_ = 0;
        row_line_ = line_ + 1;
    }
    void deliver_row() {
        const RecordOrigin origin{name_, row_line_};
        if (oversize_) {
            problems_.reject(origin, too_long(limits_.max_record_bytes));
            return;
        }
        if (!header_) {
            header_ = std::make_shared<const std::vector<std::string>>(std::move(cells_));
            return;
        }
        if (cells_.size() != header_->size()) {
            problems_.reject(origin, fmt::format("row has {} columns, header has {}", cells_.size(), header_->size()));
            return;
        }
        RawRecord record;
        record.kind = RawRecord::Kind::CsvRow;
        record.cells = std::move(cells_);
        record.header = header_;
        record.origin = origin;
        on_record_(std::move(record));
    }

    char delimiter_;
    const std::string& name_;
    const ReadLimits& limits_;
    const RecordCallback& on_record_;
    ReadProblems& problems_;
    std::shared_ptr<const std::vector<std::string>> header_;
    std::vector<std::string> cells_;
    std::string cell_;
    bool row_has_content_ = false;
    bool oversize_ = false;
    std::size_t row_bytes_ = 0;
    std::size_t line_ = 1;      // physical line being read
    std::size_t row_line_ = 1;  // line where the current row started
};

// The whole stream as one record (a text article or a JSON document).
void frame_whole(Buffer& in, RawRecord::Kind kind, const std::string& name, std::string text_id,
                 const ReadLimits& limits, const RecordCallback& on_record, ReadProblems& problems) {
    RawRecord record;
    record.kind = kind;
    record.text_id = std::move(text_id);
    record.origin = {name, 0};
    char chunk[1 << 16];
    for (std::streamsize got; (got = in.sgetn(chunk, sizeof chunk)) > 0;) {
        if (record.bytes.size() + static_cast<std::size_t>(got) > limits.max_record_bytes) {
            problems.reject(record.origin, too_long(limits.max_record_bytes));
            return;
        }
        record.bytes.append(chunk, static_cast<std::size_t>(got));
    }
    on_record(std::move(record));
}

void frame(std::istream& stream, Format format, const std::string& name, const std::string& text_id,
           std::size_t lines_before, const ReadLimits& limits, const RecordCallback& on_record,
           ReadProblems& problems) {
    Buffer& in = *stream.rdbuf();
    switch (format) {
        case Format::JsonLines:
            frame_json_lines(in, name, lines_before, limits, on_record, problems);
            return;
        case Format::Csv:
        case Format::Tsv:
            DelimitedFramer(format == Format::Csv ? ',' : '\t', name, limits, on_record, problems).run(in);
            return;
        case Format::Json:
            frame_whole(in, RawRecord::Kind::JsonDocument, name, {}, limits, on_record, problems);
            return;
        case Format::Text:
            frame_whole(in, RawRecord::Kind::Text, name, text_id, limits, on_record, problems);
            return;
    }
}

// Runs `read`, turning an exception from the stream (a truncated or corrupt
// compressed file, an I/O error) into one rejection at the place it broke.
template <typename Read>
void guarded(const std::string& name, ReadProblems& problems, const std::size_t& last_line, Read read) {
    try {
        read();
    } catch (const std::ios_base::failure& error) {
        problems.reject({name, last_line}, "read error");
    } catch (const std::runtime_error& error) {
        problems.reject({name, last_line}, error.what());
    }
}

// Serves a few bytes already taken from a stream, then the rest of it: lets
// standard input be sniffed for compression without seeking.
class ReplayBuffer : public std::streambuf {
  public:
    ReplayBuffer(std::string prefix, std::istream& rest) : prefix_(std::move(prefix)), rest_(rest) {
        setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
    }

  private:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        rest_.read(chunk_, sizeof chunk_);
        const auto got = rest_.gcount();
        if (got <= 0) return traits_type::eof();
        setg(chunk_, chunk_, chunk_ + got);
        return traits_type::to_int_type(*gptr());
    }

    std::string prefix_;
    std::istream& rest_;
    char chunk_[1 << 16];
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
    std::size_t last_line = 0;
    auto tracking = [&](RawRecord&& record) {
        last_line = record.origin.line;
        on_record(std::move(record));
    };
    guarded(name, problems, last_line, [&] {
        auto stream = decompressing_stream(raw, compression_for_path(input.path), bytes_read);
        frame(*stream, input.format, name, input.id, 0, limits, tracking, problems);
    });
}

void read_record_stream(std::istream& input, const std::string& name, std::optional<Format> forced,
                        const ReadLimits& limits, const RecordCallback& on_record, ReadProblems& problems,
                        std::uint64_t* bytes_read) {
    std::size_t last_line = 0;
    auto tracking = [&](RawRecord&& record) {
        last_line = record.origin.line;
        on_record(std::move(record));
    };
    guarded(name, problems, last_line, [&] {
        char magic[4] = {};
        input.read(magic, sizeof magic);
        const std::string prefix(magic, static_cast<std::size_t>(input.gcount()));
        if (bytes_read) *bytes_read += prefix.size();
        ReplayBuffer replay(prefix, input);
        std::istream replayed(&replay);
        auto stream = decompressing_stream(replayed, compression_for_magic(prefix), nullptr);
        std::optional<Format> format = forced;
        std::size_t blank_lines = 0;
        if (!format) {
            // Skip leading whitespace to sniff the format, counting the lines skipped.
            Buffer& in = *stream->rdbuf();
            for (int c = in.sgetc(); c != kEof && std::isspace(c); c = in.snextc()) {
                if (c == '\n') ++blank_lines;
            }
            format = in.sgetc() == '{' ? Format::JsonLines : Format::Text;
        }
        frame(*stream, *format, name, {}, blank_lines, limits, tracking, problems);
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
                nlohmann::json object = nlohmann::json::object();
                bool any_latin1 = false;
                for (std::size_t i = 0; i < record.cells.size(); ++i) {
                    bool was_latin1 = false;
                    object[(*record.header)[i]] = to_utf8(record.cells[i], was_latin1);
                    any_latin1 = any_latin1 || was_latin1;
                }
                if (any_latin1) warnings.push_back("not valid UTF-8; decoded as Latin-1");
                return article_from_json(object, fields, warnings);
            });
            return;
    }
}

}  // namespace herald
