#include "indexer/store/analysis_worker.hpp"

#include "common/shards.hpp"

namespace herald {

std::vector<AnalyzedDocument> Analyzer::analyze(Records first, Records last) {
    std::vector<AnalyzedDocument> documents;
    documents.reserve(static_cast<std::size_t>(last - first));
    output_ = &documents;
    for (auto record = first; record != last; ++record) parse_record(*record, fields_, *this);
    output_ = nullptr;
    return documents;
}

std::vector<AnalyzedDocument> Analyzer::analyze_or_reject(Records first, Records last) {
    try {
        return analyze(first, last);
    } catch (const std::exception& error) {
        for (auto record = first; record != last; ++record) reporter_.reject_article(record->origin, error.what());
    } catch (const Xapian::Error& error) {
        for (auto record = first; record != last; ++record) {
            reporter_.reject_article(record->origin, error.get_description());
        }
    }
    return {};
}

void Analyzer::accept(Article&& article, const RecordOrigin& origin) {
    if (shard_.count > 1 && shard_of(article.id, shard_.count) != shard_.index) return;  // another shard's
    std::vector<std::string> warnings;
    output_->push_back({build_document(builder_, article, warnings), origin});
    for (const auto& warning : warnings) reporter_.warn_article(origin, warning);
}

}  // namespace herald
