// What every reader reports to: accepted articles, warnings, rejected
// records, each with the place (file:line) it came from.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/article.hpp"

namespace herald {

// Where a record came from, for error messages: "file.jsonl:42".
struct RecordOrigin {
    std::string file;
    std::size_t line = 0;  // 0 when the whole file is one record
};

std::string describe(const RecordOrigin& origin);

// A record that cannot be turned into an article; the message says why.
class RecordError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class ArticleSink {
  public:
    virtual ~ArticleSink() = default;
    virtual void accept(Article&& article, const RecordOrigin& origin) = 0;
    virtual void warn(const RecordOrigin& origin, const std::string& message) = 0;
    virtual void reject(const RecordOrigin& origin, const std::string& reason) = 0;
};

// Control characters out of every stored text field: the body keeps newlines
// and tabs (clean_control_chars), every other field is one line (clean_line);
// list items and keyword values left empty are dropped.
void clean_stored_text(Article& article);

// Shared final touches for every reader: clean_stored_text, derive a missing
// id (url, else a hash of title and body). Throws RecordError when nothing
// indexable is left; appends warnings.
void finish_article(Article& article, std::vector<std::string>& warnings);

// Runs one record's parse (a callable taking the warnings vector and
// returning an Article) and hands the outcome, with its warnings, to `sink`.
template <typename Parse>
void deliver(const RecordOrigin& origin, ArticleSink& sink, Parse parse) {
    std::vector<std::string> warnings;
    try {
        Article article = parse(warnings);
        for (const auto& warning : warnings) sink.warn(origin, warning);
        sink.accept(std::move(article), origin);
    } catch (const RecordError& error) {
        for (const auto& warning : warnings) sink.warn(origin, warning);
        sink.reject(origin, error.what());
    }
}

}  // namespace herald
