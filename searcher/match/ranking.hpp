// Herald's ranking: BM25 plus evidence that bag-of-words BM25 spreads thin:
// an article whose title holds every word of the query gains kTitleWeight
// times those words' weight in the title field (the `S` terms), added with
// OP_AND_MAYBE so it only reorders what the query matches. It applies to
// queries of two or more plain words (no operators, fields, phrases or
// signs, which say what the user wants already). `Ranking::BM25` is Xapian's
// stock BM25 alone, for comparison.
//
// Tuned on the tuning split of bench/relevance.py, where a proximity bonus
// (all words within 10 positions, OP_NEAR) added nothing beyond the title's
// and cost 70% more CPU a search; bench/README.md reports the test split.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/query/search_request.hpp"

namespace herald {

inline constexpr double kTitleWeight = 0.3;

// `query` with the ranking's evidence about `words` (the query's plain
// words, QueryBuilder::plain_words, folded).
Xapian::Query with_ranking_evidence(const Xapian::Query& query, const std::vector<std::string>& words, Ranking ranking);

}  // namespace herald
