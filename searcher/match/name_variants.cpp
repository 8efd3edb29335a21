#include "searcher/match/name_variants.hpp"

namespace herald {

Xapian::Query counting_query(const Xapian::Query& listed, const Xapian::Query& without_name_keys) {
    // The query takes ownership of a release()d posting source.
    const Xapian::Query mark((new Xapian::FixedWeightPostingSource(kCountedMark))->release());
    const Xapian::Query counted(Xapian::Query::OP_AND_MAYBE, without_name_keys, mark);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, listed, 0.0),
                         counted);
}

}  // namespace herald
