// Herald's ranking: BM25 over the query, plus title evidence weighed as
// BM25F weighs a short field of its own. Each query word found in an
// article's title adds kTitleWeight times its idf, times a saturation that
// favours short titles (a word is more of what a five-word headline is
// about than of a twenty-word one); a title holding only some of the words
// gets kPartialTitleShare of that. It joins with OP_AND_MAYBE, so it only
// reorders what the query matches, and applies to queries of plain words
// (no operators, fields, phrases or signs, which say what the user wants
// already). A second pass then re-sorts the first matches by how many of
// the query's words each holds (rerank_by_coverage). `Ranking::BM25` is
// Xapian's stock BM25 alone, for comparison.
//
// The constants were tuned on the tuning split of bench/relevance.py;
// bench/README.md reports the test split.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/query/query_builder.hpp"
#include "searcher/query/search_request.hpp"

namespace herald {

inline constexpr double kTitleWeight = 1.0;
inline constexpr double kPartialTitleShare = 0.5;
// BM25's k1 and b for the title field, and the title length taken as
// typical (the index keeps no average title length).
inline constexpr double kTitleK1 = 1.2;
inline constexpr double kTitleB = 0.75;
inline constexpr double kTypicalTitleWords = 10;

// `query` with the ranking's evidence about `words` (the query's plain
// words, QueryBuilder::plain_words, folded) in `database`'s titles: Herald's
// posting source (title_evidence.hpp), or, when `database` has remote
// shards, Xapian's own posting sources giving the same weights.
Xapian::Query with_ranking_evidence(const Xapian::Query& query, const std::vector<std::string>& words, Ranking ranking,
                                    const Xapian::Database& database, bool remote);

// The second pass: the first kRerankDepth matches, each gaining
// kCoverageWeight times the idf of every query word it matches (in any
// form), so an article with all the words outranks one that repeats some.
// Xapian 1.4.22's matcher loses matches when this is a posting source in the
// query (bench/README.md), so it is done on the ranked list instead.
inline constexpr double kCoverageWeight = 3.0;
inline constexpr Xapian::doccount kRerankDepth = 20;

struct RankedMatch {
    Xapian::MSetIterator match;
    double score;
};

// Whether `request` over `words` gets the second pass.
bool reranks(const SearchRequest& request, const std::vector<QueryWord>& words);

// `matches` in their final order: re-ranked as above for Ranking::Herald.
// `remote` says `database` has remote shards (it then reads term lists,
// not posting lists).
std::vector<RankedMatch> rerank_by_coverage(const Xapian::MSet& matches, const std::vector<QueryWord>& words,
                                            const Xapian::Database& database, bool remote);

}  // namespace herald
