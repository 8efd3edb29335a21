// The read side: runs a query over one or more Herald databases and returns
// ranked hits with their stored fields and snippets, plus facets, spelling
// suggestions and near-duplicate collapsing.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "herald/article.hpp"
#include "herald/facets.hpp"
#include "herald/language.hpp"
#include "herald/snippet.hpp"

namespace herald {

enum class SortOrder { Relevance, DateAscending, DateDescending };

// "relevance", "date" (oldest first), "-date" (newest first); nullopt otherwise.
std::optional<SortOrder> sort_order_from_name(const std::string& name);

struct SearchRequest {
    std::string query;  // may be empty when filters or like_id narrow the search
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    // Filters: OR within a field, AND across fields.
    std::vector<std::string> sources, authors, tags;
    std::string from, to;  // dates, partial allowed ("2016", "2016-05")
    SortOrder sort = SortOrder::Relevance;
    double recency_half_life_days = 0;  // > 0 blends in freshness
    std::vector<std::string> facets;    // names from schema::kFacets
    bool collapse = true;               // fold near-duplicate copies into their best hit
    std::string like_id;                // more like this article
    // Stops the match after this long (0: no limit); the page then holds the
    // best hits found so far and the results are flagged partial.
    double time_limit_seconds = 0;
};

struct Hit {
    Xapian::doccount rank = 0;  // 1-based, across pages
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
    bool partial = false;               // some matches may be missing (see warnings)
    std::vector<std::string> warnings;  // why, for people
};

// Opens a database for reading. Throws Xapian::DatabaseOpeningError when it
// cannot be opened, std::runtime_error when it is not a Herald database.
Xapian::Database open_database(const std::vector<std::string>& paths);

class Searcher {
  public:
    Searcher(Xapian::Database database, const Language& query_language);
    // With a stemmer from make_stemmer() the caller reuses across searches: a
    // new one costs more than a whole search (it allocates its stem cache).
    // Stemmers are not thread-safe: one per thread.
    Searcher(Xapian::Database database, Xapian::Stem stemmer);

    // Throws QueryError for a request the user must fix.
    SearchResults search(const SearchRequest& request);

  private:
    Xapian::Database database_;
    Xapian::Stem stemmer_;
};

}  // namespace herald
