// zstd and gzip decoding (indexer/input/decompress). Input that starts with a
// zstd or gzip magic number is decoded as it is: corrupt and truncated data
// must end in InputError, never a crash. Any other input is compressed here as
// two frames (zstd) or members (gzip), split where its first byte says, and
// must decode back to itself: concatenated frames and buffer boundaries are
// Herald's code, not the codecs'.
#include <zlib.h>
#include <zstd.h>

#include <ios>
#include <sstream>
#include <string>
#include <string_view>

#include "indexer/input/decompress.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using herald::Compression;
using herald::fuzz::require;

// Decoded output beyond this is not read: a tiny input may inflate hugely.
constexpr std::size_t kMaxDecodedBytes = 4u << 20;

// Reads the decoded bytes through the stream buffer, as the framing does.
std::string decode(const std::string& raw_bytes, Compression compression) {
    std::istringstream raw(raw_bytes);
    const auto stream = herald::decompressing_stream(raw, compression);
    std::string decoded;
    char chunk[4096];
    for (std::streamsize got; decoded.size() < kMaxDecodedBytes &&
                              (got = stream->rdbuf()->sgetn(chunk, static_cast<std::streamsize>(sizeof chunk))) > 0;) {
        decoded.append(chunk, static_cast<std::size_t>(got));
    }
    return decoded;
}

std::string zstd_frame(std::string_view text) {
    std::string frame(ZSTD_compressBound(text.size()), '\0');
    const std::size_t size = ZSTD_compress(frame.data(), frame.size(), text.data(), text.size(), 1);
    require(!ZSTD_isError(size), "ZSTD_compress");
    frame.resize(size);
    return frame;
}

std::string gzip_member(std::string_view text) {
    z_stream stream{};
    require(deflateInit2(&stream, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
    std::string member(deflateBound(&stream, text.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(member.data());
    stream.avail_out = static_cast<uInt>(member.size());
    const int status = deflate(&stream, Z_FINISH);
    member.resize(stream.total_out);
    deflateEnd(&stream);
    require(status == Z_STREAM_END, "deflate");
    return member;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(herald::fuzz::as_text(data, size));
    const Compression magic = herald::compression_for_magic(bytes);
    if (magic != Compression::None) {
        try {
            decode(bytes, magic);
        } catch (const herald::InputError& error) {
            require(std::string_view(error.what()).size() > 0, "InputError says what broke");
        }
        return 0;
    }
    const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
    const std::string_view text(bytes);
    const bool zstd = size % 2 == 0;
    const std::string compressed = zstd ? zstd_frame(text.substr(0, split)) + zstd_frame(text.substr(split))
                                        : gzip_member(text.substr(0, split)) + gzip_member(text.substr(split));
    require(decode(compressed, zstd ? Compression::Zstd : Compression::Gzip) == bytes,
            "two frames or members decode back to the input");
    return 0;
}
