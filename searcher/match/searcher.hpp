// The read side: runs a query over one or more Herald databases and returns
// ranked hits with their stored fields and snippets, plus facets, spelling
// suggestions and near-duplicate collapsing.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/language.hpp"
#include "searcher/analysis/top_terms.hpp"
#include "searcher/match/facets.hpp"
#include "searcher/match/shard_set.hpp"
#include "searcher/present/snippet.hpp"
#include "searcher/query/search_request.hpp"
#include "searcher/query/synonym_expansion.hpp"

namespace herald {

struct Hit {
    Xapian::doccount rank = 0;  // 1-based, across pages
    std::string shard;          // label of the database it came from (ShardLocation::label)
    double score = 0;
    Xapian::doccount duplicates = 0;  // copies folded into this hit
    Article article;
    Snippet snippet;
};

struct SearchResults {
    std::string query;
    Xapian::doccount total = 0;  // Xapian's estimate of the number of matches
    Xapian::doccount total_lower = 0, total_upper = 0;
    Xapian::doccount offset = 0;
    std::string corrected_query;  // empty when there is no suggestion
    std::vector<Hit> hits;
    std::vector<FacetCounts> facets;
    bool partial = false;                     // some matches may be missing (see warnings)
    std::vector<std::string> warnings;        // why, for people
    std::vector<std::string> missing_shards;  // labels of shards that could not be searched
    bool top_terms_requested = false;
    std::vector<TopTerm> top_terms;             // most significant first
    Xapian::doccount top_terms_foreground = 0;  // the top matches they were counted in
};

class Searcher {
  public:
    Searcher(Xapian::Database database, const Language& query_language);
    // With a stemmer from make_stemmer() the caller reuses across searches: a
    // new one costs more than a whole search (it allocates its stem cache).
    // Stemmers are not thread-safe: one per thread. `synonyms`: the
    // database's synonym table when the caller keeps one (else read on the
    // first search).
    Searcher(Xapian::Database database, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms = nullptr);
    // Over shards: hits say which shard they came from, missing shards make
    // the results partial, and remote shards get Xapian's own facet spies.
    Searcher(const ShardSet& shards, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms = nullptr);

    // Throws QueryError for a request the user must fix.
    SearchResults search(const SearchRequest& request);

  private:
    void add_top_terms(SearchResults& results, const SearchRequest& request, const Xapian::Query& query,
                       const Xapian::Query& text_query) const;

    Xapian::Database database_;
    Xapian::Stem stemmer_;
    std::shared_ptr<const SynonymTable> synonyms_;
    std::vector<std::string> shard_labels_;
    std::vector<std::string> missing_shards_;
    bool remote_ = false;
};

}  // namespace herald
