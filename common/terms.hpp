// Builds the boolean terms of the schema from field values. Both the indexer
// (adding terms) and the searcher (filtering on them) go through here, so a
// value is always folded the same way.
#pragma once

#include <string>
#include <string_view>

namespace herald::terms {

// Xapian terms are limited to 245 bytes; longer values are cut at a UTF-8
// boundary and given a hash suffix so distinct values stay distinct.
std::string bounded(std::string_view prefix, std::string_view value);

std::string id(std::string_view article_id);      // exact, not folded
std::string source(std::string_view outlet);      // folded
std::string author(std::string_view name);        // folded
std::string tag(std::string_view tag);            // folded
std::string language(std::string_view iso_code);  // lower-case code
// A language given by code or name ("ru", "Russian", "rus") as its term;
// an unknown one as given, which matches nothing.
std::string language_named(std::string_view name_or_code);
std::string year(int year);
// "XFbias:left" for keyword field `name` (a valid keyword name) and `value`, folded.
std::string keyword(std::string_view name, std::string_view value);
// The prefix of keyword field `name`'s terms, "XFbias:" (for the query parser).
std::string keyword_prefix(std::string_view name);

}  // namespace herald::terms
