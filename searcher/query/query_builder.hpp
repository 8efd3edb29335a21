// The query language: Xapian's (AND, OR, NOT, "phrases", field:prefixes),
// with the schema's field names and the same folding as the indexer.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/language.hpp"
#include "searcher/query/query_units.hpp"
#include "searcher/query/search_request.hpp"
#include "searcher/query/spelling.hpp"
#include "searcher/query/synonym_expansion.hpp"

namespace herald {

// What one query may ask for (docs/operations.md, "Limits on a query"). Elasticsearch's default
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

// What the parse of a query's marked words left behind (query_builder.cpp):
// each word's expansion, by placeholder number, for parsing the same words
// again in another form (all units, without name keys) without expanding them twice.
struct ParsedWords {
    enum class Replay { None, WithKeys, WithoutKeys };
    std::vector<Xapian::Query> with_keys;
    std::vector<Xapian::Query> without_keys;  // without name keys
    std::vector<double> name_share;           // how often the archive writes the word as a name (ExpandedWord)
    bool use_name_keys = false;               // some word's expansion has name keys
    Replay replay = Replay::None;
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
    // Returns the query in `mode`; query() gives the other.
    Xapian::Query parse(const std::string& query_text, const Deadline& deadline = std::nullopt,
                        MatchMode mode = MatchMode::Any);
    // The last parsed query: matching every unit of it (query_units.hpp), or any word.
    const Xapian::Query& query(MatchMode mode) const { return mode == MatchMode::All ? all_units_ : any_word_; }
    // Whether requiring every unit matches fewer articles than any word can
    // (the query has several units joined without operators).
    bool all_units_narrower() const { return all_units_narrower_; }
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
    // The last parsed query in `mode` without its name keys: what the
    // words' own forms match. Only when uses_name_keys(); costs a parse,
    // without the words' expansion or spelling suggestions.
    Xapian::Query parse_without_name_keys(MatchMode mode = MatchMode::Any);

  private:
    // The all-units form of the marked query (query_units.hpp).
    AllUnitsText all_units_text(const std::string& query_as_typed);
    bool is_stopword_entry(std::size_t number, const TypedCase& typed);
    Xapian::Query parse_marked(const std::string& text, bool default_and, ParsedWords::Replay replay);

    Xapian::Database database_;
    std::set<std::string> filter_fields_;                        // boolean fields, keyword fields and date: never units
    std::optional<std::vector<std::string>> archive_languages_;  // their stopwords are not units
    std::shared_ptr<const SynonymTable> synonyms_;
    std::vector<std::string> word_entries_;  // of the query being parsed, by placeholder number
    std::vector<std::string> plain_words_;
    std::vector<std::vector<std::string>> word_terms_;  // by placeholder number
    std::vector<QueryWord> plain_query_words_;
    ParsedWords parsed_words_;
    std::string marked_text_;  // the last query with its word placeholders
    AllUnitsText all_units_marked_;
    Xapian::Query any_word_, all_units_;
    bool all_units_narrower_ = false;
    std::string corrected_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
};

}  // namespace herald
