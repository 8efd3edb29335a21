#include "indexing_sink.hpp"

#include <fmt/ostream.h>

#include <ostream>

namespace herald {

IndexingSink::IndexingSink(IndexWriter& writer, std::ostream& messages, bool quiet, std::size_t commit_every)
    : writer_(writer), messages_(messages), quiet_(quiet), commit_every_(commit_every) {}

void IndexingSink::accept(Article&& article, const RecordOrigin& origin) {
    std::vector<std::string> warnings;
    try {
        const auto outcome = writer_.upsert(article, warnings);
        ++(outcome == IndexWriter::Outcome::Added ? counts_.added : counts_.replaced);
    } catch (const Xapian::InvalidArgumentError& error) {
        // Something in this record Xapian cannot store; the rest go on.
        reject(origin, "cannot index: " + error.get_msg());
        return;
    }
    for (const auto& warning : warnings) warn(origin, warning);
    if (commit_every_ > 0 && ++since_commit_ >= commit_every_) {
        writer_.commit();
        since_commit_ = 0;
    }
}

void IndexingSink::warn(const RecordOrigin& origin, const std::string& message) {
    ++counts_.warnings;
    if (!quiet_) fmt::print(messages_, "indexer: warning: {}: {}\n", describe(origin), message);
}

void IndexingSink::reject(const RecordOrigin& origin, const std::string& reason) {
    ++counts_.rejected;
    fmt::print(messages_, "indexer: rejected: {}: {}\n", describe(origin), reason);
}

}  // namespace herald
