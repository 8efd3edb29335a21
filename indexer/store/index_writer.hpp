// The write side of a Herald database: upserts articles by id, deletes them,
// records spelling data and commits.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "indexer/analysis/document_builder.hpp"
#include "indexer/analysis/synonym_file.hpp"

namespace herald {

// A document ready to be written: built on any thread, written on one.
struct BuiltDocument {
    std::string id_term;
    Xapian::Document document;
};

class IndexWriter {
  public:
    enum class Outcome { Added, Replaced };
    // Scratch: starts empty like Overwrite, and commits skip Xapian's fsync
    // calls; whoever relies on the database must sync its files first.
    enum class OpenMode { CreateOrOpen, Overwrite, Scratch };

    // Creates the database if needed (Overwrite, Scratch: starts it empty). Throws
    // Xapian::DatabaseLockError when another writer holds it,
    // std::runtime_error for a database of another schema.
    IndexWriter(const std::string& path, Language default_language, OpenMode mode = OpenMode::CreateOrOpen);

    // Adds the article, or replaces the one with the same id (whose title's
    // spelling data is taken back).
    Outcome upsert(const Article& article, std::vector<std::string>& warnings);
    Outcome upsert(const BuiltDocument& built);
    // Whether an article with this id existed (and is now gone).
    bool remove(const std::string& article_id);
    void add_synonyms(const std::vector<SynonymGroup>& groups);
    // Records keyword field names in the database (with those it has), so
    // the searcher knows them; written with the next commit. Throws
    // std::invalid_argument for a name keyword_name_problem() refuses.
    void declare_keywords(const std::set<std::string>& names);
    // Also records the commit time (seconds since the epoch) in the metadata.
    void commit();
    Xapian::doccount document_count() const { return database_.get_doccount(); }
    Xapian::WritableDatabase& database() { return database_; }

  private:
    Xapian::WritableDatabase database_;
    DocumentBuilder builder_;
};

// Deletes the article(s) indexed under `id_term` and takes back the spelling
// data their titles added (IndexWriter::upsert adds it), so no deleted
// article's words are offered as corrections. False when there was none.
bool delete_article(Xapian::WritableDatabase& database, const std::string& id_term);

// Builds a document for `article` with its id term, ready for any writer.
BuiltDocument build_document(DocumentBuilder& builder, const Article& article, std::vector<std::string>& warnings);

}  // namespace herald
