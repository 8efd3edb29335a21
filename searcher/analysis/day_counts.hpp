// How many articles of a match set fall on each day: what timelines are
// made of. It counts the whole match set, not a page of it.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace herald {

struct DayCounts {
    std::map<int, Xapian::doccount> days;  // days since 1970-01-01 -> articles
    Xapian::doccount undated = 0;
    bool copies_counted = false;  // collapsing was asked for but not possible (remote shards)
    bool cut = false;             // the time limit stopped the count: some matches are missing

    Xapian::doccount total() const;
};

// Counts the articles `query` matches by publication day. With `collapse`,
// near-duplicate copies (schema::kSimHashSlot) count once, on the day of
// their earliest dated copy, so the counts add up to the collapsed number
// of matches. `time_limit_seconds` > 0 bounds the match.
//
// Locally it collects the matching document ids (a match spy, with no
// weights computed) and walks the date and signature value streams in
// docid order; a document's own value lookup decodes a stream chunk each
// time and would cost several times the match. Remote shards cannot run
// Herald's spy, so there Xapian's ValueCountMatchSpy counts dates, copies
// included.
DayCounts count_days(const Xapian::Database& database, const Xapian::Query& query, bool collapse, bool remote,
                     double time_limit_seconds = 0);

}  // namespace herald
