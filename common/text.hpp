// Unicode text handling: encoding repair and the folding applied identically
// at index and query time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace herald {

bool is_valid_utf8(std::string_view bytes);

// Each byte read as an ISO-8859-1 code point.
std::string latin1_to_utf8(std::string_view bytes);

// Valid UTF-8 is returned as is (less a leading byte-order mark); anything else is decoded as Latin-1 and
// `was_latin1` is set so the caller can warn.
std::string to_utf8(std::string_view bytes, bool& was_latin1);

// Case and accent folding: NFKD, strip combining marks, Unicode case fold.
// "Erdoğan" -> "erdogan", "Straße" -> "strasse".
std::string fold(std::string_view utf8);

// Apostrophes inside a word, as Xapian's term generator reads them: the
// ASCII one, U+2019 (the typographic one most news text uses) and U+201B.
// The index holds each as the ASCII one ("Farage’a" is the term "farage'a").
constexpr bool is_apostrophe(char32_t code_point) {
    return code_point == '\'' || code_point == 0x2019 || code_point == 0x201B;
}

// A word as the index's terms hold it: fold(), with every apostrophe the
// ASCII one. Whatever keys words by their terms (written forms, name keys,
// top terms) folds with this, so "Farage’a" and "Farage'a" meet.
std::string fold_word(std::string_view utf8);

// A capital letter (upper or title case): how the indexer tells names
// (capitalised mid-sentence) and the searcher a query's typed names.
bool is_capital(unsigned code_point);
// Two capitals or more and no lower-case letter ("TRADE", "US"): says nothing of names.
bool is_all_capitals(std::string_view word);

// What fold() makes of an ASCII byte: its lower case. Scans that fold ASCII
// words byte by byte use it instead of allocating.
constexpr char fold_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The length in bytes of the control character starting at `utf8[at]` (C0,
// tab and newline included; DEL; a C1 control, U+0080..U+009F), or 0. The
// one test of what a control character is: the indexer cleans them out of
// stored text, the searcher's outputs escape or drop any an older database holds.
std::size_t control_char_length(std::string_view utf8, std::size_t at);

// Multi-line text (an article's body): control characters other than newline
// and tab become spaces, CR LF and lone CR become LF.
std::string clean_control_chars(std::string_view utf8);

// Collapses runs of whitespace to single spaces and trims both ends.
std::string collapse_whitespace(std::string_view text);

// Single-line text (titles, ids, names, tags, keyword values): every control
// character, tab and newline included, becomes a space; whitespace collapsed.
std::string clean_line(std::string_view utf8);

// fold() then collapse_whitespace(): the form stored in boolean terms.
std::string fold_keyword(std::string_view utf8);

// Byte classes that make up words, for the byte-level word scans of folded
// text and queries (SimHash shingles, query operators, synonyms, spelling).
// Every byte of a multi-byte UTF-8 sequence is kNonAscii, so words of any
// script stay whole. Combine with |.
enum WordByteClass : unsigned {
    kLowerAscii = 1,
    kUpperAscii = 2,
    kDigits = 4,
    kNonAscii = 8,
    kAnyWordByte = kLowerAscii | kUpperAscii | kDigits | kNonAscii,
};

constexpr bool is_word_byte(char c, unsigned classes = kAnyWordByte) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) return (classes & kNonAscii) != 0;
    if (byte >= 'a' && byte <= 'z') return (classes & kLowerAscii) != 0;
    if (byte >= 'A' && byte <= 'Z') return (classes & kUpperAscii) != 0;
    if (byte >= '0' && byte <= '9') return (classes & kDigits) != 0;
    return false;
}

}  // namespace herald
