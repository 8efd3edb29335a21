// The single source of truth for how articles are laid out in a Xapian
// database: term prefixes, value slots, field weights and query-language
// field names. The indexer writes with it and the searcher reads with it;
// no other file spells a prefix or a slot number.
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>

namespace herald::schema {

// Term prefixes (Xapian / Omega conventions).
inline constexpr std::string_view kIdPrefix = "Q";         // unique article id (boolean)
inline constexpr std::string_view kTitlePrefix = "S";      // title words (probabilistic)
inline constexpr std::string_view kAuthorPrefix = "A";     // folded author name (boolean)
inline constexpr std::string_view kSourcePrefix = "XSRC";  // folded outlet name (boolean)
inline constexpr std::string_view kTagPrefix = "K";        // folded tag / topic (boolean)
inline constexpr std::string_view kLanguagePrefix = "L";   // ISO 639-1 code (boolean)
inline constexpr std::string_view kYearPrefix = "XY";      // publication year, e.g. XY2016 (boolean)
inline constexpr std::string_view kNameKeyPrefix = "XN";   // name key of a capitalised word (boolean, name_key.hpp)
// A keyword field's value: "XF" + field name + ":" + folded value, e.g.
// "XFbias:left" (boolean; keyword names never hold ':').
inline constexpr std::string_view kKeywordPrefix = "XF";
// Stems and dictionary base forms: "Z" + the word's field prefix + the stem.
inline constexpr std::string_view kStemPrefix = "Z";

// Value slots.
enum Slot : Xapian::valueno {
    kDateSlot = 0,         // "YYYYMMDD": sorting, date ranges, recency
    kSourceSlot = 1,       // outlet name as written: facet counts
    kAuthorsSlot = 2,      // author names joined by kListSeparator: facet counts
    kTagsSlot = 3,         // tags joined by kListSeparator: facet counts
    kYearSlot = 4,         // "YYYY": facet counts
    kSimHashSlot = 5,      // 8-byte near-duplicate signature: collapsing copies
    kLanguageSlot = 6,     // ISO code of the language the article was analysed in: facet counts
    kTitleLengthSlot = 7,  // words in the title, title_length_value(): the ranking's title-length norm
    kKeywordsSlot = 8,     // keyword fields, keyword_slot_value(): facet counts
};

// Titles longer than this count as this long: the ranking maps each length
// to a weight (searcher/match/ranking.cpp), so the lengths must be few.
inline constexpr unsigned kMaxTitleLength = 64;
inline std::string title_length_value(unsigned words) {
    return std::to_string(words < kMaxTitleLength ? words : kMaxTitleLength);
}

// Separates the items of a list-valued slot.
inline constexpr char kListSeparator = '\x1f';

// Keyword fields: a dataset's own exact-value fields (`herald-indexer --keyword
// bias`), each an exact filter ("bias:left") and a facet. One slot holds all
// of a document's: name kKeywordNameEnd value, items joined by kListSeparator,
// in name order.
inline constexpr char kKeywordNameEnd = '\x1e';
// The names a database's articles were indexed with, comma-separated, in the
// database metadata, so the searcher knows them.
inline constexpr std::string_view kKeywordNamesKey = "herald.keywords";
// Lower-case ASCII letters, digits and '_', starting with a letter, at most
// this long; and none of kReservedFieldNames.
inline constexpr std::size_t kMaxKeywordNameLength = 32;
// Herald's own fields, query fields, web parameters, export columns and,
// last, the query parser's internal field. The indexer refuses them as
// keyword names; the searcher refuses a database that records one.
inline constexpr std::array<std::string_view, 40> kReservedFieldNames{
    "rank",    "score",         "duplicates", "shard",     "snippet",  "id",        "title",   "body",   "date",
    "source",  "url",           "authors",    "tags",      "language", "author",    "tag",     "lang",   "year",
    "text",    "fields",        "q",          "limit",     "offset",   "sort",      "ranking", "from",   "to",
    "facets",  "collapse",      "like",       "recency",   "timeline", "top_terms", "format",  "filter", "compare",
    "keyword", "name_variants", "match",      "heraldword"};
// The field the searcher's query parser gives each free-text word
// ("heraldword:N", searcher/query/synonym_expansion.hpp), taken from the
// table: a keyword field of that name would be registered twice, and every
// search fail.
inline constexpr std::string_view kWordPlaceholderField = kReservedFieldNames.back();

// Facets users can ask for (--facets source,tag,author,year).
struct Facet {
    std::string_view name;
    Xapian::valueno slot;
    bool multi_valued;
};
inline constexpr std::array<Facet, 5> kFacets{{
    {"source", kSourceSlot, false},
    {"tag", kTagsSlot, true},
    {"author", kAuthorsSlot, true},
    {"year", kYearSlot, false},
    {"lang", kLanguageSlot, false},
}};

// Within-document frequency increments: how many times a word counts when it
// occurs in each part of an article. Title over lead over the rest of the body.
struct FieldWeights {
    Xapian::termcount title;
    Xapian::termcount lead;
    Xapian::termcount body;
};
inline constexpr FieldWeights kWeights{5, 2, 1};

// Gap inserted between fields so phrase and NEAR queries never match across them.
inline constexpr Xapian::termpos kFieldPositionGap = 100;

// Names users type in queries ("title:putin", "source:cnn").
struct QueryField {
    std::string_view name;
    std::string_view prefix;
    bool boolean;  // boolean filter (exact folded value) or free-text field
};
// "date:2016-01..2016-06" in queries: a range over kDateSlot.
inline constexpr std::string_view kDateField = "date";

inline constexpr std::array<QueryField, 6> kQueryFields{{
    {"title", kTitlePrefix, false},
    {"source", kSourcePrefix, true},
    {"author", kAuthorPrefix, true},
    {"tag", kTagPrefix, true},
    {"lang", kLanguagePrefix, true},
    {"id", kIdPrefix, true},  // keep last: ids are matched exactly, not folded (query_builder.cpp)
}};

// Key in the database metadata that records the schema version, so a
// searcher can refuse a database written with an incompatible layout.
inline constexpr std::string_view kSchemaVersionKey = "herald.schema";
// 2: the language slot (the `lang` facet).
// 3: dictionary base forms among the stems, name keys (kNameKeyPrefix).
// 4: the title-length slot (kTitleLengthSlot).
// 5: document data as a compact record instead of JSON (document_data.hpp).
// 6: long records zstd-compressed (document_data.hpp).
// 7: keyword fields (kKeywordPrefix, kKeywordsSlot, kKeywordNamesKey, and a
//    record section after the tags). A schema-6 database is a schema-7 one
//    without keywords: it is read as it is and marked 7 when written to.
inline constexpr std::string_view kSchemaVersion = "7";
inline constexpr std::string_view kCompatibleSchemaVersion = "6";
// Metadata key holding the time of the last commit (seconds since the epoch).
inline constexpr std::string_view kLastCommitKey = "herald.last_commit";
// Metadata key holding the Herald version that made the last commit ("0.1.0").
inline constexpr std::string_view kWriterVersionKey = "herald.writer_version";

// Batch-job checkpoints (batch_job.cpp). A job is identified by a signature
// of its inputs and options; its checkpoint is the number of input records,
// in reading order, whose articles are committed.
inline constexpr std::string_view kJobSignatureKey = "herald.job.signature";
inline constexpr std::string_view kJobRecordsKey = "herald.job.records";
// Digest of those records (16 hex digits): a re-run skips them only when the
// records it reads first have the same digest.
inline constexpr std::string_view kJobDigestKey = "herald.job.digest";
inline constexpr std::string_view kJobStateKey = "herald.job.state";      // "running" or "complete"
inline constexpr std::string_view kJobUpdatedKey = "herald.job.updated";  // time of the last checkpoint
// Incremental jobs: one key per indexed file, "herald.file:" + absolute path,
// holding "size:mtime_ns" when the file was last indexed in full.
inline constexpr std::string_view kFileStampKeyPrefix = "herald.file:";
// Plain-text files, whose ids come from their paths: "herald.text-id:" + id,
// holding the absolute path of the file whose article has that id, so a
// later run that gives another file the same id reports the collision.
inline constexpr std::string_view kTextIdKeyPrefix = "herald.text-id:";
// A finished staging segment of a bulk job: "signature batch first_record records digest".
inline constexpr std::string_view kSegmentKey = "herald.segment";

}  // namespace herald::schema
