// `herald-indexer compact` and `herald-indexer stats`: maintenance of an existing database.
#pragma once

#include <string>

namespace herald {

// Writes a compacted copy of `database` to `output` (a single file when
// asked); refuses to overwrite. Prints sizes before and after.
void compact_database(const std::string& database, const std::string& output, bool single_file);

// Document count, terms, lengths, size on disk, last commit and checkpoint.
void print_database_stats(const std::string& database, bool as_json);

}  // namespace herald
