// The read side: runs a query over one or more Herald databases and returns
// ranked hits with their stored fields and snippets.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "herald/article.hpp"
#include "herald/language.hpp"
#include "herald/snippet.hpp"

namespace herald {

struct SearchRequest {
    std::string query;
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
};

struct Hit {
    Xapian::doccount rank = 0;  // 1-based, across pages
    double score = 0;
    Article article;
    Snippet snippet;
};

struct SearchResults {
    std::string query;
    Xapian::doccount total = 0;  // Xapian's estimate of the number of matches
    Xapian::doccount offset = 0;
    std::vector<Hit> hits;
};

// Opens a database for reading. Throws Xapian::DatabaseOpeningError when it
// cannot be opened, std::runtime_error when it is not a Herald database.
Xapian::Database open_database(const std::vector<std::string>& paths);

class Searcher {
  public:
    Searcher(Xapian::Database database, Language query_language);

    // Throws QueryError for a query the user must fix.
    SearchResults search(const SearchRequest& request);

  private:
    Xapian::Database database_;
    Language language_;
};

}  // namespace herald
