#include "searcher/query/synonym_expansion.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace herald {
namespace {

// The query is folded: upper-case letters only spell operators (AND, NEAR).
constexpr unsigned kQueryWordBytes = kLowerAscii | kDigits | kNonAscii;

struct Word {
    std::size_t begin, end;
};

std::string as_query_alternative(const std::string& words) {
    return words.find(' ') == std::string::npos ? words : "\"" + words + "\"";
}

}  // namespace

SynonymExpander::SynonymExpander(const Xapian::Database& database) {
    for (auto it = database.synonym_keys_begin(); it != database.synonym_keys_end(); ++it) {
        const std::string key = *it;  // dereferencing yields a new string each time
        auto& alternatives = alternatives_[key];
        for (auto value = database.synonyms_begin(key); value != database.synonyms_end(key); ++value) {
            alternatives.push_back(*value);
        }
        const auto words = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
        longest_key_words_ = std::max(longest_key_words_, words);
    }
}

std::string SynonymExpander::expand(const std::string& query) const {
    if (alternatives_.empty()) return query;
    // Words eligible for expansion: outside quotes, not a field name or value.
    std::vector<Word> words;
    bool in_quotes = false;
    for (std::size_t i = 0; i < query.size();) {
        if (query[i] == '"') in_quotes = !in_quotes;
        if (!is_word_byte(query[i], kQueryWordBytes)) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        while (i < query.size() && is_word_byte(query[i], kQueryWordBytes)) ++i;
        const bool field_value = begin > 0 && query[begin - 1] == ':';
        const bool field_name = i < query.size() && query[i] == ':';
        if (!in_quotes && !field_value && !field_name) words.push_back({begin, i});
    }
    std::string out;
    std::size_t copied = 0;
    for (std::size_t w = 0; w < words.size();) {
        // Longest key starting here, over words separated by single spaces.
        std::size_t matched = 0;
        std::string key;
        for (std::size_t n = 1; n <= longest_key_words_ && w + n <= words.size(); ++n) {
            if (n > 1 && !(words[w + n - 1].begin == words[w + n - 2].end + 1 && query[words[w + n - 2].end] == ' ')) {
                break;
            }
            const std::string candidate = query.substr(words[w].begin, words[w + n - 1].end - words[w].begin);
            if (alternatives_.count(candidate) != 0) {
                matched = n;
                key = candidate;
            }
        }
        if (matched == 0) {
            ++w;
            continue;
        }
        out += query.substr(copied, words[w].begin - copied);
        out += "(" + as_query_alternative(key);
        for (const auto& alternative : alternatives_.at(key)) out += " OR " + as_query_alternative(alternative);
        out += ")";
        copied = words[w + matched - 1].end;
        w += matched;
    }
    return out + query.substr(copied);
}

}  // namespace herald
