// The article model shared by every reader, the indexer and the searcher
// (the stored form is document_data.hpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace herald {

struct Article {
    std::string id;
    std::string title;
    std::string body;  // paragraphs separated by blank lines
    std::optional<Date> date;
    std::string source;
    std::string url;
    std::vector<std::string> authors;
    std::vector<std::string> tags;
    std::string language;  // ISO 639-1 code ("en") or empty for the indexer default
    // Keyword fields (schema.hpp): name -> value as written, e.g. {"bias": "left"}.
    std::map<std::string, std::string> keywords;
};

}  // namespace herald
