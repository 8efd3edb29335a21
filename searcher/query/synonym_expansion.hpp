// Query-side synonyms: the groups the indexer stored in the database's
// synonym table (indexer/analysis/synonym_file.hpp) expand the words of a
// parsed query. "usa trade" matches as SYNONYM(usa, "united states") trade:
// Xapian's OP_SYNONYM weighs the alternatives as one term, so BM25 is not
// inflated, and the user's operators keep their meaning. (Xapian's own
// automatic synonyms cannot expand a word into a phrase.)
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace herald {

// A database's synonym groups, read once and then shared read-only (by every
// search of a CLI run, or of a web worker until the database changes).
class SynonymTable {
  public:
    SynonymTable() = default;
    explicit SynonymTable(const Xapian::Database& database);

    bool empty() const { return alternatives_.empty(); }
    // The synonyms of a key (words joined by single spaces), or nullptr.
    const std::vector<std::string>* alternatives(const std::string& key) const;
    std::size_t longest_key_words() const { return longest_key_words_; }

  private:
    std::map<std::string, std::vector<std::string>> alternatives_;
    std::size_t longest_key_words_ = 0;
};

// The occurrences of synonym keys in a folded query, each replaced by a
// placeholder field the query parser hands back to expansion_query().
// Words in quotes, field names and values, and the operands of NEAR and ADJ
// (whose windows need plain words) are left alone.
struct MarkedSynonyms {
    std::string text;               // the query with placeholders
    std::vector<std::string> keys;  // the key each placeholder stands for, by number
};

// The field name of the placeholders ("heraldsynonym:N").
inline constexpr const char* kSynonymPlaceholderField = "heraldsynonym";

MarkedSynonyms mark_synonyms(const std::string& folded_query, const SynonymTable& table);

// SYNONYM(the key as the parser would have read it, each alternative), for
// the placeholders of one query.
class SynonymExpansion {
  public:
    SynonymExpansion(const SynonymTable& table, const Xapian::Stem& stemmer);
    Xapian::Query query_for(const std::string& key);

  private:
    Xapian::Query member_query(const std::string& member);

    const SynonymTable& table_;
    Xapian::QueryParser members_;  // free text only: members are folded words
};

}  // namespace herald
