#include "searcher/match/ranking.hpp"

#include "common/schema.hpp"

namespace herald {

Xapian::Query with_ranking_evidence(const Xapian::Query& query, const std::vector<std::string>& words,
                                    Ranking ranking) {
    if (ranking != Ranking::Herald || words.size() < 2) return query;
    std::vector<std::string> title_terms;
    for (const auto& word : words) title_terms.push_back(std::string(schema::kTitlePrefix) + word);
    const Xapian::Query whole_title(Xapian::Query::OP_AND, title_terms.begin(), title_terms.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, whole_title, kTitleWeight));
}

}  // namespace herald
