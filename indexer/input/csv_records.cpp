#include "indexer/input/csv_records.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

#include "indexer/input/line_pieces.hpp"

namespace herald {
namespace {

// Owns a libcsv parser: strict quoting, so a malformed row is reported
// rather than silently merged with its neighbours.
class CsvParser {
  public:
    explicit CsvParser(char delimiter) : delimiter_(delimiter) { init(); }
    ~CsvParser() { csv_free(&parser_); }
    CsvParser(const CsvParser&) = delete;
    CsvParser& operator=(const CsvParser&) = delete;

    // Forgets a partly read row.
    void reset() {
        csv_free(&parser_);
        init();
    }
    csv_parser* get() { return &parser_; }

  private:
    void init() {
        if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
        csv_set_delim(&parser_, static_cast<unsigned char>(delimiter_));
    }

    char delimiter_;
    csv_parser parser_{};
};

struct FinishedRow {
    std::vector<std::string> cells;
    std::size_t line = 0;
};

class DelimitedFramer {
  public:
    DelimitedFramer(char delimiter, const std::string& name, const ReadLimits& limits, const RecordCallback& on_record,
                    ReadProblems& problems, std::size_t& line)
        : delimiter_(delimiter),
          parser_(delimiter),
          name_(name),
          limits_(limits),
          on_record_(on_record),
          problems_(problems),
          line_(line) {}

    void run(std::streambuf& input) {
        ++line_;  // now the first line
        LinePieces pieces(input);
        while (const auto piece = pieces.next()) {
            if (discarding_) {
                discard(*piece);
            } else {
                feed(*piece);
            }
            if (piece->ends_line) ++line_;
        }
        if (!discarding_ && csv_fini(parser_.get(), on_cell, on_row_end, this) != 0) {
            problems_.reject({name_, row_line_}, "unterminated quoted field at end of file");
        }
        deliver_finished_rows();
    }

  private:
    void feed(const LinePieces::Piece& piece) {
        if (!row_open_) {
            if (is_blank(piece.bytes)) return;  // libcsv skips it too; keeps row_line_ right
            open_row();
        }
        row_bytes_ += piece.bytes.size();
        row_quotes_ += static_cast<std::size_t>(std::count(piece.bytes.begin(), piece.bytes.end(), '"'));
        if (row_bytes_ > limits_.max_record_bytes) {
            problems_.reject({name_, row_line_},
                             fmt::format("record longer than {} bytes; skipped", limits_.max_record_bytes));
            start_discarding(piece);
            return;
        }
        const std::size_t parsed =
            csv_parse(parser_.get(), piece.bytes.data(), piece.bytes.size(), on_cell, on_row_end, this);
        deliver_finished_rows();
        if (parsed != piece.bytes.size()) {
            problems_.reject({name_, row_line_},
                             fmt::format("malformed CSV: {}", csv_strerror(csv_error(parser_.get()))));
            // Resume at the next physical line.
            parser_.reset();
            close_row();
            if (!piece.ends_line) discarding_to_line_end_ = discarding_ = true;
        }
    }

    // Skips the rest of an over-long row: it ends at a line break outside
    // quotes, i.e. once the row's quotes are balanced (RFC 4180 doubles the
    // quotes inside quoted fields).
    void start_discarding(const LinePieces::Piece& piece) {
        parser_.reset();
        cells_.clear();
        discarding_ = true;
        discarding_to_line_end_ = false;
        if (piece.ends_line && row_quotes_ % 2 == 0) {
            discarding_ = false;
            close_row();
        }
    }

    void discard(const LinePieces::Piece& piece) {
        if (discarding_to_line_end_) {
            if (piece.ends_line) discarding_ = discarding_to_line_end_ = false;
            return;
        }
        row_quotes_ += static_cast<std::size_t>(std::count(piece.bytes.begin(), piece.bytes.end(), '"'));
        if (piece.ends_line && row_quotes_ % 2 == 0) {
            discarding_ = false;
            close_row();
        }
    }

    bool is_blank(std::string_view bytes) const {
        return std::all_of(bytes.begin(), bytes.end(), [this](char c) {
            return c == '\n' || c == '\r' || c == ' ' || (c == '\t' && delimiter_ != '\t');
        });
    }

    void open_row() {
        row_open_ = true;
        row_line_ = line_;
        row_bytes_ = 0;
        row_quotes_ = 0;
    }
    void close_row() {
        row_open_ = false;
        cells_.clear();
    }

    // libcsv callbacks: they only collect, so that no exception from the
    // record callback has to cross libcsv's C frames.
    static void on_cell(void* bytes, std::size_t size, void* self) {
        auto& framer = *static_cast<DelimitedFramer*>(self);
        if (!framer.row_open_) framer.open_row();  // a row after a bare CR, mid-piece
        framer.cells_.emplace_back(static_cast<const char*>(bytes), size);
    }
    static void on_row_end(int /*terminator*/, void* self) {
        auto& framer = *static_cast<DelimitedFramer*>(self);
        framer.finished_.push_back({std::move(framer.cells_), framer.row_line_});
        framer.close_row();
    }

    void deliver_finished_rows() {
        for (auto& row : finished_) deliver(std::move(row));
        finished_.clear();
    }

    void deliver(FinishedRow&& row) {
        const RecordOrigin origin{name_, row.line};
        const bool empty = std::all_of(row.cells.begin(), row.cells.end(), [](const auto& c) { return c.empty(); });
        if (empty) return;
        if (!header_) {
            // A byte-order mark from a spreadsheet export is not part of the first name.
            constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
            if (row.cells[0].compare(0, kByteOrderMark.size(), kByteOrderMark) == 0) {
                row.cells[0].erase(0, kByteOrderMark.size());
            }
            header_ = std::make_shared<const std::vector<std::string>>(std::move(row.cells));
            return;
        }
        if (row.cells.size() != header_->size()) {
            problems_.reject(origin,
                             fmt::format("row has {} columns, header has {}", row.cells.size(), header_->size()));
            return;
        }
        RawRecord record;
        record.kind = RawRecord::Kind::CsvRow;
        record.cells = std::move(row.cells);
        record.header = header_;
        record.origin = origin;
        on_record_(std::move(record));
    }

    char delimiter_;
    CsvParser parser_;
    const std::string& name_;
    const ReadLimits& limits_;
    const RecordCallback& on_record_;
    ReadProblems& problems_;
    std::size_t& line_;  // physical line being read, 1-based

    std::shared_ptr<const std::vector<std::string>> header_;
    std::vector<std::string> cells_;  // of the row being read
    std::vector<FinishedRow> finished_;
    bool row_open_ = false;
    std::size_t row_line_ = 1;
    std::size_t row_bytes_ = 0;
    std::size_t row_quotes_ = 0;
    bool discarding_ = false;
    bool discarding_to_line_end_ = false;
};

}  // namespace

void read_delimited_records(std::streambuf& input, char delimiter, const std::string& name, const ReadLimits& limits,
                            const RecordCallback& on_record, ReadProblems& problems, std::size_t& line) {
    DelimitedFramer(delimiter, name, limits, on_record, problems, line).run(input);
}

}  // namespace herald
