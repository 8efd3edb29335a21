#include "searcher/match/full_ranking.hpp"

#include <utility>

#include "common/document_data.hpp"

namespace herald {

FullRanking::FullRanking(Xapian::MSet matches, std::vector<RankedMatch> head, Xapian::doccount size, bool truncated,
                         CopyCounts copies, std::vector<std::string> shard_labels, std::vector<std::string> warnings)
    : matches_(std::move(matches)),
      head_(std::move(head)),
      size_(size),
      truncated_(truncated),
      copies_(std::move(copies)),
      shard_labels_(std::move(shard_labels)),
      warnings_(std::move(warnings)) {}

void FullRanking::visit(const std::function<void(const Hit&)>& visit) const {
    Hit hit;
    for (Xapian::doccount i = 0; i < size_; ++i) {
        const bool in_head = i < head_.size();
        const Xapian::MSetIterator match = in_head ? head_[i].match : matches_[i];
        hit.rank = i + 1;
        hit.score = in_head ? head_[i].score : match.get_weight();
        const Xapian::Document document = match.get_document();
        hit.duplicates = copies_.copies_of(*match, document);
        // Xapian interleaves the document ids of combined databases.
        if (!shard_labels_.empty()) hit.shard = shard_labels_[(*match - 1) % shard_labels_.size()];
        hit.article = decode_document_data(document.get_data());
        visit(hit);
    }
}

}  // namespace herald
