#include "searcher/present/snippet.hpp"

#include <utf8proc.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <utility>

#include "common/name_key.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/present/terminal_text.hpp"

namespace herald {
namespace {

constexpr std::size_t kNotSeen = static_cast<std::size_t>(-1);

struct Token {
    std::size_t begin;
    std::size_t end;
    int match;  // query word index or -1
};

bool is_word_char(utf8proc_int32_t code_point) {
    if (code_point < 0x80) {  // most of news text: skip the property lookup
        return (code_point >= 'a' && code_point <= 'z') || (code_point >= 'A' && code_point <= 'Z') ||
               (code_point >= '0' && code_point <= '9');
    }
    switch (utf8proc_category(code_point)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
    }
}

// Splits text into words (letters, digits, marks; inner apostrophes kept).
// It stops once a window of `max_words` holds every query word the
// highlighter groups (no later window can hold more), past that window's end.
// `whole_text` says whether it read to the end.
std::vector<Token> tokenize(std::string_view text, Highlighter& highlighter, std::size_t max_words, bool& whole_text) {
    whole_text = false;
    std::vector<Token> tokens;
    const std::size_t query_words = highlighter.word_count();
    std::vector<std::size_t> last_seen(query_words, kNotSeen);  // token index of each word's last match
    std::size_t stop_at = kNotSeen;
    auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    const auto size = static_cast<utf8proc_ssize_t>(text.size());
    utf8proc_ssize_t at = 0;
    std::size_t word_begin = 0;
    bool in_word = false;
    while (at <= size) {
        utf8proc_int32_t code_point = -1;
        utf8proc_ssize_t length = 1;
        if (at < size && bytes[at] < 0x80) {
            code_point = bytes[at];
        } else if (at < size) {
            length = utf8proc_iterate(bytes + at, size - at, &code_point);
            if (length <= 0) length = 1;
        }
        bool word_char = code_point >= 0 && is_word_char(code_point);
        if (!word_char && in_word && code_point >= 0 && is_apostrophe(static_cast<char32_t>(code_point)) &&
            at + length < size) {
            utf8proc_int32_t next = -1;
            utf8proc_iterate(bytes + at + length, size - at - length, &next);
            word_char = next >= 0 && is_word_char(next);
        }
        if (word_char && !in_word) {
            word_begin = static_cast<std::size_t>(at);
            in_word = true;
        } else if (!word_char && in_word) {
            const auto end = static_cast<std::size_t>(at);
            const int match = highlighter.match(text.substr(word_begin, end - word_begin));
            tokens.push_back({word_begin, end, match});
            in_word = false;
            if (match >= 0 && static_cast<std::size_t>(match) < query_words && stop_at == kNotSeen) {
                last_seen[static_cast<std::size_t>(match)] = tokens.size() - 1;
                const auto [earliest, latest] = std::minmax_element(last_seen.begin(), last_seen.end());
                if (*latest != kNotSeen && tokens.size() - 1 - *earliest < max_words) stop_at = *earliest + max_words;
            }
            if (tokens.size() >= stop_at) return tokens;
        }
        at += length;
    }
    whole_text = true;
    return tokens;
}

// Score of tokens [first, last): distinct query words dominate, repeats break ties.
int window_score(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    std::vector<int> seen;
    int repeats = 0;
    for (std::size_t i = first; i < last; ++i) {
        if (tokens[i].match < 0) continue;
        if (std::find(seen.begin(), seen.end(), tokens[i].match) == seen.end()) {
            seen.push_back(tokens[i].match);
        } else {
            ++repeats;
        }
    }
    return static_cast<int>(seen.size()) * 100 + repeats;
}

// Runs of whitespace (line breaks included) become one space; edges are kept
// so segments still join with a space between them.
std::string squeeze_whitespace(std::string_view text) {
    std::string out;
    bool in_space = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && in_space) continue;
        out.push_back(space ? ' ' : c);
        in_space = space;
    }
    return out;
}

enum class TermKind { kWord, kStem, kNameKey, kOther };

// What a query term is to the highlighter, and its text without prefixes.
std::pair<TermKind, std::string> classify(std::string term) {
    const std::string_view title_prefix(schema::kTitlePrefix);
    const std::string_view stem_prefix(schema::kStemPrefix);
    const std::string_view key_prefix(schema::kNameKeyPrefix);
    if (term.compare(0, key_prefix.size(), key_prefix) == 0)
        return {TermKind::kNameKey, term.substr(key_prefix.size())};
    const bool stemmed = term.compare(0, stem_prefix.size(), stem_prefix) == 0;
    if (stemmed) term.erase(0, stem_prefix.size());
    if (term.compare(0, title_prefix.size(), title_prefix) == 0) term.erase(0, title_prefix.size());
    // Any remaining upper-case prefix belongs to a boolean filter: not text.
    if (term.empty() || (term.front() >= 'A' && term.front() <= 'Z')) return {TermKind::kOther, term};
    return {stemmed ? TermKind::kStem : TermKind::kWord, term};
}

}  // namespace

Highlighter::Highlighter(const Xapian::Query& query, Xapian::Stem stemmer, const std::vector<QueryWord>& words)
    : stemmer_(std::move(stemmer)), word_count_(words.size()) {
    std::map<std::pair<TermKind, std::string>, int> word_of_term;
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (const auto& term : words[i].terms) word_of_term.emplace(classify(term), static_cast<int>(i));
    }
    // The query word of each entry of words_, stems_ and name_keys_ (-1: none).
    std::vector<int> word_of_word, word_of_stem, word_of_key;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const auto classified = classify(*it);
        const auto& [kind, text] = classified;
        if (kind == TermKind::kOther) continue;
        const bool is_key = kind == TermKind::kNameKey;
        auto& list = is_key ? name_keys_ : kind == TermKind::kStem ? stems_ : words_;
        auto& word_of = is_key ? word_of_key : kind == TermKind::kStem ? word_of_stem : word_of_word;
        if (std::find(list.begin(), list.end(), text) != list.end()) continue;
        list.push_back(text);
        const auto grouped = word_of_term.find(classified);
        word_of.push_back(grouped == word_of_term.end() ? -1 : grouped->second);
        if (!is_key) note_leading_pair(text);
    }
    // Every word, stem and key of a grouped query word answers with the
    // word's id; others get ids of their own above the words'.
    for (const auto* word_of : {&word_of_word, &word_of_stem, &word_of_key}) {
        for (const int word : *word_of) ids_.push_back(word >= 0 ? word : static_cast<int>(word_count_ + ids_.size()));
    }
}

void Highlighter::note_leading_pair(const std::string& text) {
    const auto first = static_cast<unsigned char>(text[0]);
    if (text.size() > 1) {
        leading_pairs_[first << 8 | static_cast<unsigned char>(text[1])] = true;
        return;
    }
    for (unsigned second = 0; second < 256; ++second) leading_pairs_[first << 8 | second] = true;
}

bool Highlighter::could_match(std::string_view word) const {
    const auto first = static_cast<unsigned char>(fold_ascii(word[0]));
    const auto second = static_cast<unsigned char>(word.size() > 1 ? fold_ascii(word[1]) : '\0');
    // Folding may change a non-ASCII letter into anything: no verdict.
    if ((first | second) & 0x80) return true;
    return leading_pairs_[first << 8 | second];
}

int Highlighter::match(std::string_view word) {
    if (empty() || word.empty()) return -1;
    const char first = word.front();
    const bool capitalised =
        (first >= 'A' && first <= 'Z') ||
        ((first & 0x80) != 0 && Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word.data(), word.size())) ==
                                    Xapian::Unicode::UPPERCASE_LETTER);
    const bool by_key = capitalised && !name_keys_.empty();
    if (!by_key && !could_match(word)) return -1;
    folded_.clear();
    const bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; });
    if (ascii) {  // fold() without its allocation: ASCII folds to lower case
        for (const char c : word) folded_.push_back(fold_ascii(c));
    } else {
        folded_ = fold(word);
    }
    const auto word_hit = std::find(words_.begin(), words_.end(), folded_);
    if (word_hit != words_.end()) return id_of(static_cast<std::size_t>(word_hit - words_.begin()));
    if (!by_key) return match_stem(folded_);
    // A capitalised word: its answer depends on the folded word alone.
    const auto known = matched_.find(folded_);
    if (known != matched_.end()) return known->second;
    int hit = match_stem(folded_);
    if (hit < 0) hit = match_name_key(folded_);
    matched_.emplace(folded_, hit);
    return hit;
}

void Highlighter::set_article_stemmer(Xapian::Stem stemmer) {
    if (stemmer.get_description() != article_stemmer_.get_description()) matched_.clear();
    article_stemmer_ = std::move(stemmer);
}

int Highlighter::match_stem(const std::string& folded) const {
    // Stemming every word of a body is the snippet's main cost; a word can
    // only stem to a query stem if it starts with that stem's first letters.
    const bool could_match = std::any_of(stems_.begin(), stems_.end(), [&folded](const std::string& stem) {
        const std::size_t head = std::min<std::size_t>(stem.size(), 3);
        return folded.compare(0, head, stem, 0, head) == 0;
    });
    if (!could_match) return -1;
    for (const Xapian::Stem* stemmer : {&stemmer_, &article_stemmer_}) {
        if (stemmer->is_none()) continue;
        const auto stem_hit = std::find(stems_.begin(), stems_.end(), (*stemmer)(folded));
        if (stem_hit != stems_.end()) return id_of(words_.size() + static_cast<std::size_t>(stem_hit - stems_.begin()));
    }
    return -1;
}

// The indexer keys a name by its base form; the word itself and its stem in
// the article's language are the nearest the snippet can get without the
// dictionary.
int Highlighter::match_name_key(const std::string& folded) const {
    std::vector<std::string> bases{folded};
    if (!article_stemmer_.is_none()) bases.push_back(article_stemmer_(folded));
    for (const auto& base : bases) {
        const auto hit = std::find(name_keys_.begin(), name_keys_.end(), name_key(base));
        if (hit != name_keys_.end())
            return id_of(words_.size() + stems_.size() + static_cast<std::size_t>(hit - name_keys_.begin()));
    }
    return -1;
}

namespace {

// The first kMaxSnippetTextBytes of `text`, cut at the start of a character.
std::string_view analysed_part(std::string_view text) {
    if (text.size() <= kMaxSnippetTextBytes) return text;
    std::size_t cut = kMaxSnippetTextBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

}  // namespace

Snippet make_snippet(std::string_view full_text, Highlighter& highlighter, std::size_t max_words) {
    Snippet snippet;
    const std::string_view text = analysed_part(full_text);
    bool whole_text = false;
    const std::vector<Token> tokens = tokenize(text, highlighter, max_words, whole_text);
    whole_text = whole_text && text.size() == full_text.size();
    if (tokens.empty()) return snippet;

    std::size_t best_first = 0;
    int best_score = -1;
    for (std::size_t first = 0; first < tokens.size(); ++first) {
        if (first > 0 && tokens[first].match < 0) continue;  // windows start at a match (or at the start)
        const int score = window_score(tokens, first, std::min(tokens.size(), first + max_words));
        if (score > best_score) {
            best_score = score;
            best_first = first;
        }
    }
    // Start a few words before the first match, for context, when the window
    // has room to spare after its last match: no match it was chosen for falls off.
    std::size_t last_match = best_first;
    for (std::size_t i = best_first; i < std::min(tokens.size(), best_first + max_words); ++i) {
        if (tokens[i].match >= 0) last_match = i;
    }
    const std::size_t spare = max_words - (last_match - best_first + 1);
    best_first -= std::min<std::size_t>({best_first, 4, spare});
    const std::size_t last = std::min(tokens.size(), best_first + max_words);

    std::size_t cursor = best_first == 0 ? 0 : tokens[best_first].begin;
    if (best_first > 0) snippet.push_back({"…", false});
    for (std::size_t i = best_first; i < last; ++i) {
        if (tokens[i].match < 0) continue;
        if (tokens[i].begin > cursor)
            snippet.push_back({std::string(text.substr(cursor, tokens[i].begin - cursor)), false});
        snippet.push_back({std::string(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin)), true});
        cursor = tokens[i].end;
    }
    const bool to_text_end = whole_text && last == tokens.size();
    const std::size_t end = to_text_end ? text.size() : tokens[last - 1].end;
    if (end > cursor) snippet.push_back({std::string(text.substr(cursor, end - cursor)), false});
    if (!to_text_end) snippet.push_back({"…", false});
    for (auto& segment : snippet) {
        if (!segment.highlighted) segment.text = squeeze_whitespace(segment.text);
    }
    return snippet;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const char c = text[at];
        if (const std::size_t control = control_char_length(text, at); control > 0 && c != '\t' && c != '\n') {
            at += control;  // not meant in news text, and HTML disallows most of them
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
        ++at;
    }
    return out;
}

std::string snippet_plain(const Snippet& snippet) {
    std::string out;
    for (const auto& segment : snippet) out += segment.text;
    return out;
}

std::string snippet_html(const Snippet& snippet) {
    std::string out;
    for (const auto& segment : snippet) {
        if (segment.highlighted) {
            out += "<b>" + html_escape(segment.text) + "</b>";
        } else {
            out += html_escape(segment.text);
        }
    }
    return out;
}

std::string snippet_ansi(const Snippet& snippet) {
    std::string out;
    for (const auto& segment : snippet) {
        const std::string text = terminal_text(segment.text);
        out += segment.highlighted ? "\033[1m" + text + "\033[0m" : text;
    }
    return out;
}

}  // namespace herald
