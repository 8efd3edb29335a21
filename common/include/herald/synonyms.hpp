// Synonym groups for query expansion ("us = united states, usa"), read from a
// text file and stored in the database, where the query parser finds them.
#pragma once

#include <xapian.h>

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace herald {

// One group of equivalent words or phrases, folded like indexed text.
using SynonymGroup = std::vector<std::string>;

// Format: one group a line, members separated by '=' or ','; '#' starts a
// comment. Throws std::runtime_error naming the line of a malformed group.
std::vector<SynonymGroup> read_synonyms(std::istream& input, const std::string& name);

// Makes every member of each group a synonym of every other member.
void store_synonyms(Xapian::WritableDatabase& database, const std::vector<SynonymGroup>& groups);

// Expands a folded query with the database's synonyms: "usa trade" becomes
// '(usa OR "united states") trade'. Xapian's own automatic synonyms cannot
// expand a single word into a phrase, hence this rewrite. Words in quotes,
// field names and field values are left alone.
class SynonymExpander {
  public:
    explicit SynonymExpander(const Xapian::Database& database);
    std::string expand(const std::string& folded_query) const;

  private:
    std::map<std::string, std::vector<std::string>> alternatives_;  // key (words joined by ' ') -> synonyms
    std::size_t longest_key_words_ = 0;
};

}  // namespace herald
