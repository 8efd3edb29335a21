// How many articles of a match set fall on each day: what timelines are
// made of. It counts the whole match set, not a page of it.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace herald {

struct DocumentColumns;

struct DayCounts {
    // (days since 1970-01-01, articles), by day, days without any left out:
    // a vector, as a request copies the archive's few thousand days.
    std::vector<std::pair<int, Xapian::doccount>> days;
    Xapian::doccount undated = 0;
    bool copies_counted = false;  // collapsing was asked for but not possible (remote shards)
    bool cut = false;             // the time limit stopped the count: some matches are missing

    Xapian::doccount total() const;
};

// Counts a match's articles by day as the match considers them: add spy()
// to an Enquire whose get_mset sees every candidate (check_at_least of the
// document count), then read counts(). Collapsing as count_days() does.
class DayCountSpy {
  public:
    DayCountSpy(const Xapian::Database& database, bool collapse, bool remote);
    ~DayCountSpy();
    DayCountSpy(const DayCountSpy&) = delete;
    DayCountSpy& operator=(const DayCountSpy&) = delete;

    Xapian::MatchSpy* spy();
    DayCounts counts() const;
    // Every article of the database, copies included, without a match
    // (local databases; empty counts over remote ones).
    DayCounts archive_counts() const;

  private:
    class DocumentIds;
    class DocumentDays;
    const Xapian::Database& database_;
    bool collapse_;
    std::shared_ptr<const DocumentColumns> columns_;
    std::unique_ptr<DocumentIds> local_ids_;    // one local database: docids read in the columns
    std::unique_ptr<DocumentDays> shard_days_;  // several local databases (local shards)
    std::unique_ptr<Xapian::ValueCountMatchSpy> remote_dates_;
};

// A match over every candidate, for its spies (facets, days, name variants).
struct CountingRun {
    Xapian::MSet matches;
    bool cut = false;  // the time limit may have stopped it: some matches are missing
};
// Runs `enquire` over all `documents` candidates within `time_limit_seconds`
// (0: none).
CountingRun count_every_match(Xapian::Enquire& enquire, Xapian::doccount documents, double time_limit_seconds);

// Counts the articles `query` matches by publication day. With `collapse`,
// near-duplicate copies (schema::kSimHashSlot) count once, on the day of
// their earliest dated copy, so the counts add up to the collapsed number
// of matches. `time_limit_seconds` > 0 bounds the match.
//
// Over one local database it collects the matching document ids (a match
// spy, with no weights computed) and reads their days and copy groups from
// the cached document columns (document_columns.hpp); a document's own value
// lookup decodes a value-stream chunk each time and costs several times the
// match. Over several local databases (local shards) a spy sees each shard's
// own docids, which the columns of the combined numbering cannot be read by,
// so there it reads each match's date and signature from the document.
// Remote shards cannot run Herald's spy, so there Xapian's
// ValueCountMatchSpy counts dates, copies included.
DayCounts count_days(const Xapian::Database& database, const Xapian::Query& query, bool collapse, bool remote,
                     double time_limit_seconds = 0);

}  // namespace herald
