#include "indexer/store/index_writer.hpp"

#include <fmt/format.h>

#include <ctime>
#include <stdexcept>

#include "common/keyword_fields.hpp"
#include "common/schema.hpp"
#include "common/terms.hpp"
#include "common/version.hpp"

namespace herald {
namespace {

int open_flags(IndexWriter::OpenMode mode) {
    switch (mode) {
        case IndexWriter::OpenMode::CreateOrOpen:
            return Xapian::DB_CREATE_OR_OPEN;
        case IndexWriter::OpenMode::Overwrite:
            return Xapian::DB_CREATE_OR_OVERWRITE;
        case IndexWriter::OpenMode::Scratch:
            return Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC;
    }
    return Xapian::DB_CREATE_OR_OPEN;
}

// Spelling data comes from titles only: they hold the names and topics people
// search for, at a fraction of the cost of whole bodies (the searcher only
// corrects words absent from the index, so a word missing from the spelling
// data is never "corrected" away). The title's unstemmed prefixed terms are
// exactly its words, with their counts as wdf.
template <typename Apply>
void for_each_title_word(const Xapian::Document& document, Apply apply) {
    const std::string prefix(schema::kTitlePrefix);
    auto term = document.termlist_begin();
    for (term.skip_to(prefix); term != document.termlist_end(); ++term) {
        const std::string name = *term;
        if (name.compare(0, prefix.size(), prefix) != 0) break;
        apply(name.substr(prefix.size()), term.get_wdf());
    }
}

void add_title_spelling(Xapian::WritableDatabase& database, const Xapian::Document& document) {
    for_each_title_word(document,
                        [&](const std::string& word, Xapian::termcount count) { database.add_spelling(word, count); });
}

// The exact inverse of add_title_spelling, for an article about to be
// replaced or deleted (its stored termlist holds the same words and counts).
void remove_title_spelling(Xapian::WritableDatabase& database, const Xapian::Document& document) {
    for_each_title_word(
        document, [&](const std::string& word, Xapian::termcount count) { database.remove_spelling(word, count); });
}

// Takes back the spelling data of the article(s) indexed under `id_term`.
void remove_spelling_of(Xapian::WritableDatabase& database, const std::string& id_term) {
    for (auto posting = database.postlist_begin(id_term); posting != database.postlist_end(id_term); ++posting) {
        remove_title_spelling(database, database.get_document(*posting));
    }
}

}  // namespace

bool delete_article(Xapian::WritableDatabase& database, const std::string& id_term) {
    if (!database.term_exists(id_term)) return false;
    remove_spelling_of(database, id_term);
    database.delete_document(id_term);
    return true;
}

BuiltDocument build_document(DocumentBuilder& builder, const Article& article, std::vector<std::string>& warnings) {
    return {terms::id(article.id), builder.build(article, warnings)};
}

IndexWriter::IndexWriter(const std::string& path, Language default_language, OpenMode mode)
    : database_(path, open_flags(mode)), builder_(std::move(default_language)) {
    const std::string key(schema::kSchemaVersionKey);
    const std::string version = database_.get_metadata(key);
    if (version.empty()) {
        if (database_.get_doccount() != 0) {
            throw std::runtime_error(fmt::format("{} is a Xapian database not written by Herald", path));
        }
        database_.set_metadata(key, std::string(schema::kSchemaVersion));
    } else if (version == schema::kCompatibleSchemaVersion) {
        database_.set_metadata(key, std::string(schema::kSchemaVersion));  // a subset of this schema
    } else if (version != schema::kSchemaVersion) {
        throw std::runtime_error(
            fmt::format("{} uses Herald schema {}, this build writes schema {}: index into a new database", path,
                        version, schema::kSchemaVersion));
    }
}

void IndexWriter::declare_keywords(const std::set<std::string>& names) {
    if (names.empty()) return;
    for (const auto& name : names) {
        if (const auto problem = keyword_name_problem(name)) throw std::invalid_argument(*problem);
    }
    const std::string key(schema::kKeywordNamesKey);
    std::set<std::string> all = parse_keyword_names(database_.get_metadata(key));
    all.insert(names.begin(), names.end());
    database_.set_metadata(key, keyword_names_metadata(all));
}

void IndexWriter::add_synonyms(const std::vector<SynonymGroup>& groups) { store_synonyms(database_, groups); }

IndexWriter::Outcome IndexWriter::upsert(const Article& article, std::vector<std::string>& warnings) {
    return upsert(build_document(builder_, article, warnings));
}

IndexWriter::Outcome IndexWriter::upsert(const BuiltDocument& built) {
    const bool exists = database_.term_exists(built.id_term);
    if (exists) {
        remove_spelling_of(database_, built.id_term);
        database_.replace_document(built.id_term, built.document);
    } else {
        database_.add_document(built.document);  // replace_document would look the id up again
    }
    add_title_spelling(database_, built.document);
    return exists ? Outcome::Replaced : Outcome::Added;
}

bool IndexWriter::remove(const std::string& article_id) { return delete_article(database_, terms::id(article_id)); }

void IndexWriter::commit() {
    database_.set_metadata(std::string(schema::kLastCommitKey), std::to_string(std::time(nullptr)));
    database_.set_metadata(std::string(schema::kWriterVersionKey), std::string(herald_version()));
    database_.commit();
}

}  // namespace herald
