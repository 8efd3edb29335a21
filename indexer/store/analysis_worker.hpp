// The analysis workers of a batch job: each parses records into articles and
// analyses them into documents with its own stemmers and term generator. In
// a sharded job a worker keeps only its shard's articles.
#pragma once

#include <vector>

#include "indexer/analysis/document_builder.hpp"
#include "indexer/input/json_articles.hpp"
#include "indexer/input/reader.hpp"
#include "indexer/input/records.hpp"
#include "indexer/store/batch_job.hpp"
#include "indexer/store/index_writer.hpp"
#include "indexer/store/shared_reporter.hpp"

namespace herald {

struct AnalyzedDocument {
    BuiltDocument built;
    RecordOrigin origin;
};

// Parsing and analysis for one worker thread.
class Analyzer : private ArticleSink {
  public:
    Analyzer(const BatchOptions& options, SharedReporter& reporter)
        : fields_(options.fields), shard_(options.shard), reporter_(reporter), builder_(options.default_language) {}

    using Records = std::vector<RawRecord>::const_iterator;
    // Documents in input order; rejected records are reported, not returned.
    std::vector<AnalyzedDocument> analyze(Records first, Records last);
    // The same, but an unexpected failure analysing the records rejects
    // them all instead of ending the job.
    std::vector<AnalyzedDocument> analyze_or_reject(Records first, Records last);

  private:
    void accept(Article&& article, const RecordOrigin& origin) override;
    void warn(const RecordOrigin& origin, const std::string& message) override { reporter_.warn(origin, message); }
    void reject(const RecordOrigin& origin, const std::string& reason) override { reporter_.reject(origin, reason); }

    const FieldMap& fields_;
    ShardSlice shard_;
    SharedReporter& reporter_;
    DocumentBuilder builder_;
    std::vector<AnalyzedDocument>* output_ = nullptr;
};

}  // namespace herald
