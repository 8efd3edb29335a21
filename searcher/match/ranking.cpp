#include "searcher/match/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "common/schema.hpp"
#include "searcher/match/title_evidence.hpp"

namespace herald {

namespace {

// BM25's idf without its negative tail: log((N + 1) / (n + 1)).
double idf(double articles, Xapian::doccount frequency) { return std::log((articles + 1) / (frequency + 1)); }

// Articles whose title holds `title_term`, each weighing `weight` times the
// norm of its title's length (read from kTitleLengthSlot).
Xapian::Query title_match(const std::string& title_term, double weight) {
    auto source = std::make_unique<Xapian::ValueMapPostingSource>(schema::kTitleLengthSlot);
    for (unsigned words = 0; words <= schema::kMaxTitleLength; ++words)
        source->add_mapping(schema::title_length_value(words), weight * title_length_norm(words));
    source->set_default_weight(weight * title_length_norm(kTypicalTitleWords));
    // The query takes ownership of a release()d posting source; the title
    // term only filters, so its own BM25 weight is not added.
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source.release()->release()),
                         Xapian::Query(title_term));
}

}  // namespace

Xapian::Query with_ranking_evidence(const Xapian::Query& query, const std::vector<std::string>& words, Ranking ranking,
                                    const Xapian::Database& database, bool remote) {
    if (ranking != Ranking::Herald || words.empty()) return query;
    const double articles = database.get_doccount();
    std::vector<std::string> title_terms;
    std::vector<double> weights;
    for (const auto& word : words) {
        title_terms.push_back(std::string(schema::kTitlePrefix) + word);
        weights.push_back(kTitleWeight * idf(articles, database.get_termfreq(word)));
    }
    if (!remote) {
        // The query takes ownership of a release()d posting source.
        auto source = std::make_unique<TitleEvidencePostingSource>(title_terms, weights, kPartialTitleShare);
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source.release()->release()));
    }
    // The same weights from Xapian's own parts, which remote shards can run.
    // A title with every word gains both parts, one with some words the
    // first. Each part is an operand of OP_AND_MAYBE, not of an OP_OR: with
    // a posting source under OP_OR beside OP_SYNONYMs, Xapian 1.4.22's
    // matcher skips matches it should rank (bench/README.md).
    std::vector<Xapian::Query> parts{query}, all;
    for (std::size_t i = 0; i < title_terms.size(); ++i) {
        parts.push_back(title_match(title_terms[i], kPartialTitleShare * weights[i]));
        all.push_back(title_match(title_terms[i], (1 - kPartialTitleShare) * weights[i]));
    }
    parts.emplace_back(Xapian::Query::OP_AND, all.begin(), all.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, parts.begin(), parts.end());
}

bool reranks(const SearchRequest& request, const std::vector<QueryWord>& words) {
    return request.ranking == Ranking::Herald && request.sort == SortOrder::Relevance && words.size() >= 2 &&
           request.like_id.empty();
}

namespace {

// For each of `documents` (ascending ids), which of `words` it matches, read
// from the words' posting lists: skipping to a few documents costs far less
// than reading each document's term list.
std::vector<std::vector<bool>> matched_by_postings(const Xapian::Database& database,
                                                   const std::vector<Xapian::docid>& documents,
                                                   const std::vector<QueryWord>& words) {
    std::vector<std::vector<bool>> matched(documents.size(), std::vector<bool>(words.size()));
    for (std::size_t word = 0; word < words.size(); ++word) {
        for (const auto& term : words[word].terms) {
            Xapian::PostingIterator posting = database.postlist_begin(term);
            for (std::size_t i = 0; i < documents.size() && posting != database.postlist_end(term); ++i) {
                posting.skip_to(documents[i]);
                if (posting != database.postlist_end(term) && *posting == documents[i]) matched[i][word] = true;
            }
        }
    }
    return matched;
}

// The same from each document's term list: a remote database sends a whole
// posting list, but one document's terms.
std::vector<std::vector<bool>> matched_by_termlists(const Xapian::Database& database,
                                                    const std::vector<Xapian::docid>& documents,
                                                    const std::vector<QueryWord>& words) {
    std::map<std::string, std::vector<std::size_t>> words_of_term;
    for (std::size_t word = 0; word < words.size(); ++word) {
        for (const auto& term : words[word].terms) words_of_term[term].push_back(word);
    }
    std::vector<std::vector<bool>> matched(documents.size(), std::vector<bool>(words.size()));
    for (std::size_t i = 0; i < documents.size(); ++i) {
        for (auto term = database.termlist_begin(documents[i]); term != database.termlist_end(documents[i]); ++term) {
            const auto found = words_of_term.find(*term);
            if (found == words_of_term.end()) continue;
            for (const std::size_t word : found->second) matched[i][word] = true;
        }
    }
    return matched;
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

}  // namespace

std::vector<RankedMatch> rerank_by_coverage(const Xapian::MSet& matches, const std::vector<QueryWord>& words,
                                            const Xapian::Database& database, bool remote) {
    std::vector<RankedMatch> ranked;
    for (auto it = matches.begin(); it != matches.end(); ++it) ranked.push_back({it, it.get_weight()});
    const auto depth = std::min<std::size_t>(ranked.size(), kRerankDepth);
    std::vector<std::size_t> by_id(depth);
    for (std::size_t i = 0; i < depth; ++i) by_id[i] = i;
    std::sort(by_id.begin(), by_id.end(),
              [&](std::size_t a, std::size_t b) { return *ranked[a].match < *ranked[b].match; });
    std::vector<Xapian::docid> documents;
    for (const std::size_t i : by_id) documents.push_back(*ranked[i].match);
    const auto matched =
        remote ? matched_by_termlists(database, documents, words) : matched_by_postings(database, documents, words);
    const auto idfs = word_idfs(database, words);
    for (std::size_t i = 0; i < depth; ++i) {
        for (std::size_t word = 0; word < words.size(); ++word) {
            if (matched[i][word]) ranked[by_id[i]].score += kCoverageWeight * idfs[word];
        }
    }
    std::stable_sort(ranked.begin(), ranked.begin() + depth,
                     [](const RankedMatch& a, const RankedMatch& b) { return a.score > b.score; });
    return ranked;
}

}  // namespace herald
