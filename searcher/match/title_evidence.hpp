// The title evidence of Herald's ranking (ranking.hpp) as one posting
// source: for an article whose title holds some of the query's words,
//     tnorm(title length) × Σ over those words of share × weight(word)
//   + tnorm(title length) × Σ over all words of (1 − share) × weight(word)
//                                         when the title holds every word,
// where weight(word) is kTitleWeight × idf and tnorm is BM25's saturation
// over the title length. It walks the words' title-term posting lists and
// reads the title length once per article. Xapian's own parts (a
// ValueMapPostingSource filtered by each title term, twice per word) give
// the same weights and travel to remote shards, which cannot load this
// class, but read the length up to twice per word: most of the ranking's
// cost.
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <vector>

#include "common/schema.hpp"

namespace herald {

// BM25's saturation over a title of `title_words` words (ranking.hpp's k1, b).
double title_length_norm(double title_words);

class TitleEvidencePostingSource : public Xapian::PostingSource {
  public:
    // `title_terms[i]` (prefixed) carries `weights[i]`; `partial_share` of it
    // counts when the title holds only some of the terms.
    TitleEvidencePostingSource(std::vector<std::string> title_terms, std::vector<double> weights,
                               double partial_share);

    void init(const Xapian::Database& database) override;
    Xapian::doccount get_termfreq_min() const override { return termfreq_min_; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_max_; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }
    void next(double min_weight) override;
    void skip_to(Xapian::docid document, double min_weight) override;
    bool at_end() const override { return current_ == 0; }
    Xapian::docid get_docid() const override { return current_; }
    double get_weight() const override;
    TitleEvidencePostingSource* clone() const override;
    std::string name() const override { return "herald::TitleEvidencePostingSource"; }

  private:
    struct TermPostings {
        Xapian::PostingIterator at, end;
    };
    // Moves current_ to the smallest document any term list is on (0: none).
    void settle();
    // tnorm of the current article's title length.
    double title_norm() const;

    std::vector<std::string> title_terms_;
    std::vector<double> weights_;
    double partial_share_;
    double weight_sum_ = 0;
    std::array<double, schema::kMaxTitleLength + 1> norms_{};
    double typical_norm_ = 0;  // an article without a stored title length

    Xapian::Database database_;
    std::vector<TermPostings> postings_;
    // Read lazily, when the matcher asks for a weight; it only moves forwards.
    mutable Xapian::ValueIterator title_lengths_;
    Xapian::docid current_ = 0;
    Xapian::doccount termfreq_min_ = 0, termfreq_max_ = 0;
};

}  // namespace herald
