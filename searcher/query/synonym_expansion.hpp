// Query-side synonyms: a folded query expanded with the groups the indexer
// stored in the database's synonym table (indexer/analysis/synonym_file.hpp).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace herald {

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
