// What "every word" means (docs/searching.md, "All words or any"). By default a query
// matches the articles that hold every unit of it:
//  - a unit is a word of the query with all its forms (its placeholder's
//    expansion: exact, stems, base forms, transliterations, synonyms), or a
//    phrase, a field's word, a word joined by punctuation;
//  - a person's name typed capitalised ("Vladimir Putin") is one unit that
//    its last word (the surname, with its forms and name keys) satisfies
//    alone: an article that says "Putina" is about him. A run of typed
//    capitalised words is a name when the archive writes its last word as
//    a name almost everywhere it holds it (synonym_expansion.hpp:
//    ExpandedWord::name_share at least kNameSurnameShare: "Putin",
//    "Sanders", but not "Court", often lower case, so "Supreme Court" stays
//    two units) and writes each word right before the next where it
//    writes the next (written_together: not "Trump Putin"; for a surname
//    too short for a name key, "Maas", almost always). Given names are not tested as
//    names: they often start sentences, where no word counts as one, and
//    short ones ("Joe") have no name key;
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

// Articles sampled, among those holding a name's last word, to see whether
// the archive writes the word before it right there; the share that must;
// and the articles below which the archive says nothing either way (a
// name it writes in another script or inflected: "Yuliyan Markov").
inline constexpr Xapian::doccount kNamePairSample = 256;
inline constexpr double kNamePairShare = 0.2;
// For a surname too short for a name key, whose writing says nothing: the
// share that must hold the given name right before it ("Heiko Maas" 0.92,
// "Amber Rudd" 1.0; "White House" 0.68, "North Korea" 0.76 on AllSides).
inline constexpr double kUnkeyedNamePairShare = 0.8;
inline constexpr Xapian::doccount kNamePairEvidence = 3;
// The share of the articles holding a name's last word that must hold it
// capitalised mid-sentence (AllSides: "court" 0.62, "states" 0.68,
// "reserve" 0.79; "putin" 0.97, "biden" 0.94, "sanders" 0.99; SlavicNER:
// "сорос" 0.88).
inline constexpr double kNameSurnameShare = 0.85;

// The words of a query as typed, folded (common/text.hpp), that start with a
// capital letter, and those written in capitals throughout.
struct TypedCase {
    std::set<std::string> capitalised;
    std::set<std::string> all_capitals;
};
TypedCase typed_case(std::string_view query_utf8);

// Whether the archive writes the folded word `first` right before `second`
// in at least `share` of the first kNamePairSample articles holding
// `second` ("vladimir" "putin"; not "trump" "putin"), or holds `second` in
// fewer than kNamePairEvidence articles.
bool written_together(const Xapian::Database& database, const std::string& first, const std::string& second,
                      double share);

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
