// "More like this": a query for articles related to a given one, from the
// terms that best characterise it (Xapian's relevance-feedback expansion).
#pragma once

#include <xapian.h>

#include <string>

namespace herald {

// Throws QueryError when no article has `article_id`. The query excludes
// the article itself.
Xapian::Query more_like_this(const Xapian::Database& database, const std::string& article_id,
                             Xapian::termcount max_terms = 40);

}  // namespace herald
