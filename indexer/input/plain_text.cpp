#include "indexer/input/plain_text.hpp"

#include "common/text.hpp"
#include "indexer/input/reader.hpp"

namespace herald {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n\f\v");
    return text.substr(first, last - first + 1);
}

// Cuts the next line off `rest`, without its newline.
std::string_view next_line(std::string_view& rest) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    return line;
}

}  // namespace

Article parse_plain_text(std::string_view bytes, std::string id, std::vector<std::string>& warnings) {
    bool was_latin1 = false;
    const std::string text = clean_control_chars(to_utf8(bytes, was_latin1));
    if (was_latin1) warnings.emplace_back("not valid UTF-8; decoded as Latin-1");

    std::string_view rest = text;
    std::string_view title;
    while (!rest.empty() && title.empty()) title = trim(next_line(rest));
    if (title.empty()) throw RecordError("empty file: no title and no body");

    // Drop a repeated title line that follows the title after blank lines.
    std::string_view after_title = rest;
    std::string_view following;
    while (!after_title.empty() && following.empty()) following = trim(next_line(after_title));
    if (following == title) rest = after_title;

    Article article;
    article.id = std::move(id);
    article.title = std::string(title);
    article.body = std::string(trim(rest));
    finish_article(article, warnings);
    return article;
}

}  // namespace herald
