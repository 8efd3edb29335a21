// Result snippets: the passage of an article that best covers the query,
// with the matching words marked. Matching folds and stems words exactly
// as the indexer did, so "Erdoğan" is highlighted for the query "erdogan",
// "Putinem" for "Putin" (the article's stemmer) and "Путина" for "Putin"
// (the name key).
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "searcher/query/query_builder.hpp"

namespace herald {

struct SnippetSegment {
    std::string text;
    bool highlighted = false;
};
using Snippet = std::vector<SnippetSegment>;

class Highlighter {
  public:
    // Collects the query's free-text terms (plain, title-prefixed, stemmed,
    // name keys). `words`, the query's plain words with their terms, group
    // the terms: every form of one word is one match, and a snippet scan
    // may stop at the first window holding every word.
    Highlighter(const Xapian::Query& query, Xapian::Stem stemmer, const std::vector<QueryWord>& words = {});
    // The next article's own stemmer, so its inflected forms are marked too
    // ("Putinem" for "Putin" in a Czech article); "none" for no other.
    void set_article_stemmer(Xapian::Stem stemmer);
    // Which query word (or ungrouped term) `word` matches, or -1. A
    // capitalised word also matches by its name key (a transliterated or
    // variant spelling).
    int match(std::string_view word);
    bool empty() const { return words_.empty() && stems_.empty() && name_keys_.empty(); }
    // The query's plain words, when grouped: match() gives each an id below this.
    std::size_t word_count() const { return word_count_; }

  private:
    // What match() returns for entry `index` of words_, stems_ and
    // name_keys_ taken in turn.
    int id_of(std::size_t index) const { return ids_[index]; }
    // Whether some query word or stem starts with the word's first two
    // (folded ASCII) letters: most words of a body are rejected here.
    bool could_match(std::string_view word) const;
    void note_leading_pair(const std::string& text);
    int match_stem(const std::string& folded) const;
    int match_name_key(const std::string& folded) const;

    Xapian::Stem stemmer_;
    Xapian::Stem article_stemmer_;
    std::vector<std::string> words_;
    std::vector<std::string> stems_;
    std::vector<std::string> name_keys_;
    std::string folded_;  // reused: match() runs once per word of a body
    // What each folded word matched, for the article stemmer in use: news
    // repeats its words, and a capitalised one costs two name keys and a stem.
    std::unordered_map<std::string, int> matched_;
    std::vector<int> ids_;
    std::size_t word_count_ = 0;
    // First two bytes of the query's words and stems, one bit each (a
    // one-letter term sets its byte with every second byte).
    std::vector<bool> leading_pairs_ = std::vector<bool>(1 << 16);
};

// A snippet reads at most this much of a text (as Elasticsearch's
// highlighter stops at index.highlight.max_analyzed_offset, 1,000,000
// characters by default): a 10 MB body would otherwise cost a third of a
// second and 90 MB of tokens per hit, outside the search's time limit.
inline constexpr std::size_t kMaxSnippetTextBytes = 1'000'000;

// Picks a window of about `max_words` words with the most distinct matches
// among the first kMaxSnippetTextBytes of `text` (the start of the text when
// nothing matches there) and splits it into segments.
Snippet make_snippet(std::string_view text, Highlighter& highlighter, std::size_t max_words = 36);

// Plain text, matches unmarked.
std::string snippet_plain(const Snippet& snippet);
// HTML-escaped text with matches in <b>...</b> (the JSON and web form).
std::string snippet_html(const Snippet& snippet);
// Matches in bold for a terminal; the text through terminal_text().
std::string snippet_ansi(const Snippet& snippet);

// &, <, >, " and ' escaped; control characters other than tab and newline
// (control_char_length) dropped.
std::string html_escape(std::string_view text);

}  // namespace herald
