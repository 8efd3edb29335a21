#include "common/document_data.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace herald {
namespace {

// A record is kRecordFormat, then the fields in a fixed order, each string as
// its length (LEB128: 7 bits a byte, low bits first) and its bytes, and each
// list as its length and its strings. Decoding a search's hits is then a few
// copies, where parsing JSON was most of a one-shot search's time.
constexpr char kRecordFormat = '\x01';

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
    // Reads after the format byte.
    explicit RecordReader(const std::string& data) : at_(data.data() + 1), end_(data.data() + data.size()) {}

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
    return out;
}

Article decode_document_data(const std::string& data) {
    if (data.empty() || data.front() != kRecordFormat) not_an_article("unknown record format");
    RecordReader reader(data);
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
    if (!reader.done()) not_an_article("trailing bytes");
    if (!date.empty()) {
        article.date = Date::from_iso8601(date);
        if (!article.date) not_an_article("bad date");
    }
    return article;
}

}  // namespace herald
