#include "common/document_data.hpp"

#include <zstd.h>

#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace herald {
namespace {

// A record is kRecordFormat, then the fields in a fixed order, each string as
// its length (LEB128: 7 bits a byte, low bits first) and its bytes, and each
// list as its length and its strings. Decoding a search's hits is then a few
// copies, where parsing JSON was most of a one-shot search's time.
constexpr char kRecordFormat = '\x01';
// kCompressedFormat, then a zstd frame holding a record's fields. Xapian's
// glass compresses document data with zlib, whose inflating was the main
// cost of reading a hit; zstd inflates the same records in half the time,
// and glass stores the already compressed bytes as they are.
constexpr char kCompressedFormat = '\x02';
// Records shorter than this stay plain: there is little to save.
constexpr std::size_t kCompressFrom = 256;
constexpr int kCompressionLevel = 3;
// A bound on a stored record's size, so a forged frame cannot claim gigabytes.
constexpr unsigned long long kMaxRecordBytes = 1ULL << 30;

struct ContextFree {
    void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
    void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

void put_length(std::string& out, std::size_t length) {
    while (length >= 0x80) {
        out.push_back(static_cast<char>((length & 0x7f) | 0x80));
        length >>= 7;
    }
    out.push_back(static_cast<char>(length));
}

void put_string(std::string& out, const std::string& text) {
    put_length(out, text.size());
    out += text;
}

void put_list(std::string& out, const std::vector<std::string>& items) {
    put_length(out, items.size());
    for (const auto& item : items) put_string(out, item);
}

[[noreturn]] void not_an_article(const char* why) {
    throw std::runtime_error(std::string("document data is not a Herald article: ") + why);
}

// Reads a record's fields in turn; throws on anything short or malformed.
class RecordReader {
  public:
    // Reads the fields in [begin, end).
    RecordReader(const char* begin, const char* end) : at_(begin), end_(end) {}

    std::size_t length() {
        std::size_t value = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            if (at_ == end_) not_an_article("truncated length");
            const auto byte = static_cast<unsigned char>(*at_++);
            value |= static_cast<std::size_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return value;
        }
        not_an_article("overlong length");
    }
    std::string string() {
        const std::size_t size = length();
        if (size > static_cast<std::size_t>(end_ - at_)) not_an_article("truncated field");
        std::string text(at_, size);
        at_ += size;
        return text;
    }
    std::vector<std::string> list() {
        const std::size_t count = length();
        // Each item takes at least one byte: a bound before reserving.
        if (count > static_cast<std::size_t>(end_ - at_)) not_an_article("truncated list");
        std::vector<std::string> items;
        items.reserve(count);
        for (std::size_t i = 0; i < count; ++i) items.push_back(string());
        return items;
    }
    bool done() const { return at_ == end_; }

  private:
    const char* at_;
    const char* end_;
};

// `fields` (a record after its format byte) as a compressed record.
std::string compressed(std::string_view fields) {
    // One context per thread: indexing workers compress in parallel.
    thread_local std::unique_ptr<ZSTD_CCtx, ContextFree> context = [] {
        std::unique_ptr<ZSTD_CCtx, ContextFree> made(ZSTD_createCCtx());
        if (!made) throw std::bad_alloc();
        ZSTD_CCtx_setParameter(made.get(), ZSTD_c_compressionLevel, kCompressionLevel);
        // A checksum, so a damaged record is an error rather than altered text.
        ZSTD_CCtx_setParameter(made.get(), ZSTD_c_checksumFlag, 1);
        return made;
    }();
    std::string out(1 + ZSTD_compressBound(fields.size()), kCompressedFormat);
    const std::size_t size =
        ZSTD_compress2(context.get(), out.data() + 1, out.size() - 1, fields.data(), fields.size());
    if (ZSTD_isError(size)) throw std::runtime_error(std::string("compressing a record: ") + ZSTD_getErrorName(size));
    out.resize(1 + size);
    return out;
}

// The fields of a compressed record, in a buffer reused by the thread.
const std::string& decompressed(const std::string& data) {
    thread_local std::unique_ptr<ZSTD_DCtx, ContextFree> context(ZSTD_createDCtx());
    thread_local std::string fields;
    if (!context) throw std::bad_alloc();
    const unsigned long long size = ZSTD_getFrameContentSize(data.data() + 1, data.size() - 1);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxRecordBytes)
        not_an_article("bad compressed record");
    fields.resize(static_cast<std::size_t>(size));
    const std::size_t got =
        ZSTD_decompressDCtx(context.get(), fields.data(), fields.size(), data.data() + 1, data.size() - 1);
    if (ZSTD_isError(got) || got != size) not_an_article("bad compressed record");
    return fields;
}

}  // namespace

std::string encode_document_data(const Article& article, const std::string& language) {
    std::string out(1, kRecordFormat);
    out.reserve(16 + article.id.size() + article.title.size() + article.body.size() + article.url.size());
    put_string(out, article.id);
    put_string(out, article.title);
    put_string(out, article.body);
    put_string(out, article.date ? article.date->iso8601() : std::string());
    put_string(out, article.source);
    put_string(out, article.url);
    put_string(out, language);
    put_list(out, article.authors);
    put_list(out, article.tags);
    // Schema 7: keyword fields follow, only when there are any, so records
    // without them are as schema 6 wrote them.
    if (!article.keywords.empty()) {
        put_length(out, article.keywords.size());
        for (const auto& [name, value] : article.keywords) {
            put_string(out, name);
            put_string(out, value);
        }
    }
    if (out.size() < kCompressFrom) return out;
    std::string smaller = compressed(std::string_view(out).substr(1));
    return smaller.size() < out.size() ? smaller : out;
}

Article decode_document_data(const std::string& data) {
    if (data.empty() || (data.front() != kRecordFormat && data.front() != kCompressedFormat))
        not_an_article("unknown record format");
    const bool plain = data.front() == kRecordFormat;
    const std::string& fields = plain ? data : decompressed(data);
    const std::size_t skip = plain ? 1 : 0;
    RecordReader reader(fields.data() + skip, fields.data() + fields.size());
    Article article;
    article.id = reader.string();
    article.title = reader.string();
    article.body = reader.string();
    const std::string date = reader.string();
    article.source = reader.string();
    article.url = reader.string();
    article.language = reader.string();
    article.authors = reader.list();
    article.tags = reader.list();
    if (!reader.done()) {
        const std::size_t keywords = reader.length();
        if (keywords > fields.size()) not_an_article("truncated keywords");
        for (std::size_t i = 0; i < keywords; ++i) {
            std::string name = reader.string();
            article.keywords[std::move(name)] = reader.string();
        }
    }
    if (!reader.done()) not_an_article("trailing bytes");
    if (!date.empty()) {
        article.date = Date::from_iso8601(date);
        if (!article.date) not_an_article("bad date");
    }
    return article;
}

}  // namespace herald
