#include "searcher/present/atom_feed.hpp"

#include <fmt/format.h>

#include <cctype>
#include <iterator>

#include "common/hash.hpp"
#include "searcher/present/xml_text.hpp"

namespace herald {
namespace {

constexpr const char* kUndated = "1970-01-01T00:00:00Z";

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    }
    return true;
}

// The first paragraph of a body (paragraphs are separated by blank lines).
std::string_view lead(std::string_view body) { return body.substr(0, body.find("\n\n")); }

std::string entry_updated(const Hit& hit) { return hit.article.date ? rfc3339(*hit.article.date) : kUndated; }

void append_entry(std::string& out, const Hit& hit) {
    const Article& article = hit.article;
    auto sink = std::back_inserter(out);
    out += "  <entry>\n";
    fmt::format_to(sink, "    <id>{}</id>\n", xml_escape(feed_entry_id(article.id)));
    fmt::format_to(sink, "    <title type=\"text\">{}</title>\n",
                   xml_escape(article.title.empty() ? article.id : article.title));
    fmt::format_to(sink, "    <updated>{}</updated>\n", entry_updated(hit));
    const bool linked = is_web_url(article.url);
    if (linked) fmt::format_to(sink, "    <link rel=\"alternate\" href=\"{}\"/>\n", xml_escape(article.url));
    for (const auto& author : article.authors) {
        fmt::format_to(sink, "    <author><name>{}</name></author>\n", xml_escape(author));
    }
    if (article.authors.empty() && !article.source.empty()) {
        fmt::format_to(sink, "    <author><name>{}</name></author>\n", xml_escape(article.source));
    }
    for (const auto& tag : article.tags) {
        if (tag.empty()) continue;
        fmt::format_to(sink, "    <category scheme=\"urn:herald:tag\" term=\"{}\"/>\n", xml_escape(tag));
    }
    if (!article.source.empty()) {
        fmt::format_to(sink, "    <category scheme=\"urn:herald:source\" term=\"{0}\" label=\"{0}\"/>\n",
                       xml_escape(article.source));
    }
    const std::string summary = snippet_plain(hit.snippet);
    if (!summary.empty()) fmt::format_to(sink, "    <summary type=\"text\">{}</summary>\n", xml_escape(summary));
    if (!linked) {
        fmt::format_to(sink, "    <content type=\"text\">{}</content>\n",
                       xml_escape(article.body.empty() ? article.title : lead(article.body)));
    }
    out += "  </entry>\n";
}

}  // namespace

std::string feed_id(std::string_view key) { return fmt::format("urn:herald:feed:{:016x}", stable_hash(key)); }

std::string feed_entry_id(std::string_view article_id) {
    std::string id = "urn:herald:article:";
    for (const char c : article_id) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            id += c;
        } else {
            id += fmt::format("%{:02X}", byte);
        }
    }
    return id;
}

std::string rfc3339(const Date& date) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, date.hour.value_or(0),
                       date.minute.value_or(0), date.second.value_or(0));
}

bool is_web_url(std::string_view url) {
    return starts_with_ignoring_case(url, "http://") || starts_with_ignoring_case(url, "https://");
}

std::string atom_feed(const FeedHeader& header, const std::vector<Hit>& hits) {
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    auto sink = std::back_inserter(out);
    fmt::format_to(sink, "  <id>{}</id>\n", xml_escape(header.id));
    fmt::format_to(sink, "  <title type=\"text\">{}</title>\n", xml_escape(header.title));
    const bool dated = !hits.empty() && hits.front().article.date;
    fmt::format_to(sink, "  <updated>{}</updated>\n", dated ? entry_updated(hits.front()) : header.now);
    if (is_web_url(header.self_url)) {
        fmt::format_to(sink, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
                       xml_escape(header.self_url));
    }
    out += "  <author><name>Herald</name></author>\n";
    out += "  <generator>Herald</generator>\n";
    for (const auto& hit : hits) append_entry(out, hit);
    out += "</feed>\n";
    return out;
}

}  // namespace herald
