#include "herald/results_json.hpp"

namespace herald {
namespace {

nlohmann::ordered_json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

}  // namespace

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
        });
    }
    return {
        {"query", results.query},
        {"total", results.total},
        {"offset", results.offset},
        {"results", std::move(hits)},
    };
}

nlohmann::ordered_json error_to_json(const std::string& message) { return {{"error", message}}; }

}  // namespace herald
