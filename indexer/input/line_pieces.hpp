// Splits a stream into physical lines handed out in pieces of at most one
// buffer, so that an over-long line is never held in memory whole.
#pragma once

#include <optional>
#include <streambuf>
#include <string_view>
#include <vector>

namespace herald {

class LinePieces {
  public:
    struct Piece {
        std::string_view bytes;  // valid until the next call to next()
        bool ends_line = false;  // the piece ends with '\n'
    };

    explicit LinePieces(std::streambuf& input, std::size_t buffer_bytes = 1 << 16);

    // The next piece: bytes up to and including the next '\n', or up to the
    // end of the buffer. nullopt at the end of the input. Exceptions from
    // the stream buffer (a corrupt compressed file) pass through.
    std::optional<Piece> next();

  private:
    std::streambuf& input_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

}  // namespace herald
