// The HTML search page: a query box, results with highlighted snippets,
// facets that narrow the search, and pagination, all plain links and forms
// (no JavaScript); the timeline, facet shares and keyword splits drawn as
// inline SVG (web/charts.hpp). Every piece of text is HTML-escaped; article URLs are
// linked only when they are http(s).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "searcher/match/searcher.hpp"
#include "searcher/query/search_params.hpp"

namespace herald::web {

struct PageView {
    Parameters parameters;  // as received, to build the links from
    SearchRequest request;
    std::optional<SearchResults> results;  // none: no search asked for yet
    std::string error;                     // a bad parameter or query, shown above the form
    Xapian::doccount documents = 0;
    ParameterLimits limits;
    // The database's keyword fields: their facets are drawn as stacked bars
    // and their filters listed with the others.
    std::set<std::string> keyword_fields;
};

std::string render_page(const PageView& view);

}  // namespace herald::web
