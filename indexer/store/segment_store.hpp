// The staging area of a bulk job: one small database ("segment") per batch of
// input records, beside the target database. A segment counts as finished
// only when its marker file exists (written after the segment's commit), so a
// job killed at any moment resumes from its finished segments; the merge
// keeps the latest copy of each id and compacts everything into one database.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace herald {

// The input records a segment was written from: a resumed job reuses the
// segment only for exactly these records.
struct SegmentContent {
    std::uint64_t first_record = 0;
    std::uint64_t records = 0;
    std::uint64_t digest = 0;  // extend_records_digest over the batch's records (records.hpp)
    bool operator==(const SegmentContent& other) const {
        return first_record == other.first_record && records == other.records && digest == other.digest;
    }
};

// mark_finished() and finished_batches() may be called from any thread (the
// bulk writer's workers finish segments concurrently); the other members are
// for one thread once the workers are done.
class SegmentStore {
  public:
    // Opens (creating) `directory` and removes what a resumed job cannot use:
    // unfinished segments and those of a job with another signature.
    SegmentStore(std::filesystem::path directory, std::string signature);

    const std::filesystem::path& directory() const { return directory_; }
    // A copy: workers may be finishing segments meanwhile.
    std::set<std::uint64_t> finished_batches() const;
    // Whether `batch` has a finished segment written from exactly `content`.
    bool holds(std::uint64_t batch, const SegmentContent& content) const;
    std::filesystem::path segment_path(std::uint64_t batch) const;

    // Call after the segment's final commit. Syncs the segment to disk, then
    // writes its marker; only recording the batch takes the store's lock, so
    // segments finishing on several threads sync in parallel.
    void mark_finished(std::uint64_t batch, const SegmentContent& content);

    // Deletes a finished segment (an interrupted run's that this run's input
    // does not prove): marker first, so a crash meanwhile leaves no finished
    // segment unproven.
    void discard(std::uint64_t batch);
    // The same for every finished segment but those of `kept`.
    void discard_all_but(const std::set<std::uint64_t>& kept);

    // Deletes, from earlier segments, articles whose id a later segment also
    // holds (later input wins, as with sequential upserts), and the spelling
    // data their titles added, so the merge's summed spelling frequencies
    // count live articles only. Returns the count.
    std::uint64_t remove_superseded_copies();

    // Compacts `metadata_database` (listed first, so its metadata wins) and
    // the finished segments, in batch order, into `output`.
    void merge_into(const std::filesystem::path& output, const std::filesystem::path& metadata_database) const;

    // What a failed job leaves that a re-run cannot use, so its space comes
    // back at once: unfinished segments, a partial merge. Finished segments
    // and their markers stay for the re-run to resume from. Best effort: a
    // failure here must not hide the one being reported (and the next
    // constructor tries again).
    void discard_unfinished() noexcept;

    // The finished segments' files, in bytes.
    std::uint64_t finished_bytes() const;

    void remove_all();

  private:
    std::filesystem::path marker_path(std::uint64_t batch) const;

    std::filesystem::path directory_;
    std::string signature_;
    mutable std::mutex mutex_;  // guards finished_
    std::map<std::uint64_t, SegmentContent> finished_;
};

}  // namespace herald
