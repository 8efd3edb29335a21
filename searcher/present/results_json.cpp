#include "searcher/present/results_json.hpp"

namespace herald {
namespace {

nlohmann::ordered_json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

// {"source": [{"value": "CNN", "count": 12}, ..., {"value": null, "count": 3}]}
nlohmann::ordered_json facets_to_json(const std::vector<FacetCounts>& facets) {
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    for (const auto& facet : facets) {
        // Built in place: a facet such as author has thousands of values, and
        // initializer lists would copy each object twice.
        nlohmann::ordered_json values = nlohmann::ordered_json::array();
        auto& array = values.get_ref<nlohmann::ordered_json::array_t&>();
        array.reserve(facet.values.size());
        for (const auto& value : facet.values) {
            auto& item = array.emplace_back(nlohmann::ordered_json::object());
            auto& fields = item.get_ref<nlohmann::ordered_json::object_t&>();
            fields.reserve(2);
            fields.emplace("value",
                           value.value ? nlohmann::ordered_json(*value.value) : nlohmann::ordered_json(nullptr));
            fields.emplace("count", value.count);
        }
        json[facet.name] = std::move(values);
    }
    return json;
}

}  // namespace

nlohmann::ordered_json timeline_to_json(const Timeline& timeline) {
    nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
    for (const auto& bucket : timeline.buckets) {
        buckets.push_back(
            {{"period", bucket.period}, {"count", bucket.count}, {"all", bucket.all}, {"share", bucket.share}});
    }
    return {{"interval", timeline_interval_name(timeline.interval)},
            {"buckets", std::move(buckets)},
            {"undated", timeline.undated}};
}

nlohmann::ordered_json comparison_to_json(const Comparison& comparison) {
    nlohmann::ordered_json timelines = nlohmann::ordered_json::array();
    for (const auto& timeline : comparison.timelines) {
        timelines.push_back(
            {{"query", timeline.query}, {"total", timeline.total()}, {"timeline", timeline_to_json(timeline)}});
    }
    return {{"compare", std::move(timelines)}, {"partial", comparison.partial}, {"warnings", comparison.warnings}};
}

nlohmann::ordered_json results_to_json(const SearchResults& results) {
    nlohmann::ordered_json hits = nlohmann::ordered_json::array();
    for (const auto& hit : results.hits) {
        const Article& article = hit.article;
        hits.push_back({
            {"rank", hit.rank},
            {"id", article.id},
            {"score", hit.score},
            {"title", text_or_null(article.title)},
            {"date", article.date ? nlohmann::ordered_json(article.date->iso8601()) : nlohmann::ordered_json(nullptr)},
            {"source", text_or_null(article.source)},
            {"url", text_or_null(article.url)},
            {"snippet", snippet_html(hit.snippet)},
            {"duplicates", hit.duplicates},
            {"all_words", hit.all_words ? nlohmann::ordered_json(*hit.all_words) : nlohmann::ordered_json(nullptr)},
            {"shard", text_or_null(hit.shard)},
            {"language", text_or_null(article.language)},
            {"fields", article.keywords},
        });
    }
    nlohmann::ordered_json json{
        {"query", results.query},
        {"total", results.total},
        {"offset", results.offset},
        {"results", std::move(hits)},
        {"total_lower", results.total_lower},
        {"total_upper", results.total_upper},
        {"corrected_query", text_or_null(results.corrected_query)},
        {"partial", results.partial},
        {"warnings", results.warnings},
        {"missing_shards", results.missing_shards},
        {"name_variants", results.name_variants},
        {"match", match_mode_name(results.match)},
    };
    if (results.match_totals)
        json["match_totals"] = {{"all", results.match_totals->all}, {"any", results.match_totals->any}};
    if (!results.facets.empty()) json["facets"] = facets_to_json(results.facets);
    if (results.timeline) json["timeline"] = timeline_to_json(*results.timeline);
    if (results.top_terms_requested) {
        nlohmann::ordered_json terms = nlohmann::ordered_json::array();
        for (const auto& term : results.top_terms) {
            terms.push_back({{"term", term.term}, {"count", term.count}, {"score", term.score}});
        }
        json["top_terms"] = std::move(terms);
        json["top_terms_foreground"] = results.top_terms_foreground;
    }
    return json;
}

nlohmann::ordered_json error_to_json(const std::string& message) { return {{"error", message}}; }

}  // namespace herald
