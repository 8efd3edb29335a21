#include "searcher/match/title_evidence.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "searcher/match/ranking.hpp"

namespace herald {

double title_length_norm(double title_words) {
    return (kTitleK1 + 1) / (1 + kTitleK1 * (1 - kTitleB + kTitleB * title_words / kTypicalTitleWords));
}

TitleEvidencePostingSource::TitleEvidencePostingSource(std::vector<std::string> title_terms,
                                                       std::vector<double> weights, double partial_share)
    : title_terms_(std::move(title_terms)), weights_(std::move(weights)), partial_share_(partial_share) {
    weight_sum_ = std::accumulate(weights_.begin(), weights_.end(), 0.0);
    for (unsigned words = 0; words <= schema::kMaxTitleLength; ++words) norms_[words] = title_length_norm(words);
    typical_norm_ = title_length_norm(kTypicalTitleWords);
}

void TitleEvidencePostingSource::init(const Xapian::Database& database) {
    database_ = database;
    postings_.clear();
    termfreq_min_ = termfreq_max_ = 0;
    for (const auto& term : title_terms_) {
        postings_.push_back({database.postlist_begin(term), database.postlist_end(term)});
        const Xapian::doccount frequency = database.get_termfreq(term);
        termfreq_min_ = std::max(termfreq_min_, frequency);
        termfreq_max_ += frequency;
    }
    termfreq_max_ = std::min(termfreq_max_, database.get_doccount());
    title_lengths_ = database.valuestream_begin(schema::kTitleLengthSlot);
    // The shortest title weighs most.
    set_maxweight(norms_[0] * weight_sum_);
    current_ = 0;
    settle();
}

void TitleEvidencePostingSource::settle() {
    current_ = 0;
    for (const auto& list : postings_) {
        if (list.at != list.end && (current_ == 0 || *list.at < current_)) current_ = *list.at;
    }
}

void TitleEvidencePostingSource::next(double) {
    for (auto& list : postings_) {
        if (list.at != list.end && *list.at == current_) ++list.at;
    }
    settle();
}

void TitleEvidencePostingSource::skip_to(Xapian::docid document, double) {
    if (current_ != 0 && document <= current_) return;
    for (auto& list : postings_) {
        if (list.at != list.end) list.at.skip_to(document);
    }
    settle();
}

double TitleEvidencePostingSource::get_weight() const {
    double held = 0;
    bool all = true;
    for (std::size_t i = 0; i < postings_.size(); ++i) {
        if (postings_[i].at != postings_[i].end && *postings_[i].at == current_) {
            held += weights_[i];
        } else {
            all = false;
        }
    }
    return title_norm() * (partial_share_ * held + (all ? (1 - partial_share_) * weight_sum_ : 0.0));
}

double TitleEvidencePostingSource::title_norm() const {
    if (title_lengths_ == Xapian::ValueIterator()) return typical_norm_;
    // check() may skip ahead like skip_to(): see where it stopped.
    if (!title_lengths_.check(current_) || title_lengths_ == Xapian::ValueIterator() ||
        title_lengths_.get_docid() != current_) {
        return typical_norm_;
    }
    const std::string value = *title_lengths_;
    unsigned words = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), words);
    if (error != std::errc() || end != value.data() + value.size() || words > schema::kMaxTitleLength)
        return typical_norm_;
    return norms_[words];
}

TitleEvidencePostingSource* TitleEvidencePostingSource::clone() const {
    return new TitleEvidencePostingSource(title_terms_, weights_, partial_share_);
}

}  // namespace herald
