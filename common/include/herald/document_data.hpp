// The article fields stored in each Xapian document's data, as JSON, so the
// searcher can show results and build snippets without another store.
#pragma once

#include <string>

#include "herald/article.hpp"

namespace herald {

std::string encode_document_data(const Article& article);
// Throws std::runtime_error when the data is not Herald's.
Article decode_document_data(const std::string& data);

}  // namespace herald
