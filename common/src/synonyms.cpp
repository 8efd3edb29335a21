#include "herald/synonyms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "herald/text.hpp"

namespace herald {
namespace {

// "U.S." is indexed as "us" (Xapian drops acronym dots); fold the same way.
std::string normalise_member(std::string_view member) {
    std::string folded = fold_keyword(member);
    std::string out;
    for (char c : folded) {
        if (c != '.') out.push_back(c);
    }
    return collapse_whitespace(out);
}

}  // namespace

std::vector<SynonymGroup> read_synonyms(std::istream& input, const std::string& name) {
    std::vector<SynonymGroup> groups;
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(input, line)) {
        ++line_number;
        line = line.substr(0, line.find('#'));
        SynonymGroup group;
        std::size_t start = 0;
        while (start <= line.size()) {
            const std::size_t end = line.find_first_of("=,", start);
            const std::string member =
                normalise_member(std::string_view(line).substr(start, end == std::string::npos ? end : end - start));
            if (!member.empty()) group.push_back(member);
            if (end == std::string::npos) break;
            start = end + 1;
        }
        if (group.empty()) continue;
        if (group.size() < 2) {
            throw std::runtime_error(
                fmt::format("{}:{}: a synonym group needs at least two members", name, line_number));
        }
        groups.push_back(std::move(group));
    }
    return groups;
}

void store_synonyms(Xapian::WritableDatabase& database, const std::vector<SynonymGroup>& groups) {
    for (const auto& group : groups) {
        for (const auto& key : group) {
            for (const auto& synonym : group) {
                if (synonym != key) database.add_synonym(key, synonym);
            }
        }
    }
}

}  // namespace herald

namespace herald {
namespace {

bool is_word_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80) != 0; }

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
        if (!is_word_byte(query[i])) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        while (i < query.size() && is_word_byte(query[i])) ++i;
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
