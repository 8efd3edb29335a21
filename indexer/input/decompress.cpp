#include "indexer/input/decompress.hpp"

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <new>
#include <streambuf>
#include <vector>

namespace herald {
namespace fs = std::filesystem;
namespace {

// Compressed bytes are pulled in 64 KiB steps so progress counts move often.
constexpr std::size_t kInputBytes = 1 << 16;
constexpr std::size_t kOutputBytes = 1 << 17;

std::string lower_extension(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

// Reads up to `size` bytes of `raw`, counting them; throws on an I/O error.
std::size_t read_raw(std::istream& raw, char* data, std::size_t size, std::uint64_t* counter) {
    raw.read(data, static_cast<std::streamsize>(size));
    if (raw.bad()) throw InputError("read error");
    const auto got = static_cast<std::size_t>(raw.gcount());
    if (counter) *counter += got;
    return got;
}

// Owns a zstd decompression context.
class ZstdDecoder {
  public:
    ZstdDecoder() : context_(ZSTD_createDCtx(), ZSTD_freeDCtx) {
        if (!context_) throw std::bad_alloc();
    }

    // Decodes from [in_begin, in_end) into [out, out + out_size); returns the
    // bytes produced and advances in_begin.
    std::size_t decode(const char*& in_begin, const char* in_end, char* out, std::size_t out_size) {
        // After a frame ends, a call without input would start waiting for
        // the next frame's header: nothing is pending.
        if (in_begin == in_end && frame_complete_) return 0;
        ZSTD_inBuffer in{in_begin, static_cast<std::size_t>(in_end - in_begin), 0};
        ZSTD_outBuffer output{out, out_size, 0};
        const std::size_t hint = ZSTD_decompressStream(context_.get(), &output, &in);
        if (ZSTD_isError(hint)) throw InputError(fmt::format("corrupt zstd data: {}", ZSTD_getErrorName(hint)));
        frame_complete_ = hint == 0;  // 0: a frame ended and everything is flushed
        in_begin += in.pos;
        return output.pos;
    }
    bool at_boundary() const { return frame_complete_; }
    static const char* name() { return "zstd"; }

  private:
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context_;
    bool frame_complete_ = true;  // an empty file is an empty stream
};

// Owns a zlib inflate stream reading gzip members.
class GzipDecoder {
  public:
    GzipDecoder() {
        if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) throw std::bad_alloc();
    }
    ~GzipDecoder() { inflateEnd(&stream_); }
    GzipDecoder(const GzipDecoder&) = delete;
    GzipDecoder& operator=(const GzipDecoder&) = delete;

    std::size_t decode(const char*& in_begin, const char* in_end, char* out, std::size_t out_size) {
        if (in_begin == in_end && (member_complete_ || !started_)) return 0;  // nothing pending
        if (member_complete_) {
            inflateReset(&stream_);  // concatenated gzip members form one stream
            member_complete_ = false;
        }
        started_ = true;
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_begin));
        stream_.avail_in = static_cast<uInt>(in_end - in_begin);
        stream_.next_out = reinterpret_cast<Bytef*>(out);
        stream_.avail_out = static_cast<uInt>(out_size);
        const int status = inflate(&stream_, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            throw InputError(fmt::format("corrupt gzip data: {}", stream_.msg ? stream_.msg : zError(status)));
        }
        member_complete_ = status == Z_STREAM_END;
        in_begin = reinterpret_cast<const char*>(stream_.next_in);
        return out_size - stream_.avail_out;
    }
    bool at_boundary() const { return member_complete_ || !started_; }
    static const char* name() { return "gzip"; }

  private:
    z_stream stream_{};
    bool member_complete_ = false;
    bool started_ = false;
};

// Pulls compressed bytes from the raw stream through a decoder.
template <typename Decoder>
class DecompressingBuffer : public std::streambuf {
  public:
    DecompressingBuffer(std::istream& raw, std::uint64_t* raw_bytes_read)
        : raw_(raw), raw_bytes_read_(raw_bytes_read), input_(kInputBytes), output_(kOutputBytes) {}

  private:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        while (true) {
            // A decoder that filled the output may hold more without new input.
            if (in_begin_ == in_end_ && !output_was_full_ && !refill()) {
                if (!decoder_.at_boundary()) throw InputError(fmt::format("truncated {} stream", Decoder::name()));
                return traits_type::eof();
            }
            const std::size_t produced = decoder_.decode(in_begin_, in_end_, output_.data(), output_.size());
            output_was_full_ = produced == output_.size();
            if (produced > 0) {
                setg(output_.data(), output_.data(), output_.data() + produced);
                return traits_type::to_int_type(*gptr());
            }
        }
    }

    bool refill() {
        const std::size_t got = read_raw(raw_, input_.data(), input_.size(), raw_bytes_read_);
        in_begin_ = input_.data();
        in_end_ = input_.data() + got;
        return got > 0;
    }

    std::istream& raw_;
    std::uint64_t* raw_bytes_read_;
    Decoder decoder_;
    std::vector<char> input_;
    std::vector<char> output_;
    const char* in_begin_ = nullptr;
    const char* in_end_ = nullptr;
    bool output_was_full_ = false;
};

// Counts raw bytes for an uncompressed stream.
class CountingBuffer : public std::streambuf {
  public:
    CountingBuffer(std::istream& raw, std::uint64_t* counter) : raw_(raw), counter_(counter), buffer_(kInputBytes) {}

  private:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        const std::size_t got = read_raw(raw_, buffer_.data(), buffer_.size(), counter_);
        if (got == 0) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

    std::istream& raw_;
    std::uint64_t* counter_;
    std::vector<char> buffer_;
};

// Owns the buffer its istream reads from.
template <typename Buffer>
class OwningStream : public std::istream {
  public:
    OwningStream(std::istream& raw, std::uint64_t* counter) : std::istream(nullptr), buffer_(raw, counter) {
        rdbuf(&buffer_);
        exceptions(std::ios::badbit);  // a codec error reaches istream users as an exception
    }

  private:
    Buffer buffer_;
};

}  // namespace

Compression compression_for_path(const fs::path& path) {
    const std::string extension = lower_extension(path);
    if (extension == ".zst" || extension == ".zstd") return Compression::Zstd;
    if (extension == ".gz") return Compression::Gzip;
    return Compression::None;
}

Compression compression_for_magic(std::string_view prefix) {
    if (prefix.size() >= 4 && prefix.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) return Compression::Zstd;
    if (prefix.size() >= 2 && prefix.substr(0, 2) == std::string_view("\x1f\x8b", 2)) return Compression::Gzip;
    return Compression::None;
}

fs::path without_compression_extension(const fs::path& path) {
    if (compression_for_path(path) == Compression::None) return path;
    fs::path inner = path;
    return inner.replace_extension();
}

std::unique_ptr<std::istream> decompressing_stream(std::istream& raw, Compression compression,
                                                   std::uint64_t* raw_bytes_read) {
    switch (compression) {
        case Compression::Zstd:
            return std::make_unique<OwningStream<DecompressingBuffer<ZstdDecoder>>>(raw, raw_bytes_read);
        case Compression::Gzip:
            return std::make_unique<OwningStream<DecompressingBuffer<GzipDecoder>>>(raw, raw_bytes_read);
        case Compression::None:
            break;
    }
    return std::make_unique<OwningStream<CountingBuffer>>(raw, raw_bytes_read);
}

}  // namespace herald
