// The article model shared by every reader, the indexer and the searcher.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "herald/date.hpp"

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
};

// Where a record came from, for error messages: "file.jsonl:42".
struct RecordOrigin {
    std::string file;
    std::size_t line = 0;  // 0 when the whole file is one record
};

std::string describe(const RecordOrigin& origin);

}  // namespace herald
