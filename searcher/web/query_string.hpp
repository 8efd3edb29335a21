// URL query strings (application/x-www-form-urlencoded), through uriparser.
#pragma once

#include <string>
#include <string_view>

#include "searcher/query/search_params.hpp"

namespace herald::web {

// "q=gas+hub&source=BBC" -> {{"q","gas hub"},{"source","BBC"}}; a name
// without '=' has an empty value. Throws ParameterError for bytes that are
// not UTF-8 once decoded, naming the parameter.
Parameters parse_query_string(std::string_view query_string);

// Percent-encodes everything but unreserved characters; spaces become '+'.
std::string url_encode(std::string_view text);

// Parameters back to a query string, in their order.
std::string build_query_string(const Parameters& parameters);

}  // namespace herald::web
