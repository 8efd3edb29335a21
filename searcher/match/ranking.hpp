// Herald's ranking: BM25 over the query picks and orders the matches; a
// second pass then re-sorts the first kRerankDepth of them with two kinds of
// evidence, for queries of plain words (no operators, fields, phrases or
// signs, which say what the user wants already):
//  - title evidence, weighed as BM25F weighs a short field of its own: each
//    query word found in an article's title adds kTitleWeight times its
//    idf, times a saturation that favours short titles (a word is more of
//    what a five-word headline is about than of a twenty-word one); a title
//    holding only some of the words gets kPartialTitleShare of that;
//  - coverage: kCoverageWeight times the idf of every query word the
//    article holds in any form, so an article with all the words outranks
//    one that repeats some.
// Both are read for those articles alone (posting lists skipped to them,
// or term lists on remote shards), so the match itself is stock BM25 with
// all of Xapian's pruning. In the query, as posting sources, they cost
// most of a search, and Xapian 1.4.22's matcher loses matches with some
// (bench/README.md). `Ranking::BM25` is Xapian's stock BM25 alone.
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

inline constexpr double kCoverageWeight = 3.0;
// Deep enough that a title match BM25 ranks low still reaches the first
// page: known-item results at 50 equal those of title evidence inside the
// match; at 20 they were 0.3-0.8% lower (tuning split).
inline constexpr Xapian::doccount kRerankDepth = 50;

struct RankedMatch {
    Xapian::MSetIterator match;
    double score;
    Xapian::doccount duplicates = 0;  // copies folded into it (collapse.hpp)
    bool some_words = false;          // listed after the matches with every unit (Searcher::search)
};

// Whether `request` over `words` gets the second pass.
bool reranks(const SearchRequest& request, const std::vector<QueryWord>& words);

// `ranked` in its final order: the first kRerankDepth re-sorted by
// their BM25 score plus the evidence above.
// `remote` says `database` has remote shards (it then reads term lists,
// not posting lists).
std::vector<RankedMatch> rerank(std::vector<RankedMatch> ranked, const std::vector<QueryWord>& words,
                                const Xapian::Database& database, bool remote);

}  // namespace herald
