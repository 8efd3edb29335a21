#include "herald/decompress.hpp"

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <streambuf>
#include <vector>

namespace herald {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kBufferBytes = 1 << 17;

std::string lower_extension(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

// Pulls compressed bytes from the raw stream and lets a codec turn them into
// plain bytes; subclasses implement decode().
class DecompressingBuffer : public std::streambuf {
  public:
    DecompressingBuffer(std::istream& raw, std::uint64_t* raw_bytes_read)
        : raw_(raw), raw_bytes_read_(raw_bytes_read), input_(kBufferBytes), output_(kBufferBytes) {}

  protected:
    // Decodes from [in_begin, in_end) into output_; returns bytes produced
    // and advances in_begin. Throws on corrupt data.
    virtual std::size_t decode(const char*& in_begin, const char* in_end) = 0;
    // Whether the codec stopped at the end of a complete frame or member.
    virtual bool at_frame_boundary() const = 0;
    virtual const char* codec_name() const = 0;

    std::vector<char>& output() { return output_; }

  private:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        while (true) {
            if (in_begin_ == in_end_ && !refill()) {
                if (!at_frame_boundary()) throw std::runtime_error(fmt::format("truncated {} stream", codec_name()));
                return traits_type::eof();
            }
            const std::size_t produced = decode(in_begin_, in_end_);
            if (produced > 0) {
                setg(output_.data(), output_.data(), output_.data() + produced);
                return traits_type::to_int_type(*gptr());
            }
        }
    }

    bool refill() {
        raw_.read(input_.data(), static_cast<std::streamsize>(input_.size()));
        const auto got = static_cast<std::size_t>(raw_.gcount());
        if (raw_.bad()) throw std::runtime_error("read error");
        if (raw_bytes_read_) *raw_bytes_read_ += got;
        in_begin_ = input_.data();
        in_end_ = input_.data() + got;
        return got > 0;
    }

    std::istream& raw_;
    std::uint64_t* raw_bytes_read_;
    std::vector<char> input_;
    std::vector<char> output_;
    const char* in_begin_ = nullptr;
    const char* in_end_ = nullptr;
};

class ZstdBuffer : public DecompressingBuffer {
  public:
    ZstdBuffer(std::istream& raw, std::uint64_t* counter)
        : DecompressingBuffer(raw, counter), context_(ZSTD_createDCtx(), ZSTD_freeDCtx) {
        if (!context_) throw std::runtime_error("cannot allocate a zstd decoder");
    }

  private:
    std::size_t decode(const char*& in_begin, const char* in_end) override {
        ZSTD_inBuffer in{in_begin, static_cast<std::size_t>(in_end - in_begin), 0};
        ZSTD_outBuffer out{output().data(), output().size(), 0};
        const std::size_t hint = ZSTD_decompressStream(context_.get(), &out, &in);
        if (ZSTD_isError(hint)) throw std::runtime_error(fmt::format("corrupt zstd data: {}", ZSTD_getErrorName(hint)));
        frame_complete_ = hint == 0;
        in_begin += in.pos;
        return out.pos;
    }
    bool at_frame_boundary() const override { return frame_complete_; }
    const char* codec_name() const override { return "zstd"; }

    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context_;
    bool frame_complete_ = true;  // an empty file is an empty stream
};

class GzipBuffer : public DecompressingBuffer {
  public:
    GzipBuffer(std::istream& raw, std::uint64_t* counter) : DecompressingBuffer(raw, counter) {
        if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("cannot allocate a gzip decoder");
    }
    ~GzipBuffer() override { inflateEnd(&stream_); }
    GzipBuffer(const GzipBuffer&) = delete;
    GzipBuffer& operator=(const GzipBuffer&) = delete;

  private:
    std::size_t decode(const char*& in_begin, const char* in_end) override {
        if (member_complete_) {
            inflateReset(&stream_);  // concatenated gzip members form one stream
            member_complete_ = false;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_begin));
        stream_.avail_in = static_cast<uInt>(in_end - in_begin);
        stream_.next_out = reinterpret_cast<Bytef*>(output().data());
        stream_.avail_out = static_cast<uInt>(output().size());
        const int status = inflate(&stream_, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            throw std::runtime_error(fmt::format("corrupt gzip data: {}", stream_.msg ? stream_.msg : "unknown error"));
        }
        member_complete_ = status == Z_STREAM_END;
        started_ = true;
        in_begin = reinterpret_cast<const char*>(stream_.next_in);
        return output().size() - stream_.avail_out;
    }
    bool at_frame_boundary() const override { return member_complete_ || !started_; }
    const char* codec_name() const override { return "gzip"; }

    z_stream stream_{};
    bool member_complete_ = false;
    bool started_ = false;
};

// Owns the buffer its istream reads from.
template <typename Buffer>
class OwningStream : public std::istream {
  public:
    OwningStream(std::istream& raw, std::uint64_t* counter) : std::istream(nullptr), buffer_(raw, counter) {
        rdbuf(&buffer_);
        exceptions(std::ios::badbit);  // a codec error reaches the reader as an exception
    }

  private:
    Buffer buffer_;
};

// Counts raw bytes for an uncompressed stream.
class CountingBuffer : public std::streambuf {
  public:
    CountingBuffer(std::istream& raw, std::uint64_t* counter) : raw_(raw), counter_(counter), buffer_(kBufferBytes) {}

  private:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        raw_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        const auto got = static_cast<std::size_t>(raw_.gcount());
        if (raw_.bad()) throw std::runtime_error("read error");
        if (got == 0) return traits_type::eof();
        if (counter_) *counter_ += got;
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

    std::istream& raw_;
    std::uint64_t* counter_;
    std::vector<char> buffer_;
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
            return std::make_unique<OwningStream<ZstdBuffer>>(raw, raw_bytes_read);
        case Compression::Gzip:
            return std::make_unique<OwningStream<GzipBuffer>>(raw, raw_bytes_read);
        case Compression::None:
            break;
    }
    return std::make_unique<OwningStream<CountingBuffer>>(raw, raw_bytes_read);
}

}  // namespace herald
