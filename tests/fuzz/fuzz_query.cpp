// Query building with every request option. The first line is the query
// (`q`: operators, phrases, fields, `date:` ranges, wildcards, keyword
// fields), each further line a NAME=VALUE request parameter (sort, facets,
// timeline, from/to, filters, recency, like, top_terms...), as the web API
// takes them; the request runs through Searcher::search over the fuzz
// database and its results become the public JSON. A request the user must
// fix throws QueryError (ParameterError included); anything else is a bug.
#include <string>

#include "searcher/match/searcher.hpp"
#include "searcher/present/results_json.hpp"
#include "searcher/query/search_params.hpp"
#include "tests/fuzz/search_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace herald;
    static Searcher searcher(fuzz::opened_fuzz_database(), make_stemmer("english"));
    auto [query, rest] = fuzz::first_line(fuzz::as_text(data, size));
    Parameters parameters{{"q", std::string(query)}};
    while (!rest.empty()) {
        auto [line, after] = fuzz::first_line(rest);
        const auto equals = line.find('=');
        if (equals == std::string_view::npos) {
            parameters.emplace_back(std::string(line), "");
        } else {
            parameters.emplace_back(std::string(line.substr(0, equals)), std::string(line.substr(equals + 1)));
        }
        rest = after;
    }
    try {
        const SearchRequest request = search_request_from_parameters(parameters, ParameterLimits{});
        const SearchResults results = searcher.search(request);
        fuzz::require(results.hits.size() <= request.limit, "no more hits than the limit");
        results_to_json(results).dump();
    } catch (const QueryError& error) {
        fuzz::require(std::string_view(error.what()).size() > 0, "query errors say what to fix");
    }
    return 0;
}
