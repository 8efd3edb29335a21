#include "indexer/store/document_writer.hpp"

#include "indexer/store/memory_usage.hpp"

namespace herald {

bool MemoryGuard::over_limit(std::size_t documents_since_commit) const {
    if (limit_ == 0 || documents_since_commit < kMinDocumentsPerMemoryCommit) return false;
    if (documents_since_commit % kMemoryCheckInterval != 0) return false;
    return resident_memory_bytes() > limit_;
}

void DocumentWriter::write(const std::vector<AnalyzedDocument>& documents) {
    for (const auto& document : documents) {
        try {
            const auto outcome = writer_.upsert(document.built);
            ++(outcome == IndexWriter::Outcome::Added ? counts_.added : counts_.replaced);
            progress_.articles_written.fetch_add(1, std::memory_order_relaxed);
        } catch (const Xapian::InvalidArgumentError& error) {
            reporter_.reject_article(document.origin, "cannot index: " + error.get_msg());
            continue;
        }
        ++since_commit_;
        if (flush_every_ != 0 && since_commit_ >= flush_every_) {
            commit();  // the next flush reuses the memory: no point handing it back
        } else if (memory_.over_limit(since_commit_)) {
            flush();
        }
    }
}

void DocumentWriter::flush() {
    commit();
    release_free_memory();
}

void DocumentWriter::commit() {
    writer_.commit();
    since_commit_ = 0;
}

}  // namespace herald
