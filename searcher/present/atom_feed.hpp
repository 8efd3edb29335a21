// Results as an Atom 1.0 feed (RFC 4287), for feed readers following a
// query: one entry per hit, newest first as the caller sorted them.
//   feed:  id, title, updated (the first entry's date, else `now`),
//          link rel="self", author "Herald" (for entries without one), generator
//   entry: id (urn:herald:article:<the article id, percent-encoded>), title
//          (the id when untitled), updated (the article's date in RFC 3339,
//          1970-01-01T00:00:00Z when undated), link (the article URL when it
//          is http or https), author per article author (else the source),
//          category per tag (scheme urn:herald:tag) and for the source
//          (scheme urn:herald:source), summary (the snippet as plain text);
//          without a link, the lead paragraph as text content, since Atom
//          wants an entry to have a link or content.
// Every text is XML-escaped and stripped of characters XML 1.0 forbids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "searcher/match/searcher.hpp"

namespace herald {

struct FeedHeader {
    std::string id;        // feed_id()
    std::string title;     // "Herald: <query>"
    std::string self_url;  // the request's URL; left out unless http(s)
    std::string now;       // RFC 3339, the feed's updated when no entry is dated
};

// "urn:herald:feed:<16 hex digits>", a stable hash of `key` (the query
// and its filters in a canonical order).
std::string feed_id(std::string_view key);
// "urn:herald:article:<id>", the id percent-encoded but for letters,
// digits and - . _ ~ /.
std::string feed_entry_id(std::string_view article_id);
// RFC 3339 in UTC: "2016-09-20T00:00:00Z"; a time of day when the article
// has one (stored as given: the source's offset is not kept).
std::string rfc3339(const Date& date);
// Whether `url` may become a link: http:// or https:// (case-insensitive).
bool is_web_url(std::string_view url);

std::string atom_feed(const FeedHeader& header, const std::vector<Hit>& hits);

}  // namespace herald
