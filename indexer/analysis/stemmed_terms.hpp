// Stemmed terms added once per distinct word: the same terms and wdf as
// Xapian's TermGenerator::STEM_SOME, for a document indexed with STEM_NONE.
#pragma once

#include <xapian.h>

namespace herald {

// For every word term already in `document` (unprefixed, or carrying one of
// the schema's uppercase field prefixes) that STEM_SOME would stem, adds
// "Z" + prefix + stem with the word's whole wdf. STEM_SOME adds the stem once
// per occurrence of the word; summing the occurrences first gives the same
// document with a fraction of the term insertions and stemmer calls (most of
// a news article's words repeat). Call before adding boolean terms. Adds
// nothing when `stemmer` is Xapian's "none".
void add_stemmed_terms(Xapian::Document& document, const Xapian::Stem& stemmer);

}  // namespace herald
