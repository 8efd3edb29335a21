#include "searcher/match/name_variants.hpp"

#include "common/schema.hpp"

namespace herald {

Xapian::Query counting_query(const Xapian::Query& listed, const Xapian::Query& without_name_keys) {
    // The query takes ownership of a release()d posting source.
    const Xapian::Query mark((new Xapian::FixedWeightPostingSource(kCountedMark))->release());
    const Xapian::Query counted(Xapian::Query::OP_AND_MAYBE, without_name_keys, mark);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, listed, 0.0),
                         counted);
}

void NameVariantSplit::Tally::add(const Xapian::Document& document, bool collapse) {
    std::string signature = collapse ? document.get_value(schema::kSimHashSlot) : std::string();
    if (signature.empty()) {
        ++unsigned_documents;
    } else {
        signatures.insert(std::move(signature));
    }
}

Xapian::doccount NameVariantSplit::Tally::total() const {
    return unsigned_documents + static_cast<Xapian::doccount>(signatures.size());
}

void NameVariantSplit::operator()(const Xapian::Document& document, double weight) {
    if (weight <= 0) {
        variants_.add(document, collapse_);
        return;
    }
    if (count_matches_) counted_.add(document, collapse_);
    for (auto* spy : spies_) (*spy)(document, weight);
}

Xapian::doccount NameVariantSplit::counted() const { return counted_.total(); }

Xapian::doccount NameVariantSplit::variants() const { return variants_.total(); }

}  // namespace herald
