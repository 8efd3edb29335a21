#include "searcher/match/slot_values.hpp"

#include <algorithm>
#include <numeric>

namespace herald {

std::vector<std::string> slot_values(const Xapian::Database& database, Xapian::valueno slot,
                                     const std::vector<Xapian::docid>& documents, bool remote) {
    std::vector<std::string> values(documents.size());
    if (remote) {
        for (std::size_t i = 0; i < documents.size(); ++i)
            values[i] = database.get_document(documents[i]).get_value(slot);
        return values;
    }
    std::vector<std::size_t> by_id(documents.size());
    std::iota(by_id.begin(), by_id.end(), std::size_t{0});
    std::sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) { return documents[a] < documents[b]; });
    Xapian::ValueIterator value = database.valuestream_begin(slot);
    const Xapian::ValueIterator end = database.valuestream_end(slot);
    for (const std::size_t i : by_id) {
        if (value == end) break;
        value.skip_to(documents[i]);
        if (value != end && value.get_docid() == documents[i]) values[i] = *value;
    }
    return values;
}

}  // namespace herald
