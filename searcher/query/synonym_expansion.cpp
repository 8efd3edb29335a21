#include "searcher/query/synonym_expansion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "common/text.hpp"

namespace herald {
namespace {

// The query is folded: upper-case letters only spell operators (AND, NEAR).
constexpr unsigned kQueryWordBytes = kLowerAscii | kDigits | kNonAscii;

struct Word {
    std::size_t begin, end;
};

// True when `text` around [begin, end) joins the words to a NEAR or ADJ
// operator: "usa NEAR trade", "trade ADJ/3 usa".
bool next_to_proximity_operator(std::string_view text, std::size_t begin, std::size_t end) {
    auto is_proximity = [](std::string_view word) {
        const auto slash = word.find('/');
        const auto name = word.substr(0, slash);
        return name == "NEAR" || name == "ADJ";
    };
    std::size_t before_end = begin;
    while (before_end > 0 && text[before_end - 1] == ' ') --before_end;
    std::size_t before_begin = before_end;
    while (before_begin > 0 && text[before_begin - 1] != ' ' && text[before_begin - 1] != '(') --before_begin;
    std::size_t after_begin = end;
    while (after_begin < text.size() && text[after_begin] == ' ') ++after_begin;
    std::size_t after_end = after_begin;
    while (after_end < text.size() && text[after_end] != ' ' && text[after_end] != ')') ++after_end;
    return is_proximity(text.substr(before_begin, before_end - before_begin)) ||
           is_proximity(text.substr(after_begin, after_end - after_begin));
}

std::vector<std::string> words_of(const std::string& phrase) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < phrase.size()) {
        const auto space = std::min(phrase.find(' ', start), phrase.size());
        if (space > start) words.push_back(phrase.substr(start, space - start));
        start = space + 1;
    }
    return words;
}

// One word or phrase of a synonym group as a query.
Xapian::Query member_query(const std::string& member, const Xapian::Stem& stemmer) {
    const auto words = words_of(member);
    if (words.size() == 1) {
        // As Xapian's parser reads a lower-case word with STEM_SOME.
        return Xapian::Query(stemmer.is_none() ? words.front() : "Z" + stemmer(words.front()));
    }
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                         static_cast<Xapian::termcount>(words.size()));
}

}  // namespace

SynonymTable::SynonymTable(const Xapian::Database& database) {
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

const std::vector<std::string>* SynonymTable::alternatives(const std::string& key) const {
    const auto found = alternatives_.find(key);
    return found == alternatives_.end() ? nullptr : &found->second;
}

MarkedSynonyms mark_synonyms(const std::string& query, const SynonymTable& table) {
    MarkedSynonyms marked;
    // A query naming the placeholder field itself is left as it is.
    if (table.empty() || query.find(kSynonymPlaceholderField) != std::string::npos) {
        marked.text = query;
        return marked;
    }
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
    std::size_t copied = 0;
    for (std::size_t w = 0; w < words.size();) {
        // Longest key starting here, over words separated by single spaces.
        std::size_t matched = 0;
        std::string key;
        for (std::size_t n = 1; n <= table.longest_key_words() && w + n <= words.size(); ++n) {
            if (n > 1 && !(words[w + n - 1].begin == words[w + n - 2].end + 1 && query[words[w + n - 2].end] == ' ')) {
                break;
            }
            const std::string candidate = query.substr(words[w].begin, words[w + n - 1].end - words[w].begin);
            if (table.alternatives(candidate) != nullptr) {
                matched = n;
                key = candidate;
            }
        }
        if (matched == 0 || next_to_proximity_operator(query, words[w].begin, words[w + matched - 1].end)) {
            ++w;
            continue;
        }
        marked.text += query.substr(copied, words[w].begin - copied);
        marked.text += fmt::format("{}:{}", kSynonymPlaceholderField, marked.keys.size());
        marked.keys.push_back(key);
        copied = words[w + matched - 1].end;
        w += matched;
    }
    marked.text += query.substr(copied);
    return marked;
}

Xapian::Query expansion_query(const std::string& key, const SynonymTable& table, const Xapian::Stem& stemmer) {
    std::vector<Xapian::Query> members{member_query(key, stemmer)};
    if (const auto* alternatives = table.alternatives(key)) {
        for (const auto& alternative : *alternatives) members.push_back(member_query(alternative, stemmer));
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, members.begin(), members.end());
}

}  // namespace herald
