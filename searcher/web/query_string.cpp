#include "searcher/web/query_string.hpp"

#include <fmt/format.h>
#include <uriparser/Uri.h>

#include <memory>
#include <vector>

#include "common/text.hpp"

namespace herald::web {
namespace {

struct QueryListDeleter {
    void operator()(UriQueryListA* list) const { uriFreeQueryListA(list); }
};

}  // namespace

Parameters parse_query_string(std::string_view query_string) {
    Parameters parameters;
    if (query_string.empty()) return parameters;
    // uriparser hands values back as C strings, so an encoded NUL would cut
    // its value short without a word: refuse it instead.
    if (query_string.find("%00") != std::string_view::npos) throw ParameterError("a parameter holds a NUL byte (%00)");
    UriQueryListA* raw = nullptr;
    if (uriDissectQueryMallocA(&raw, nullptr, query_string.data(), query_string.data() + query_string.size()) !=
        URI_SUCCESS) {
        throw ParameterError("the query string cannot be decoded");
    }
    const std::unique_ptr<UriQueryListA, QueryListDeleter> list(raw);
    for (const UriQueryListA* item = list.get(); item != nullptr; item = item->next) {
        if (item->key == nullptr || *item->key == '\0') continue;  // "a=1&&b=2"
        std::string name = item->key;
        std::string value = item->value != nullptr ? item->value : "";
        if (!is_valid_utf8(name)) throw ParameterError("a parameter name is not valid UTF-8");
        if (!is_valid_utf8(value)) throw ParameterError(fmt::format("{}: not valid UTF-8", name));
        parameters.emplace_back(std::move(name), std::move(value));
    }
    return parameters;
}

std::string url_encode(std::string_view text) {
    const std::string input(text);  // uriEscapeA wants a terminated string
    std::vector<char> output(input.size() * 3 + 1);
    const char* end = uriEscapeA(input.c_str(), output.data(), URI_TRUE, URI_FALSE);
    return std::string(output.data(), static_cast<std::size_t>(end - output.data()));
}

std::string build_query_string(const Parameters& parameters) {
    std::string query;
    for (const auto& [name, value] : parameters) {
        if (!query.empty()) query += '&';
        query += url_encode(name);
        query += '=';
        query += url_encode(value);
    }
    return query;
}

}  // namespace herald::web
