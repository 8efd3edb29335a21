// Query words and their expansion: every free-text word matches its exact
// form and its stems, and the groups the indexer stored in the database's
// synonym table (indexer/analysis/synonym_file.hpp) add their alternatives.
// "usa trade" matches as SYNONYM(usa, Zusa, "united states") SYNONYM(trade,
// Ztrade): Xapian's OP_SYNONYM weighs each group as one term, so BM25 is not
// inflated, and the expansion sits in the parsed query under the user's
// operators. (Xapian's own automatic synonyms cannot expand a word into a
// phrase.)
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
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

// The free-text words of a folded query, each replaced by a placeholder
// field ("heraldword:N", schema::kWordPlaceholderField) the query parser
// hands back to WordExpansion: a synonym key (the longest, over words
// separated by single spaces) or any other word. Words in quotes, field names, values and groups, words joined to
// others by punctuation, and the operands of NEAR and ADJ (whose windows need plain words) are left to the parser.
struct MarkedWords {
    std::string text;                  // the query with placeholders
    std::vector<std::string> entries;  // the key or word each placeholder stands for, by number
};

MarkedWords mark_query_words(const std::string& folded_query, const SynonymTable& table);

// What a marked word matches, weighted as one term (OP_SYNONYM, so the
// expansion does not inflate BM25): its forms — the exact folded word, which
// every article's text is indexed under, and its stem in each of `stemmers`
// (the languages the archive holds, or the one asked for), and the same for
// its transliteration into Latin or Cyrillic when the archive has it
// (script_forms.hpp) — and, for a synonym key, the forms of each alternative.
// Below those, at kNameKeyWeight, the name keys of the word and its forms
// (name_key.hpp), so "Zelenskiy" also finds "Zelensky" and "Зеленский", and
// articles with the exact forms rank first; only for words the archive
// writes as names (name_share reaches kNameCapitalisedShare).
inline constexpr double kNameKeyWeight = 0.5;
inline constexpr double kNameCapitalisedShare = 0.5;
inline constexpr Xapian::doccount kNameSample = 256;  // articles of a word looked at to tell a name
inline constexpr double kMinKeyIdf = 0.1;

// A marked word's query, and the same without name keys: what the word's own
// forms match. Counts leave out the articles only a key finds (docs/analysis.md: "Name
// keys").
struct ExpandedWord {
    Xapian::Query query;
    Xapian::Query without_name_keys;  // equal to `query` when no key applies
    bool uses_name_keys = false;
    // Of the articles holding the word's commonest exact form, the share the
    // indexer gave its name key (written capitalised mid-sentence); 1 when
    // no exact form is indexed. The highest over a synonym group's members.
    double name_share = 0.0;
};

class WordExpansion {
  public:
    WordExpansion(const Xapian::Database& database, const SynonymTable& table, std::vector<Xapian::Stem> stemmers);
    ExpandedWord query_for(const std::string& entry);

  private:
    // The member's forms as one query; adds its name keys to `keys`.
    Xapian::Query forms(const std::string& member, std::vector<std::string>& keys, double& name_share);
    ExpandedWord with_name_keys(const Xapian::Query& exact, const std::vector<std::string>& keys) const;
    void add_word_forms(const std::string& word, bool only_if_indexed, std::vector<std::string>& terms) const;
    // The keys when name_share(forms) (raised into `share`) reaches kNameCapitalisedShare.
    std::vector<std::string> name_key_terms(const std::string& word, const std::vector<std::string>& forms,
                                            double& share) const;
    double name_share(const std::vector<std::string>& forms) const;
    double share_with_key(const std::string& form, const std::string& key_term) const;
    double key_idf(const std::vector<std::string>& keys) const;

    bool archive_writes_cyrillic();

    const Xapian::Database& database_;
    const SynonymTable& table_;
    std::vector<Xapian::Stem> stemmers_;
    std::optional<bool> archive_writes_cyrillic_;
    Xapian::QueryParser phrases_;  // members with several words or inner punctuation
};

}  // namespace herald
