#include "herald/index_writer.hpp"

#include <fmt/format.h>

#include <ctime>
#include <stdexcept>

#include "herald/schema.hpp"
#include "herald/terms.hpp"

namespace herald {

IndexWriter::IndexWriter(const std::string& path, Language default_language)
    : database_(path, Xapian::DB_CREATE_OR_OPEN), builder_(std::move(default_language)) {
    const std::string key(schema::kSchemaVersionKey);
    const std::string version = database_.get_metadata(key);
    if (version.empty()) {
        if (database_.get_doccount() != 0) {
            throw std::runtime_error(fmt::format("{} is a Xapian database not written by Herald", path));
        }
        database_.set_metadata(key, std::string(schema::kSchemaVersion));
    } else if (version != schema::kSchemaVersion) {
        throw std::runtime_error(fmt::format("{} uses Herald schema {}, this build writes schema {}", path, version,
                                             schema::kSchemaVersion));
    }
    builder_.enable_spelling(database_);
}

void IndexWriter::add_synonyms(const std::vector<SynonymGroup>& groups) { store_synonyms(database_, groups); }

IndexWriter::Outcome IndexWriter::upsert(const Article& article, std::vector<std::string>& warnings) {
    const std::string id_term = terms::id(article.id);
    const bool exists = database_.term_exists(id_term);
    database_.replace_document(id_term, builder_.build(article, warnings));
    return exists ? Outcome::Replaced : Outcome::Added;
}

void IndexWriter::commit() {
    database_.set_metadata(std::string(schema::kLastCommitKey), std::to_string(std::time(nullptr)));
    database_.commit();
}

}  // namespace herald
