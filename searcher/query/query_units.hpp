// What "every word" means (README: "All words or any"). By default a query
// matches the articles that hold every unit of it:
//  - a unit is a word of the query with all its forms (its placeholder's
//    expansion: exact, stems, base forms, transliterations, synonyms), or a
//    phrase, a field's word, a word joined by punctuation;
//  - a person's name typed capitalised ("Vladimir Putin") is one unit that
//    its last word (the surname, with its forms and name keys) satisfies
//    alone: an article that says "Putina" is about him. A run of typed
//    capitalised words is a name when the archive writes each as a name
//    (synonym_expansion.hpp: looks_like_name) and writes each next to the
//    following one (written_together);
//  - stopwords of the archive's languages (stopwords.hpp) are not units:
//    "the cost of health care" needs "cost", "health" and "care". A word
//    typed in capitals ("US", "WHO") is never taken for one.
// The words left out of the units still weigh in ranking, so within the
// all-units set articles rank as they would with any word.
//
// The all-units query is the parsed query text itself, each unit marked
// required with Xapian's '+' and the rest left optional (Xapian: "+a b" is
// a AND_MAYBE b). A query with explicit boolean operators or brackets keeps
// their meaning instead: its words are joined by AND where the user put no
// operator, as Xapian Omega does.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace herald {

// Articles sampled, among those holding a name's first word, to see whether
// the archive writes the next word right after it, and the share that must.
inline constexpr Xapian::doccount kNamePairSample = 256;
inline constexpr double kNamePairShare = 0.2;

// The words of a query as typed, folded (common/text.hpp), that start with a
// capital letter, and those written in capitals throughout.
struct TypedCase {
    std::set<std::string> capitalised;
    std::set<std::string> all_capitals;
};
TypedCase typed_case(std::string_view query_utf8);

// Whether the archive writes the folded word `second` right after `first`
// in at least kNamePairShare of the first kNamePairSample articles holding
// `first` ("vladimir" "putin"; not "trump" "putin").
bool written_together(const Xapian::Database& database, const std::string& first, const std::string& second);

// How the all-units query is parsed.
struct AllUnitsText {
    std::string text;          // the marked query text, units marked '+'
    bool default_and = false;  // the query has operators: parse `text` with AND as the default operator
};

// What the caller knows of a query's word placeholders ("heraldword:N"), by number.
struct UnitRules {
    std::function<bool(std::size_t)> is_stopword;            // not a unit
    std::function<bool(std::size_t, std::size_t)> one_name;  // the first is a given name before the second
    std::function<bool(std::string_view)> is_filter_field;   // "source", "date": filters, never marked
};

// The all-units form of `marked_text` (query_builder.cpp's placeholders).
AllUnitsText all_units_text(const std::string& marked_text, const UnitRules& rules);

}  // namespace herald
