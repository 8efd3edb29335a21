#include "indexer/store/record_batcher.hpp"

#include <iostream>

namespace herald {
namespace {

// Thrown from the record callback to leave the framing code once the
// batcher has stopped; never escapes read_all.
struct ReadingStopped {};

}  // namespace

void RecordBatcher::add(RawRecord&& record) {
    if (stopped_) return;
    // Hashed once: the record's bytes may be megabytes.
    const std::uint64_t digest = record_digest(record);
    prefix_digest_ = extend_records_digest(prefix_digest_, digest);
    if (next_record_ < resume_.records) {  // committed by the interrupted run, if the digest agrees
        if (++next_record_ == resume_.records) check_resume_point();
        return;
    }
    if (current_.records.empty()) {
        current_.number = next_record_ / batch_size_;
        current_.first_record = next_record_;
    }
    ++next_record_;
    current_.digest = extend_records_digest(current_.digest, digest);
    current_.records.push_back(std::move(record));
    if (next_record_ % batch_size_ == 0) send();
}

void RecordBatcher::check_resume_point() {
    if (next_record_ == resume_.records && prefix_digest_ == resume_.digest) return;
    resume_refused_ = true;
    stopped_ = true;
}

void RecordBatcher::finish_file(std::string key, std::string value) {
    current_.finished_files.emplace_back(std::move(key), std::move(value));
}

void RecordBatcher::finish() {
    if (next_record_ < resume_.records) check_resume_point();  // the input ended before the resume point
    if (stopped_) return;
    if (!current_.records.empty() || !current_.finished_files.empty()) send();
}

void RecordBatcher::send() {
    if (current_.records.empty()) current_.number = next_record_ / batch_size_;
    current_.prefix_digest = prefix_digest_;
    stopped_ = !dispatch_(std::move(current_));
    current_ = Batch{};
}

void read_all(const JobPlan& plan, const BatchOptions& options, RecordBatcher& batcher, ReadProblems& problems,
              BatchProgress& progress) {
    std::uint64_t bytes_before = 0;
    try {
        for (const auto& input : plan.inputs) {
            std::uint64_t bytes = 0;
            auto on_record = [&](RawRecord&& record) {
                progress.records_read.fetch_add(1, std::memory_order_relaxed);
                progress.bytes_read.store(bytes_before + bytes, std::memory_order_relaxed);
                batcher.add(std::move(record));
                if (batcher.stopped()) throw ReadingStopped{};
            };
            if (input.file) {
                read_records(*input.file, options.limits, on_record, problems, &bytes);
                batcher.finish_file(input.stamp_key, input.stamp);
                if (!input.text_id_key.empty()) batcher.finish_file(input.text_id_key, input.absolute_path);
            } else {
                read_record_stream(std::cin, "<stdin>", options.format, options.limits, on_record, problems, &bytes);
            }
            bytes_before += bytes;
            progress.bytes_read.store(bytes_before, std::memory_order_relaxed);
        }
    } catch (const ReadingStopped&) {
        return;  // the consumer's failure is reported by the write path
    }
    batcher.finish();
}

}  // namespace herald
