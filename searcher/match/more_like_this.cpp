#include "searcher/match/more_like_this.hpp"

#include <algorithm>
#include <cctype>

#include "common/schema.hpp"
#include "common/terms.hpp"
#include "searcher/query/query_builder.hpp"

namespace herald {
namespace {

// Keeps plain body/title words: not prefixed (boolean, title, stems), not numbers, not tiny.
class PlainWordDecider : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        if (term.size() < 3 || std::isupper(static_cast<unsigned char>(term[0]))) return false;
        return !std::all_of(term.begin(), term.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; });
    }
};

}  // namespace

Xapian::Query more_like_this(const Xapian::Database& database, const std::string& article_id,
                             Xapian::termcount max_terms) {
    const std::string id_term = terms::id(article_id);
    Xapian::PostingIterator posting = database.postlist_begin(id_term);
    if (posting == database.postlist_end(id_term)) throw QueryError("no article with id '" + article_id + "'");

    Xapian::RSet relevant;
    relevant.add_document(*posting);
    Xapian::Enquire enquire(database);
    PlainWordDecider decider;
    const Xapian::ESet expansion = enquire.get_eset(max_terms, relevant, &decider);

    if (expansion.empty()) throw QueryError("article '" + article_id + "' has no words to compare");
    // Each term counts in proportion to how well it characterises the article.
    const double strongest = expansion.begin().get_weight();
    std::vector<Xapian::Query> weighted;
    for (auto it = expansion.begin(); it != expansion.end(); ++it) {
        weighted.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight() / strongest);
    }
    const Xapian::Query related(Xapian::Query::OP_OR, weighted.begin(), weighted.end());

    // Leave out the article and its exact copies: the point is other coverage.
    Xapian::Query excluded(id_term);
    const std::string signature = database.get_document(*posting).get_value(schema::kSimHashSlot);
    if (!signature.empty()) {
        excluded =
            Xapian::Query(Xapian::Query::OP_OR, excluded,
                          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSimHashSlot, signature, signature));
    }
    return Xapian::Query(Xapian::Query::OP_AND_NOT, related, excluded);
}

}  // namespace herald
