// The web's query strings (uriparser): decoding either gives parameters or
// throws ParameterError, and what decodes survives encoding and decoding
// again unchanged. The parameters then become a search request (or a
// ParameterError naming the bad one).
#include <string>

#include "searcher/query/search_params.hpp"
#include "searcher/web/query_string.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace herald;
    Parameters parameters;
    try {
        parameters = web::parse_query_string(fuzz::as_text(data, size));
    } catch (const ParameterError&) {
        return 0;
    }
    fuzz::require(web::parse_query_string(web::build_query_string(parameters)) == parameters,
                  "decoded parameters survive encoding and decoding");
    for (const auto& [name, value] : parameters) {
        const std::string encoded = web::url_encode(value);
        fuzz::require(encoded.find_first_of("&=#? ") == std::string::npos, "url_encode leaves no delimiters");
    }
    try {
        search_request_from_parameters(parameters, ParameterLimits{});
    } catch (const ParameterError& error) {
        fuzz::require(std::string_view(error.what()).size() > 0, "parameter errors name the parameter");
    }
    return 0;
}
