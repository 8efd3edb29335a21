// The query language: Xapian's (AND, OR, NOT, "phrases", field:prefixes),
// with the schema's field names and the same folding as the indexer.
#pragma once

#include <xapian.h>

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/language.hpp"
#include "searcher/query/spelling.hpp"
#include "searcher/query/synonym_expansion.hpp"

namespace herald {

// What one query may ask for (README: "Limits"). Elasticsearch's default
// bound on the clauses of a query is 1024 as well.
inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr std::size_t kMaxQueryWords = 1024;  // words and field values, operators aside
inline constexpr std::size_t kMaxBracketDepth = 64;  // brackets inside brackets, outside quotes

// A query the user must fix; the message is meant for them.
class QueryError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Folds case and accents like the indexer does, but leaves Xapian's
// upper-case operators (AND, OR, NOT, XOR, NEAR, ADJ) and exact id:VALUEs as they are.
std::string fold_query_text(std::string_view query);

// A word of the query (or a synonym key of several) and the terms it searches.
struct QueryWord {
    std::string text;
    std::vector<std::string> terms;
};

// What the parse of a query's marked words left behind (query_builder.cpp).
struct ParsedWords {
    std::vector<Xapian::Query> without_keys;  // each word's expansion without name keys, by placeholder number
    bool use_name_keys = false;               // some word's expansion has name keys
    bool replaying_without_keys = false;      // parse_without_name_keys() is parsing
};

class QueryBuilder {
  public:
    // Reads the database's synonyms itself.
    QueryBuilder(const Xapian::Database& database, const Language& language);
    // With a stemmer the caller keeps (its stem cache then outlives the query)
    // and the database's synonyms, read once by the caller. Query words also
    // match their stems in `other_stemmers`' languages. `keyword_fields`:
    // the database's (schema.hpp), as boolean filters ("bias:left").
    QueryBuilder(const Xapian::Database& database, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms,
                 std::vector<Xapian::Stem> other_stemmers = {}, const std::set<std::string>& keyword_fields = {});
    // The parser holds a field processor that points back into the builder.
    QueryBuilder(const QueryBuilder&) = delete;
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    // Throws QueryError for a query Xapian cannot parse or an empty one.
    // Spelling suggestions stop at `deadline` (the search's time limit).
    Xapian::Query parse(const std::string& query_text, const Deadline& deadline = std::nullopt);
    const Xapian::Stem& stemmer() const { return stemmer_; }
    // A spelling-corrected form of the last parsed query (folded), or empty
    // when the index knows every word.
    const std::string& corrected_query() const { return corrected_; }
    // The words of the last parsed query when it is nothing but words (no
    // operators, fields, quotes or signs), folded, in order; else empty.
    const std::vector<std::string>& plain_words() const { return plain_words_; }
    // For a query of plain words, each word (or synonym key) and the
    // terms it searches, in query order; else empty. The second ranking pass
    // weighs the words an article holds, and those in its title (match/ranking.hpp).
    const std::vector<QueryWord>& plain_query_words() const { return plain_query_words_; }
    // Whether the last parsed query also matches variant spellings of names
    // through their name keys (synonym_expansion.hpp).
    bool uses_name_keys() const { return parsed_words_.use_name_keys; }
    // The last parsed query without its name keys: what the words' own forms
    // match. Only when uses_name_keys(); costs a parse, without the words'
    // expansion or spelling suggestions.
    Xapian::Query parse_without_name_keys();

  private:
    Xapian::Database database_;
    std::shared_ptr<const SynonymTable> synonyms_;
    std::vector<std::string> word_entries_;  // of the query being parsed, by placeholder number
    std::vector<std::string> plain_words_;
    std::vector<std::vector<std::string>> word_terms_;  // by placeholder number
    std::vector<QueryWord> plain_query_words_;
    ParsedWords parsed_words_;
    std::string marked_text_;  // the last query with its word placeholders
    std::string corrected_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
};

}  // namespace herald
