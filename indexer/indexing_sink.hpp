// Receives the readers' articles, writes them through IndexWriter, reports
// warnings and rejections on stderr and keeps the counts for the summary.
#pragma once

#include <cstddef>
#include <iosfwd>

#include "herald/index_writer.hpp"
#include "herald/reader.hpp"

namespace herald {

struct IndexingCounts {
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t rejected = 0;
    std::size_t warnings = 0;
};

class IndexingSink : public ArticleSink {
  public:
    IndexingSink(IndexWriter& writer, std::ostream& messages, bool quiet, std::size_t commit_every);

    void accept(Article&& article, const RecordOrigin& origin) override;
    void warn(const RecordOrigin& origin, const std::string& message) override;
    void reject(const RecordOrigin& origin, const std::string& reason) override;

    const IndexingCounts& counts() const { return counts_; }

  private:
    IndexWriter& writer_;
    std::ostream& messages_;
    bool quiet_;
    std::size_t commit_every_;
    std::size_t since_commit_ = 0;
    IndexingCounts counts_;
};

}  // namespace herald
