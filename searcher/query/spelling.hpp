// "Did you mean": corrects the words of a query that the index does not
// contain, using the spelling data the indexer records from titles.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace herald {

// Bounds on the work of one correction: an unknown word costs a look-up in
// the spelling table and a scan of the index's words sharing its first
// letter, so a long query of made-up words could otherwise scan for seconds.
inline constexpr std::size_t kMaxWordsCorrected = 8;           // further unknown words are left as typed
inline constexpr std::size_t kMaxTermsScannedPerWord = 20000;  // of the vocabulary, per unknown word
inline constexpr std::size_t kMaxTermsScanned = 60000;         // of the vocabulary, per query

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

// `folded_query` is the query after fold_query_text(). Returns the query with
// unknown words replaced by their closest known spelling (edit distance 1
// preferred over 2), or "" when nothing needs correcting. Field values
// (after "name:") and operators are left alone. Past `deadline` (the
// search's time limit) no further word is corrected.
std::string suggest_correction(const Xapian::Database& database, const Xapian::Stem& stemmer,
                               const std::string& folded_query, const Deadline& deadline = std::nullopt);

}  // namespace herald
