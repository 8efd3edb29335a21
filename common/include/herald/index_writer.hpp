// The write side of a Herald database: upserts articles by id and commits.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "herald/article.hpp"
#include "herald/document_builder.hpp"
#include "herald/synonyms.hpp"

namespace herald {

class IndexWriter {
  public:
    enum class Outcome { Added, Replaced };

    // Creates the database if needed. Throws Xapian::DatabaseLockError when
    // another writer holds it, std::runtime_error for a non-Herald schema.
    IndexWriter(const std::string& path, Language default_language);

    // Adds the article, or replaces the one with the same id.
    Outcome upsert(const Article& article, std::vector<std::string>& warnings);
    void add_synonyms(const std::vector<SynonymGroup>& groups);
    // Also records the commit time (seconds since the epoch) in the metadata.
    void commit();
    Xapian::doccount document_count() const { return database_.get_doccount(); }

  private:
    Xapian::WritableDatabase database_;
    DocumentBuilder builder_;
};

}  // namespace herald
