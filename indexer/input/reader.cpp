#include "indexer/input/reader.hpp"

#include <fmt/format.h>

#include "common/hash.hpp"
#include "common/text.hpp"

namespace herald {

std::string describe(const RecordOrigin& origin) {
    return origin.line == 0 ? origin.file : fmt::format("{}:{}", origin.file, origin.line);
}

void finish_article(Article& article, std::vector<std::string>& warnings) {
    article.title = collapse_whitespace(clean_control_chars(article.title));
    article.body = clean_control_chars(article.body);
    article.source = collapse_whitespace(clean_control_chars(article.source));
    article.url = collapse_whitespace(article.url);
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
