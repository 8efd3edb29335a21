#include "searcher/match/ranking.hpp"

#include <cmath>
#include <memory>

#include "common/schema.hpp"

namespace herald {

namespace {

double title_length_norm(double title_words) {
    return (kTitleK1 + 1) / (1 + kTitleK1 * (1 - kTitleB + kTitleB * title_words / kTypicalTitleWords));
}

// Articles whose title holds `word`, each weighing `weight` times the norm of
// its title's length (read from kTitleLengthSlot).
Xapian::Query title_match(const std::string& word, double weight) {
    auto source = std::make_unique<Xapian::ValueMapPostingSource>(schema::kTitleLengthSlot);
    for (unsigned words = 0; words <= schema::kMaxTitleLength; ++words)
        source->add_mapping(schema::title_length_value(words), weight * title_length_norm(words));
    source->set_default_weight(weight * title_length_norm(kTypicalTitleWords));
    // The query takes ownership of a release()d posting source; the title
    // term only filters, so its own BM25 weight is not added.
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(source.release()->release()),
                         Xapian::Query(std::string(schema::kTitlePrefix) + word));
}

}  // namespace

Xapian::Query with_ranking_evidence(const Xapian::Query& query, const std::vector<std::string>& words, Ranking ranking,
                                    const Xapian::Database& database) {
    if (ranking != Ranking::Herald || words.empty()) return query;
    const double articles = database.get_doccount();
    // A title with every word gains both parts, one with some words the
    // first. Each part is an operand of OP_AND_MAYBE, not of an OP_OR: with
    // a posting source under OP_OR beside OP_SYNONYMs, Xapian 1.4.22's
    // matcher skips matches it should rank (bench/README.md).
    std::vector<Xapian::Query> parts{query}, all;
    for (const auto& word : words) {
        const double idf = std::log((articles + 1) / (database.get_termfreq(word) + 1));
        parts.push_back(title_match(word, kTitleWeight * kPartialTitleShare * idf));
        all.push_back(title_match(word, kTitleWeight * (1 - kPartialTitleShare) * idf));
    }
    parts.emplace_back(Xapian::Query::OP_AND, all.begin(), all.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, parts.begin(), parts.end());
}

}  // namespace herald
