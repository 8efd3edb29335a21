// Synonym files ("us = united states, usa"): read at indexing time and stored
// in the database's synonym table, where the searcher's expansion finds them
// (searcher/query/synonym_expansion.hpp).
#pragma once

#include <xapian.h>

#include <istream>
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

}  // namespace herald
