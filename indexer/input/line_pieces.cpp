#include "indexer/input/line_pieces.hpp"

#include <algorithm>
#include <cstring>

namespace herald {

LinePieces::LinePieces(std::streambuf& input, std::size_t buffer_bytes) : input_(input), buffer_(buffer_bytes) {}

std::optional<LinePieces::Piece> LinePieces::next() {
    if (begin_ == end_) {
        // Take what one read of the stream gave rather than waiting for a
        // full buffer, so records from a pipe are not held back.
        if (input_.sgetc() == std::streambuf::traits_type::eof()) return std::nullopt;
        const std::streamsize wanted =
            std::clamp<std::streamsize>(input_.in_avail(), 1, static_cast<std::streamsize>(buffer_.size()));
        begin_ = 0;
        end_ = static_cast<std::size_t>(input_.sgetn(buffer_.data(), wanted));
    }
    const char* start = buffer_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    const std::size_t length = newline ? static_cast<std::size_t>(newline - start) + 1 : end_ - begin_;
    begin_ += length;
    return Piece{std::string_view(start, length), newline != nullptr};
}

}  // namespace herald
