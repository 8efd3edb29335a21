// Terms derived from a document's words, added once per distinct word:
// stems (the same terms and wdf as Xapian's TermGenerator::STEM_SOME, for a
// document indexed with STEM_NONE), dictionary base forms, and name keys.
#pragma once

#include <xapian.h>

namespace herald {

class DictionaryLemmas;
class WrittenForms;

// How an article's language derives terms from its words. Null members add
// nothing.
struct WordAnalysis {
    const Xapian::Stem* stemmer = nullptr;   // Snowball or light stemmer ("none" adds nothing)
    DictionaryLemmas* dictionary = nullptr;  // base forms, added as stems too
    const WrittenForms* written = nullptr;   // written forms: for the dictionary, and which words are capitalised
    bool name_keys = false;                  // add the name keys of each capitalised word and its base form
};

// For every word term already in `document` (unprefixed, or carrying one of
// the schema's uppercase field prefixes) that STEM_SOME would stem, adds
// "Z" + prefix + stem, and "Z" + prefix + each dictionary base form, with the
// word's whole wdf; and for each unprefixed word written with a capital, the
// name keys of the word and of its first base form (dictionary lemma, else
// stem) under schema::kNameKeyPrefix, as boolean terms. STEM_SOME adds the stem once per occurrence of the
// word; summing the occurrences first gives the same document with a
// fraction of the term insertions and stemmer calls (most of a news
// article's words repeat). Call before adding boolean terms.
void add_derived_terms(Xapian::Document& document, const WordAnalysis& analysis);

// Stems alone (add_derived_terms with just a stemmer).
void add_stemmed_terms(Xapian::Document& document, const Xapian::Stem& stemmer);

}  // namespace herald
