// Result snippets: the passage of an article that best covers the query,
// with the matching words marked. Matching folds and stems words exactly
// as the indexer did, so "Erdoğan" is highlighted for the query "erdogan".
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace herald {

struct SnippetSegment {
    std::string text;
    bool highlighted = false;
};
using Snippet = std::vector<SnippetSegment>;

class Highlighter {
  public:
    // Collects the query's free-text terms (plain, title-prefixed, stemmed).
    Highlighter(const Xapian::Query& query, Xapian::Stem stemmer);
    // Index of the query word `word` matches, or -1.
    int match(std::string_view word);
    bool empty() const { return words_.empty() && stems_.empty(); }

  private:
    Xapian::Stem stemmer_;
    std::vector<std::string> words_;
    std::vector<std::string> stems_;
    std::string folded_;  // reused: match() runs once per word of a body
    // First bytes of the query's words and stems: most words of a body are
    // rejected on their first letter alone.
    std::array<bool, 256> first_bytes_{};
};

// Picks a window of about `max_words` words with the most distinct matches
// (the start of the text when nothing matches) and splits it into segments.
Snippet make_snippet(std::string_view text, Highlighter& highlighter, std::size_t max_words = 36);

// Plain text, matches unmarked.
std::string snippet_plain(const Snippet& snippet);
// HTML-escaped text with matches in <b>...</b> (the JSON and web form).
std::string snippet_html(const Snippet& snippet);
// Matches in bold for a terminal.
std::string snippet_ansi(const Snippet& snippet);

std::string html_escape(std::string_view text);

}  // namespace herald
