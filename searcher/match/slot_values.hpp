// One value slot read for a few documents of a ranking.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace herald {

// The `slot` values of `documents` (in any order), empty where a document
// has none. Locally it walks the slot's value stream forwards, in docid order: a document's
// own lookup (Document::get_value) finds and decodes the stream's chunk
// again each time, 5 µs a document on AllSides and 50 at a million
// articles, against under 3 for the walk. A remote database sends a whole
// stream, so there each document is asked for its value.
std::vector<std::string> slot_values(const Xapian::Database& database, Xapian::valueno slot,
                                     const std::vector<Xapian::docid>& documents, bool remote);

}  // namespace herald
