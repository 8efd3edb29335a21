#include "common/document_data.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace herald {

std::string encode_document_data(const Article& article, const std::string& language) {
    nlohmann::json data{{"id", article.id}, {"title", article.title}, {"body", article.body}};
    if (article.date) data["date"] = article.date->iso8601();
    if (!article.source.empty()) data["source"] = article.source;
    if (!article.url.empty()) data["url"] = article.url;
    if (!article.authors.empty()) data["authors"] = article.authors;
    if (!article.tags.empty()) data["tags"] = article.tags;
    if (!language.empty()) data["language"] = language;
    // Invalid UTF-8 cannot reach here (readers repair it); replace defensively anyway.
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article decode_document_data(const std::string& data) try {
    const auto json = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) throw std::runtime_error("document data is not a Herald article");
    Article article;
    article.id = json.value("id", "");
    article.title = json.value("title", "");
    article.body = json.value("body", "");
    article.source = json.value("source", "");
    article.url = json.value("url", "");
    article.language = json.value("language", "");
    article.authors = json.value("authors", std::vector<std::string>{});
    article.tags = json.value("tags", std::vector<std::string>{});
    if (json.contains("date")) article.date = parse_date(json["date"].get<std::string>());
    return article;
} catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(std::string("document data is not a Herald article: ") + error.what());
}

}  // namespace herald
