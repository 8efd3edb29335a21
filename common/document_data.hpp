// The article fields stored in each Xapian document's data, as a compact
// record of length-prefixed fields, zstd-compressed when long
// (document_data.cpp), so the searcher can show results and build snippets
// without another store.
#pragma once

#include <string>

#include "common/article.hpp"

namespace herald {

// `language` overrides article.language (the code the article was analysed in).
std::string encode_document_data(const Article& article, const std::string& language);
inline std::string encode_document_data(const Article& article) {
    return encode_document_data(article, article.language);
}
// Throws std::runtime_error when the data is not Herald's.
Article decode_document_data(const std::string& data);

}  // namespace herald
