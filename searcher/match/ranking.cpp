#include "searcher/match/ranking.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "common/schema.hpp"
#include "searcher/match/slot_values.hpp"

namespace herald {

namespace {

// BM25's idf without its negative tail: log((N + 1) / (n + 1)).
double idf(double articles, Xapian::doccount frequency) { return std::log((articles + 1) / (frequency + 1)); }

// BM25's saturation over a title of `title_words` words.
double title_length_norm(double title_words) {
    return (kTitleK1 + 1) / (1 + kTitleK1 * (1 - kTitleB + kTitleB * title_words / kTypicalTitleWords));
}

// Words in a title, from its kTitleLengthSlot value (typical when missing).
double title_words(const std::string& value) {
    unsigned words = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), words);
    if (value.empty() || error != std::errc() || end != value.data() + value.size()) return kTypicalTitleWords;
    return words;
}

// What the second pass looks up: each query word in any form, then each
// single-word query word in titles.
struct Evidence {
    std::vector<std::vector<std::string>> term_groups;
    std::vector<std::size_t> title_word_of_group;  // for title groups: the query word
    std::size_t words = 0;
};

Evidence evidence_terms(const std::vector<QueryWord>& words) {
    Evidence evidence;
    evidence.words = words.size();
    for (const auto& word : words) evidence.term_groups.push_back(word.terms);
    for (std::size_t i = 0; i < words.size(); ++i) {
        // A synonym key of several words has no title term.
        if (words[i].text.find(' ') != std::string::npos) continue;
        evidence.term_groups.push_back({std::string(schema::kTitlePrefix) + words[i].text});
        evidence.title_word_of_group.push_back(i);
    }
    return evidence;
}

// For each of `documents` (ascending ids), which term groups it holds a term
// of, read from the terms' posting lists: skipping to a few documents costs
// far less than reading each document's term list.
std::vector<std::vector<bool>> held_by_postings(const Xapian::Database& database,
                                                const std::vector<Xapian::docid>& documents,
                                                const std::vector<std::vector<std::string>>& groups) {
    std::vector<std::vector<bool>> held(documents.size(), std::vector<bool>(groups.size()));
    for (std::size_t group = 0; group < groups.size(); ++group) {
        for (const auto& term : groups[group]) {
            Xapian::PostingIterator posting = database.postlist_begin(term);
            for (std::size_t i = 0; i < documents.size() && posting != database.postlist_end(term); ++i) {
                posting.skip_to(documents[i]);
                if (posting != database.postlist_end(term) && *posting == documents[i]) held[i][group] = true;
            }
        }
    }
    return held;
}

// The same from each document's term list: a remote database sends a whole
// posting list, but one document's terms.
std::vector<std::vector<bool>> held_by_termlists(const Xapian::Database& database,
                                                 const std::vector<Xapian::docid>& documents,
                                                 const std::vector<std::vector<std::string>>& groups) {
    std::map<std::string, std::vector<std::size_t>> groups_of_term;
    for (std::size_t group = 0; group < groups.size(); ++group) {
        for (const auto& term : groups[group]) groups_of_term[term].push_back(group);
    }
    std::vector<std::vector<bool>> held(documents.size(), std::vector<bool>(groups.size()));
    for (std::size_t i = 0; i < documents.size(); ++i) {
        for (auto term = database.termlist_begin(documents[i]); term != database.termlist_end(documents[i]); ++term) {
            const auto found = groups_of_term.find(*term);
            if (found == groups_of_term.end()) continue;
            for (const std::size_t group : found->second) held[i][group] = true;
        }
    }
    return held;
}

// idf of each word; a synonym key of several words is no term, so its
// commonest form stands in.
std::vector<double> word_idfs(const Xapian::Database& database, const std::vector<QueryWord>& words) {
    const double articles = database.get_doccount();
    std::vector<double> idfs;
    for (const auto& word : words) {
        Xapian::doccount frequency = database.get_termfreq(word.text);
        if (frequency == 0) {
            for (const auto& term : word.terms) frequency = std::max(frequency, database.get_termfreq(term));
        }
        idfs.push_back(idf(articles, frequency));
    }
    return idfs;
}

// What one article gains: coverage of the query's words and title evidence.
double gain(const std::vector<bool>& held, const Evidence& evidence, const std::vector<double>& idfs,
            double title_norm) {
    double coverage = 0;
    for (std::size_t word = 0; word < evidence.words; ++word) {
        if (held[word]) coverage += idfs[word];
    }
    double in_title = 0, all_title_words = 0;
    bool whole_title = true;
    for (std::size_t t = 0; t < evidence.title_word_of_group.size(); ++t) {
        const double word_idf = idfs[evidence.title_word_of_group[t]];
        all_title_words += word_idf;
        if (held[evidence.words + t]) {
            in_title += word_idf;
        } else {
            whole_title = false;
        }
    }
    const double title = kPartialTitleShare * in_title + (whole_title ? (1 - kPartialTitleShare) * all_title_words : 0);
    return kCoverageWeight * coverage + kTitleWeight * title_norm * title;
}

}  // namespace

bool reranks(const SearchRequest& request, const std::vector<QueryWord>& words) {
    return request.ranking == Ranking::Herald && request.sort == SortOrder::Relevance && !words.empty() &&
           request.like_id.empty();
}

std::vector<RankedMatch> rerank(std::vector<RankedMatch> ranked, const std::vector<QueryWord>& words,
                                const Xapian::Database& database, bool remote) {
    const auto depth = std::min<std::size_t>(ranked.size(), kRerankDepth);
    std::vector<std::size_t> by_id(depth);
    for (std::size_t i = 0; i < depth; ++i) by_id[i] = i;
    std::sort(by_id.begin(), by_id.end(),
              [&](std::size_t a, std::size_t b) { return *ranked[a].match < *ranked[b].match; });
    std::vector<Xapian::docid> documents;
    for (const std::size_t i : by_id) documents.push_back(*ranked[i].match);
    const Evidence evidence = evidence_terms(words);
    const auto held = remote ? held_by_termlists(database, documents, evidence.term_groups)
                             : held_by_postings(database, documents, evidence.term_groups);
    const auto idfs = word_idfs(database, words);
    const auto title_lengths = slot_values(database, schema::kTitleLengthSlot, documents, remote);
    for (std::size_t i = 0; i < depth; ++i) {
        const double norm = title_length_norm(title_words(title_lengths[i]));
        ranked[by_id[i]].score += gain(held[i], evidence, idfs, norm);
    }
    std::stable_sort(ranked.begin(), ranked.begin() + depth,
                     [](const RankedMatch& a, const RankedMatch& b) { return a.score > b.score; });
    return ranked;
}

}  // namespace herald
