#include "indexer/input/reader.hpp"

#include <fmt/format.h>

#include <iterator>

#include "common/hash.hpp"
#include "common/text.hpp"

namespace herald {

std::string describe(const RecordOrigin& origin) {
    return origin.line == 0 ? origin.file : fmt::format("{}:{}", origin.file, origin.line);
}

namespace {

// Every item cleaned as one line; items left empty are dropped.
void clean_lines(std::vector<std::string>& items) {
    std::vector<std::string> kept;
    kept.reserve(items.size());
    for (const auto& item : items) {
        std::string cleaned = clean_line(item);
        if (!cleaned.empty()) kept.push_back(std::move(cleaned));
    }
    items = std::move(kept);
}

}  // namespace

// One normalisation for every stored text field, whatever the reader: the
// searcher prints these fields to terminals, and the list separators of the
// value slots (schema.hpp) are control characters, so no value can hold one.
void clean_stored_text(Article& article) {
    article.id = clean_line(article.id);
    article.title = clean_line(article.title);
    article.body = clean_control_chars(article.body);
    article.source = clean_line(article.source);
    article.url = clean_line(article.url);
    article.language = clean_line(article.language);
    clean_lines(article.authors);
    clean_lines(article.tags);
    for (auto keyword = article.keywords.begin(); keyword != article.keywords.end();) {
        keyword->second = clean_line(keyword->second);
        keyword = keyword->second.empty() ? article.keywords.erase(keyword) : std::next(keyword);
    }
}

void finish_article(Article& article, std::vector<std::string>& warnings) {
    clean_stored_text(article);
    if (article.title.empty() && article.body.find_first_not_of(" \t\n") == std::string::npos) {
        throw RecordError("no title and no body: nothing to index");
    }
    if (article.title.empty()) warnings.emplace_back("missing title; indexed with an empty title");
    if (article.id.empty()) {
        if (!article.url.empty()) {
            article.id = article.url;
        } else {
            article.id = fmt::format("h{:016x}", stable_hash(article.body, stable_hash(article.title + "\n")));
        }
    }
}

}  // namespace herald
