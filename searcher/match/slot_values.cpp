#include "searcher/match/slot_values.hpp"

namespace herald {

std::vector<std::string> slot_values(const Xapian::Database& database, Xapian::valueno slot,
                                     const std::vector<Xapian::docid>& documents, bool remote) {
    std::vector<std::string> values(documents.size());
    if (remote) {
        for (std::size_t i = 0; i < documents.size(); ++i)
            values[i] = database.get_document(documents[i]).get_value(slot);
        return values;
    }
    Xapian::ValueIterator value = database.valuestream_begin(slot);
    const Xapian::ValueIterator end = database.valuestream_end(slot);
    for (std::size_t i = 0; i < documents.size() && value != end; ++i) {
        value.skip_to(documents[i]);
        if (value != end && value.get_docid() == documents[i]) values[i] = *value;
    }
    return values;
}

}  // namespace herald
