// The writing end of a batch job: analysed documents into an IndexWriter,
// committing every so many documents or when the process outgrows --memory
// (Xapian buffers every change since the last commit).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "indexer/store/analysis_worker.hpp"
#include "indexer/store/batch_job.hpp"
#include "indexer/store/index_writer.hpp"
#include "indexer/store/shared_reporter.hpp"

namespace herald {

// The memory guard looks at resident memory every this many documents, and
// never commits fewer than kMinDocumentsPerMemoryCommit for it.
inline constexpr std::size_t kMemoryCheckInterval = 32;
inline constexpr std::size_t kMinDocumentsPerMemoryCommit = 100;

// Commits early when the process outgrows --memory.
class MemoryGuard {
  public:
    explicit MemoryGuard(std::uint64_t limit_bytes) : limit_(limit_bytes) {}
    bool over_limit(std::size_t documents_since_commit) const;

  private:
    std::uint64_t limit_;
};

struct WriteCounts {
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
};

// Writes analysed documents; a document Xapian refuses is rejected alone.
class DocumentWriter {
  public:
    // `flush_every`: documents Xapian buffers before a commit (0: only on
    // flush() and the memory limit).
    DocumentWriter(IndexWriter& writer, SharedReporter& reporter, BatchProgress& progress, std::uint64_t memory_limit,
                   std::size_t flush_every = 0)
        : writer_(writer), reporter_(reporter), progress_(progress), memory_(memory_limit), flush_every_(flush_every) {}

    void write(const std::vector<AnalyzedDocument>& documents);
    // Commits and returns the freed memory to the system.
    void flush();
    const WriteCounts& counts() const { return counts_; }

  private:
    void commit();

    IndexWriter& writer_;
    SharedReporter& reporter_;
    BatchProgress& progress_;
    MemoryGuard memory_;
    std::size_t flush_every_;
    std::size_t since_commit_ = 0;
    WriteCounts counts_;
};

}  // namespace herald
