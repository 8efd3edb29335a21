// The read side: runs a query over one or more Herald databases and returns
// ranked hits with their stored fields and snippets, plus facets, spelling
// suggestions and near-duplicate collapsing.
#pragma once

#include <xapian.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "herald/article.hpp"
#include "herald/facets.hpp"
#include "herald/language.hpp"
#include "herald/shards.hpp"
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
};

// A shard that cannot be opened or reached, or failed during a search.
class ShardUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ShardOptions {
    unsigned timeout_ms = 10000;  // remote shards: connecting, and each exchange
    bool allow_partial = false;   // search the live shards when some are unreachable
};

// The databases one search runs over, opened and combined.
struct ShardSet {
    Xapian::Database database;             // the live shards as one (Xapian add_database)
    std::vector<Xapian::Database> shards;  // each live shard alone
    std::vector<std::string> labels;       // of the live shards, in the same order
    std::vector<std::string> missing;      // labels of unreachable shards (allow_partial)
    bool remote = false;                   // some live shard is served by xapian-tcpsrv
};

// Opens every location; each must hold a Herald database of this schema
// (std::runtime_error otherwise). An unreachable one throws ShardUnavailable
// naming it, or with allow_partial is listed in `missing` (all missing still
// throws). Throws Xapian::DatabaseOpeningError for a local path that is no database.
ShardSet open_shards(const std::vector<ShardLocation>& locations, const ShardOptions& options);

// --db arguments (directories, stub files, tcp://HOST:PORT) opened as one
// database, every shard required.
Xapian::Database open_database(const std::vector<std::string>& arguments);

class Searcher {
  public:
    Searcher(Xapian::Database database, const Language& query_language);
    // With a stemmer from make_stemmer() the caller reuses across searches: a
    // new one costs more than a whole search (it allocates its stem cache).
    // Stemmers are not thread-safe: one per thread.
    Searcher(Xapian::Database database, Xapian::Stem stemmer);
    // Over shards: hits say which shard they came from, missing shards make
    // the results partial, and remote shards get Xapian's own facet spies.
    Searcher(const ShardSet& shards, Xapian::Stem stemmer);

    // Throws QueryError for a request the user must fix.
    SearchResults search(const SearchRequest& request);

  private:
    Xapian::Database database_;
    Xapian::Stem stemmer_;
    std::vector<std::string> shard_labels_;
    std::vector<std::string> missing_shards_;
    bool remote_ = false;
};

}  // namespace herald
