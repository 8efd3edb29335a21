// Per-document columns that analysis reads for every match: the publication
// day and the group of near-duplicate copies. Read once per database
// revision from the value streams and kept, as Lucene keeps doc values, so a
// timeline costs array reads rather than value-stream decoding per match.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace herald {

inline constexpr int kUndated = std::numeric_limits<int>::max();

// The day (since 1970-01-01) of a stored "YYYYMMDD" date value; kUndated
// for an empty or malformed one.
int day_of_date_value(const std::string& value);

struct DocumentColumns {
    std::vector<int> day;                   // by docid: kUndated where there is none
    std::vector<std::uint32_t> copy_group;  // by docid: 0 unless it has near-duplicate copies, then its group
    std::uint32_t copy_groups = 0;          // groups numbered 1..copy_groups
    Xapian::doccount documents = 0;
    // Every document by day, and those without a date: the archive's side of
    // an unfiltered timeline, counted once per revision.
    std::vector<std::pair<int, Xapian::doccount>> documents_by_day;
    Xapian::doccount undated_documents = 0;
};

// Reads the columns of `database` (one local database, or several local ones
// as one).
DocumentColumns read_document_columns(const Xapian::Database& database);

// The columns of `database` as of its revision, read on first use and shared
// by threads until a later revision is asked for. nullptr where they cannot
// be kept: remote or combined databases (no single revision) and databases
// too large for memory's sake (see kMaxColumnDocuments).
std::shared_ptr<const DocumentColumns> cached_document_columns(const Xapian::Database& database);

// 8 bytes a document: 100 million documents is 800 MB.
inline constexpr Xapian::docid kMaxColumnDocuments = 100'000'000;

}  // namespace herald
