// Sampling how often two terms share articles, as the query side decides
// whether capitalised words make a name (query_units.hpp) and how much a
// name key adds to a word (synonym_expansion.hpp).
#pragma once

#include <xapian.h>

#include <string>

namespace herald {

// Walks the first `limit` articles holding `term`, calling `visit(docid)`
// for each that also holds `other` (one walk along each posting list,
// skipping ahead); returns how many articles of `term` were walked.
template <typename Visit>
Xapian::doccount sample_shared_articles(const Xapian::Database& database, const std::string& term,
                                        const std::string& other, Xapian::doccount limit, Visit&& visit) {
    Xapian::PostingIterator also = database.postlist_begin(other);
    const Xapian::PostingIterator also_end = database.postlist_end(other);
    Xapian::doccount sampled = 0;
    for (auto it = database.postlist_begin(term); it != database.postlist_end(term) && sampled < limit;
         ++it, ++sampled) {
        if (also == also_end) continue;
        also.skip_to(*it);
        if (also != also_end && *also == *it) visit(*it);
    }
    return sampled;
}

}  // namespace herald
