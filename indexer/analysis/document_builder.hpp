// Analysis: turns an Article into a Xapian document following the schema
// (folded, stemmed, positional text with field weights; boolean terms;
// values; stored data).
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/language.hpp"
#include "indexer/analysis/dictionary_lemmas.hpp"

namespace herald {

class DocumentBuilder {
  public:
    explicit DocumentBuilder(Language default_language);

    // Appends warnings (e.g. an unknown language, indexed with the default).
    // The document shares nothing with the builder afterwards, so it may be
    // handed to a writer on another thread (Xapian handles are not thread-safe).
    Xapian::Document build(const Article& article, std::vector<std::string>& warnings);

  private:
    Language language_of(const Article& article, std::vector<std::string>& warnings) const;
    const Xapian::Stem& stemmer_for(const Language& language);
    // The language's dictionary, loaded on first use; null when it has none or
    // it is not installed (then a warning, once per builder).
    DictionaryLemmas* dictionary_for(const Language& language, std::vector<std::string>& warnings);
    // Returns the folded text, for the near-duplicate signature.
    std::string index_text(Xapian::Document& document, const Article& article);

    Language default_language_;
    Xapian::TermGenerator generator_;
    std::map<std::string, Xapian::Stem> stemmers_;
    std::map<std::string, std::unique_ptr<DictionaryLemmas>> dictionaries_;  // null: missing
};

// The first paragraph of a body (up to the first blank line, else the first
// line break) and the rest, for the lead's extra weight.
std::pair<std::string_view, std::string_view> split_lead(std::string_view body);

}  // namespace herald
