#include "searcher/query/synonym_expansion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "common/name_key.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "common/transliteration.hpp"
#include "searcher/query/archive_languages.hpp"
#include "searcher/query/script_forms.hpp"
#include "searcher/query/shared_articles.hpp"

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
    while (after_end < text.size() && text[after_end] != ' ' && text[after_end] != '(' && text[after_end] != ')') {
        ++after_end;
    }
    return is_proximity(text.substr(before_begin, before_end - before_begin)) ||
           is_proximity(text.substr(after_begin, after_end - after_begin));
}

bool opens_token(const std::string& text, std::size_t at) {
    return at == 0 || text[at - 1] == ' ' || text[at - 1] == '(';
}

// The words a synonym may replace: whole tokens (a run of word bytes between
// spaces and brackets, a leading + or - allowed), outside quotes, field
// names, field values and field groups (`title:(...)`). A word joined to
// others by punctuation ("us-china", "uk's") belongs to its token and stays.
std::vector<Word> expandable_words(const std::string& query) {
    std::vector<Word> words;
    bool in_quotes = false;
    std::vector<bool> groups;  // open brackets: true for a field's group
    auto in_field_group = [&] { return std::find(groups.begin(), groups.end(), true) != groups.end(); };
    for (std::size_t i = 0; i < query.size();) {
        const char c = query[i];
        if (c == '"') in_quotes = !in_quotes;
        if (!in_quotes && c == '(') groups.push_back(i > 0 && query[i - 1] == ':');
        if (!in_quotes && c == ')' && !groups.empty()) groups.pop_back();
        if (!is_word_byte(c, kQueryWordBytes)) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        while (i < query.size() && is_word_byte(query[i], kQueryWordBytes)) ++i;
        if (i < query.size() && query[i] == ':') {  // a field name: its value is not free text
            ++i;
            if (i < query.size() && query[i] != '(' && query[i] != '"') {
                while (i < query.size() && query[i] != ' ' && query[i] != ')') ++i;
            }
            continue;
        }
        const bool signed_start =
            begin > 0 && (query[begin - 1] == '+' || query[begin - 1] == '-') && opens_token(query, begin - 1);
        const bool whole =
            (opens_token(query, begin) || signed_start) && (i == query.size() || query[i] == ' ' || query[i] == ')');
        if (whole && !in_quotes && !in_field_group()) words.push_back({begin, i});
    }
    return words;
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

MarkedWords mark_query_words(const std::string& query, const SynonymTable& table) {
    MarkedWords marked;
    // A query naming the placeholder field itself is left as it is.
    if (query.find(schema::kWordPlaceholderField) != std::string::npos) {
        marked.text = query;
        return marked;
    }
    const std::vector<Word> words = expandable_words(query);
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
        if (matched == 0) {  // a word of its own
            matched = 1;
            key = query.substr(words[w].begin, words[w].end - words[w].begin);
        }
        if (next_to_proximity_operator(query, words[w].begin, words[w + matched - 1].end)) {
            ++w;
            continue;
        }
        marked.text += query.substr(copied, words[w].begin - copied);
        marked.text += fmt::format("{}:{}", schema::kWordPlaceholderField, marked.entries.size());
        marked.entries.push_back(key);
        copied = words[w + matched - 1].end;
        w += matched;
    }
    marked.text += query.substr(copied);
    return marked;
}

WordExpansion::WordExpansion(const Xapian::Database& database, const SynonymTable& table,
                             std::vector<Xapian::Stem> stemmers)
    : database_(database), table_(table), stemmers_(std::move(stemmers)) {}

bool WordExpansion::archive_writes_cyrillic() {
    if (!archive_writes_cyrillic_) archive_writes_cyrillic_ = herald::archive_writes_cyrillic(database_);
    return *archive_writes_cyrillic_;
}

// The word and its stems (`only_if_indexed`: those the index holds).
void WordExpansion::add_word_forms(const std::string& word, bool only_if_indexed,
                                   std::vector<std::string>& terms) const {
    auto add = [&](std::string term) {
        if (std::find(terms.begin(), terms.end(), term) != terms.end()) return;
        if (only_if_indexed && !database_.term_exists(term)) return;
        terms.push_back(std::move(term));
    };
    add(word);
    for (const auto& stemmer : stemmers_) {
        if (!stemmer.is_none()) add(std::string(schema::kStemPrefix) + stemmer(word));
    }
}

Xapian::Query WordExpansion::forms(const std::string& member, std::vector<std::string>& keys, double& name_share) {
    const bool single_word =
        std::all_of(member.begin(), member.end(), [](char c) { return is_word_byte(c, kQueryWordBytes); });
    if (!single_word) {
        // As the parser reads it: several words, or a word the indexer splits
        // at punctuation ("covid-19"), as a phrase of exact words.
        const bool words = member.find(' ') != std::string::npos;
        return phrases_.parse_query(words ? "\"" + member + "\"" : member, Xapian::QueryParser::FLAG_PHRASE);
    }
    std::vector<std::string> terms;
    add_word_forms(member, false, terms);
    // A Latin word's Cyrillic form can only match where the archive writes
    // Cyrillic; elsewhere it would cost ICU's transliterator for nothing.
    const bool transliterate = script_of(member) != Script::kLatin || archive_writes_cyrillic();
    const std::vector<std::string> other_scripts = transliterate ? script_forms(member) : std::vector<std::string>{};
    for (const auto& other_script : other_scripts) add_word_forms(other_script, true, terms);
    for (auto& key : name_key_terms(member, terms, name_share)) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
    return terms.size() == 1 ? Xapian::Query(terms.front())
                             : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

// Name keys are boolean terms (they would lengthen documents and shift BM25
// for every query), so a variant spelling weighs what BM25 gives a word met
// once in a document of average length, the key's idf, scaled by
// kNameKeyWeight. It counts only where no exact form matches: an article
// that names the word exactly is weighed as without keys, and a variant ranks
// below it. Outside the OP_SYNONYM: Xapian cannot estimate a synonym's
// statistics over a posting source. The keys match under OP_OR and weigh
// under OP_AND_MAYBE: with the posting source under OP_OR beside OP_SYNONYMs,
// Xapian 1.4.22's matcher skips matches it should rank (bench/README.md).
ExpandedWord WordExpansion::with_name_keys(const Xapian::Query& exact, const std::vector<std::string>& keys) const {
    if (keys.empty()) return {exact, exact, false};
    const Xapian::Query any_key(Xapian::Query::OP_OR, keys.begin(), keys.end());
    // The query takes ownership of a release()d posting source.
    const Xapian::Query key_weight((new Xapian::FixedWeightPostingSource(kNameKeyWeight * key_idf(keys)))->release());
    const Xapian::Query key_match(Xapian::Query::OP_SCALE_WEIGHT, any_key, 0.0);
    const Xapian::Query matches(Xapian::Query::OP_OR, exact,
                                Xapian::Query(Xapian::Query::OP_AND_NOT, key_match, exact));
    const Xapian::Query variant_weight(Xapian::Query::OP_AND_NOT,
                                       Xapian::Query(Xapian::Query::OP_FILTER, key_weight, any_key), exact);
    return {Xapian::Query(Xapian::Query::OP_AND_MAYBE, matches, variant_weight), exact, true};
}

// BM25's idf (Robertson-Sparck Jones without relevance data, as Xapian's
// BM25Weight computes it) of the commonest key, floored so a very common
// key still counts a little.
double WordExpansion::key_idf(const std::vector<std::string>& keys) const {
    Xapian::doccount commonest = 0;
    for (const auto& key : keys) commonest = std::max(commonest, database_.get_termfreq(key));
    const double articles = database_.get_doccount();
    return std::max(kMinKeyIdf, std::log((articles - commonest + 0.5) / (commonest + 0.5)));
}

// A name, as the archive writes it: no exact form of it is indexed (a
// variant spelling, which only its key can find), or the articles holding
// its commonest exact form mostly hold its key too, which the indexer gives
// only where a word is written as a name (capitalised mid-sentence). Common
// words ("trade") are capitalised only at the start of sentences, and their
// keys would only add noise. First the cheap bound: the key's article count
// (other words share keys) must reach kNameCapitalisedShare of the form's.
// Then, because a shared key can pass that ("asylum" keys like "Islam"), the
// same share among the first kNameSample articles holding the form.
double WordExpansion::name_share(const std::vector<std::string>& forms) const {
    const std::string stem_prefix(schema::kStemPrefix);
    Xapian::doccount commonest = 0;
    std::string commonest_form;
    for (const auto& form : forms) {
        if (form.compare(0, stem_prefix.size(), stem_prefix) == 0) continue;
        const Xapian::doccount frequency = database_.get_termfreq(form);
        if (frequency > commonest) {
            commonest = frequency;
            commonest_form = form;
        }
    }
    if (commonest == 0) return 1.0;
    const std::string key = name_key(commonest_form);
    if (key.empty()) return 0.0;
    const std::string key_term = std::string(schema::kNameKeyPrefix) + key;
    if (database_.get_termfreq(key_term) < kNameCapitalisedShare * commonest) return 0.0;
    return share_with_key(commonest_form, key_term);
}

// Of the first kNameSample articles holding `form`, the share also holding `key_term`.
double WordExpansion::share_with_key(const std::string& form, const std::string& key_term) const {
    Xapian::doccount with_key = 0;
    const Xapian::doccount sampled =
        sample_shared_articles(database_, form, key_term, kNameSample, [&](Xapian::docid) { ++with_key; });
    return sampled == 0 ? 0.0 : double(with_key) / sampled;
}

// The name keys (of the word, its other-script forms and their stems: the
// unprefixed and stem terms of `forms`) that the index holds.
std::vector<std::string> WordExpansion::name_key_terms(const std::string& word, const std::vector<std::string>& forms,
                                                       double& share) const {
    std::vector<std::string> keys;
    const double written_as_name = name_share(forms);
    share = std::max(share, written_as_name);
    if (written_as_name < kNameCapitalisedShare) return keys;
    auto add = [&](const std::string& base) {
        const std::string key = name_key(base);
        if (key.empty()) return;
        std::string term = std::string(schema::kNameKeyPrefix) + key;
        if (std::find(keys.begin(), keys.end(), term) != keys.end() || !database_.term_exists(term)) return;
        keys.push_back(std::move(term));
    };
    add(word);
    const std::string stem_prefix(schema::kStemPrefix);
    for (const auto& form : forms)
        add(form.compare(0, stem_prefix.size(), stem_prefix) == 0 ? form.substr(stem_prefix.size()) : form);
    return keys;
}

ExpandedWord WordExpansion::query_for(const std::string& entry) {
    std::vector<std::string> keys;
    double share = 0.0;
    const auto* alternatives = table_.alternatives(entry);
    ExpandedWord expanded;
    if (alternatives == nullptr) {
        expanded = with_name_keys(forms(entry, keys, share), keys);
    } else {
        std::vector<Xapian::Query> members{forms(entry, keys, share)};
        for (const auto& alternative : *alternatives) {
            Xapian::Query member = forms(alternative, keys, share);
            if (!member.empty()) members.push_back(std::move(member));
        }
        expanded = with_name_keys(Xapian::Query(Xapian::Query::OP_SYNONYM, members.begin(), members.end()), keys);
    }
    expanded.name_share = share;
    return expanded;
}

}  // namespace herald
