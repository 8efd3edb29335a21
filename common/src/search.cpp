#include "herald/search.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "herald/document_data.hpp"
#include "herald/query_builder.hpp"
#include "herald/schema.hpp"

namespace herald {

Xapian::Database open_database(const std::vector<std::string>& paths) {
    if (paths.empty()) throw std::invalid_argument("no database given");
    Xapian::Database combined;
    for (const auto& path : paths) {
        Xapian::Database database(path);
        const std::string version = database.get_metadata(std::string(schema::kSchemaVersionKey));
        if (version != schema::kSchemaVersion) {
            throw std::runtime_error(version.empty() ? fmt::format("{} is not a Herald database", path)
                                                     : fmt::format("{} uses Herald schema {}, this build reads {}",
                                                                   path, version, schema::kSchemaVersion));
        }
        combined.add_database(database);
    }
    return combined;
}

Searcher::Searcher(Xapian::Database database, Language query_language)
    : database_(std::move(database)), language_(std::move(query_language)) {}

SearchResults Searcher::search(const SearchRequest& request) {
    QueryBuilder builder(database_, language_);
    const Xapian::Query query = builder.parse(request.query);

    Xapian::Enquire enquire(database_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    const Xapian::MSet matches = enquire.get_mset(request.offset, request.limit);

    SearchResults results;
    results.query = request.query;
    results.offset = request.offset;
    results.total = matches.get_matches_estimated();
    Highlighter highlighter(query, builder.stemmer());
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        Hit hit;
        hit.rank = request.offset + it.get_rank() + 1;
        hit.score = it.get_weight();
        hit.article = decode_document_data(it.get_document().get_data());
        const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
        hit.snippet = make_snippet(text, highlighter);
        results.hits.push_back(std::move(hit));
    }
    return results;
}

}  // namespace herald
