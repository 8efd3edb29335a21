// Herald's ranking: BM25 plus evidence that bag-of-words BM25 cannot see,
// added with OP_AND_MAYBE so it only reorders what the query matches:
// - proximity: the article holds all the query's words within
//   kProximityWindow positions (OP_NEAR); it gains kProximityWeight times
//   those words' BM25 weight again;
// - title: the title holds all of them; it gains kTitleWeight times their
//   title-field weight.
// Both apply to queries of two or more plain words (no operators, fields or
// phrases, which say what the user wants already). `Ranking::BM25` is
// Xapian's stock BM25 alone, for comparison. The weights were tuned on the
// tuning split of bench/relevance.py; bench/README.md reports the test split.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/query/search_request.hpp"

namespace herald {

inline constexpr Xapian::termcount kProximityWindow = 10;
inline constexpr double kProximityWeight = 0.5;
inline constexpr double kTitleWeight = 0.3;

// `query` with the ranking's evidence about `words` (the query's plain
// words, QueryBuilder::plain_words, folded).
Xapian::Query with_ranking_evidence(const Xapian::Query& query, const std::vector<std::string>& words, Ranking ranking);

}  // namespace herald
