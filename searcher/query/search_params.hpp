// Search requests from named text parameters, as the web API receives them
// (`q`, `limit`, `source`, ...): the one place their names, syntax and
// limits are checked, so every text front end rejects the same mistakes.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "searcher/match/searcher.hpp"
#include "searcher/query/query_builder.hpp"

namespace herald {

// A bad parameter; the message names it.
class ParameterError : public QueryError {
  public:
    using QueryError::QueryError;
};

// Bounds that keep one request from occupying a worker for long.
struct ParameterLimits {
    Xapian::doccount max_limit = 100;     // larger `limit`s are lowered to this
    Xapian::doccount max_offset = 10000;  // deeper pages are refused
    std::size_t max_query_bytes = 1024;   // longer `q`s are refused
};

// Name/value pairs in their order; a name may repeat.
using Parameters = std::vector<std::pair<std::string, std::string>>;

// Parameters: q, limit, offset, sort, ranking (herald/bm25), from, to, source, author, tag, lang (these
// four repeatable: any of them), facets (comma-separated), collapse (true/false),
// like, recency (half-life in days), timeline (day/week/month/year), top_terms (0 to kMaxTopTerms),
// name_variants (count/exclude: whether counts include articles only a name key finds);
// any other name a keyword field may have is that field's filter (repeatable). Throws ParameterError for an unknown or
// repeated name or a malformed value; the query itself is checked by search().
SearchRequest search_request_from_parameters(const Parameters& parameters, const ParameterLimits& limits);

}  // namespace herald
