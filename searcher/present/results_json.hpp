// The JSON shape of search results, shared by `herald-searcher --json` and the web
// endpoint: {"query","total","offset","results":[{"rank","id","score",
// "title","date","source","url","snippet","duplicates","shard","language",
// "fields":{keyword field: value}}],
// "total_lower","total_upper","corrected_query","partial","warnings",
// "missing_shards"[,"facets"][,"timeline"]}, where "timeline" is
// {"interval","buckets":[{"period","count","all","share"}],"undated"}.
// Comparisons: {"compare":[{"query","total","timeline"}],"partial","warnings"}.
// Missing fields are null.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "searcher/match/searcher.hpp"

namespace herald {

nlohmann::ordered_json results_to_json(const SearchResults& results);
nlohmann::ordered_json timeline_to_json(const Timeline& timeline);
nlohmann::ordered_json comparison_to_json(const Comparison& comparison);
nlohmann::ordered_json error_to_json(const std::string& message);

}  // namespace herald
