// Reading zstd- and gzip-compressed inputs as plain streams, so that
// `articles.jsonl.zst` is indexed without unpacking it first.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace herald {

// An input that cannot be read on: a truncated or corrupt compressed
// stream, or an I/O error. Readers reject the rest of the input with it.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class Compression { None, Zstd, Gzip };

// By extension: .zst/.zstd, .gz.
Compression compression_for_path(const std::filesystem::path& path);
// By the magic bytes at the start of `prefix`.
Compression compression_for_magic(std::string_view prefix);
// "articles.jsonl.zst" -> "articles.jsonl"; other paths unchanged.
std::filesystem::path without_compression_extension(const std::filesystem::path& path);

// A stream of the decompressed bytes of `raw` (which must outlive it). A
// corrupt or truncated input throws InputError from the read that meets it
// ("truncated zstd stream", "corrupt gzip data: ..."), through the stream
// buffer as well as the istream; the bytes before it are delivered.
// Concatenated zstd frames and gzip members are read as one stream.
// `raw_bytes_read`, when given, is advanced by the compressed bytes consumed
// (at least every 64 KiB). For Compression::None, reads `raw` as it is.
std::unique_ptr<std::istream> decompressing_stream(std::istream& raw, Compression compression,
                                                   std::uint64_t* raw_bytes_read = nullptr);

}  // namespace herald
