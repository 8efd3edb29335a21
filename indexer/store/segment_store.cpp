#include "indexer/store/segment_store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <queue>
#include <system_error>
#include <vector>

#include "common/schema.hpp"
#include "indexer/store/index_writer.hpp"

namespace herald {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSegmentPrefix = "seg-";
constexpr const char* kMarkerExtension = ".done";

std::string batch_name(std::uint64_t batch) { return fmt::format("{}{:08d}", kSegmentPrefix, batch); }

// Errors keep their errno (a full disk is told apart from other failures).
[[noreturn]] void throw_errno(int error, const std::string& what) {
    throw std::system_error(error, std::generic_category(), what);
}

// Writes `text` to `path` durably: a temporary file, fsync, then rename.
void write_durably(const fs::path& path, const std::string& text) {
    const fs::path temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) throw_errno(errno, "cannot write " + temporary.string());
    const ssize_t written = ::write(fd, text.data(), text.size());
    // A short write sets no errno; the disk filled up in the middle of it.
    const int write_error = written < 0 ? errno : ENOSPC;
    const bool complete = written == static_cast<ssize_t>(text.size());
    const bool synced = complete && ::fsync(fd) == 0;
    const int sync_error = errno;
    ::close(fd);
    if (!complete) throw_errno(write_error, "cannot write " + temporary.string());
    if (!synced) throw_errno(sync_error, "cannot write " + temporary.string());
    fs::rename(temporary, path);
}

// Flushes a finished segment's files and their directory entries to disk
// (segments are written without Xapian's per-commit fsync calls).
void sync_tree(const fs::path& directory) {
    auto sync = [](const fs::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY);
        if (fd < 0 || ::fsync(fd) != 0) {
            const int error = errno;
            if (fd >= 0) ::close(fd);
            throw_errno(error, "cannot sync " + path.string());
        }
        ::close(fd);
    };
    for (const auto& entry : fs::directory_iterator(directory)) {
        if (entry.is_regular_file()) sync(entry.path());
    }
    sync(directory);
}

}  // namespace

SegmentStore::SegmentStore(fs::path directory, std::string signature)
    : directory_(std::move(directory)), signature_(std::move(signature)) {
    fs::create_directories(directory_);
    std::map<std::uint64_t, SegmentContent> marked;
    for (const auto& entry : fs::directory_iterator(directory_)) {
        const fs::path& path = entry.path();
        if (path.extension() != kMarkerExtension) continue;
        std::ifstream marker(path);
        std::string signature;
        std::uint64_t batch = 0;
        SegmentContent content;
        // A marker without a digest (an older Herald's) cannot prove its records.
        if (marker >> signature >> batch >> content.first_record >> content.records >> std::hex >> content.digest &&
            signature == signature_ && path.stem().string() == batch_name(batch)) {
            marked.emplace(batch, content);
        } else {
            fs::remove(path);
        }
    }
    // Anything not backed by a valid marker is an unfinished or foreign segment.
    for (const auto& entry : fs::directory_iterator(directory_)) {
        const fs::path& path = entry.path();
        const std::string name = path.filename().string();
        if (path.extension() == kMarkerExtension) continue;
        bool finished = false;
        for (const auto& [batch, content] : marked) {
            if (name == batch_name(batch)) {
                finished_.emplace(batch, content);
                finished = true;
            }
        }
        if (!finished) fs::remove_all(path);
    }
    for (const auto& [batch, content] : marked) {
        if (!finished_.count(batch)) fs::remove(marker_path(batch));  // marker without its segment
    }
}

fs::path SegmentStore::segment_path(std::uint64_t batch) const { return directory_ / batch_name(batch); }

fs::path SegmentStore::marker_path(std::uint64_t batch) const {
    return directory_ / (batch_name(batch) + kMarkerExtension);
}

std::set<std::uint64_t> SegmentStore::finished_batches() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::set<std::uint64_t> batches;
    for (const auto& [batch, content] : finished_) batches.insert(batch);
    return batches;
}

bool SegmentStore::holds(std::uint64_t batch, const SegmentContent& content) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto found = finished_.find(batch);
    return found != finished_.end() && found->second == content;
}

void SegmentStore::mark_finished(std::uint64_t batch, const SegmentContent& content) {
    // Each batch has its own segment and marker, so the slow part needs no lock.
    sync_tree(segment_path(batch));
    write_durably(marker_path(batch), fmt::format("{} {} {} {} {:016x}\n", signature_, batch, content.first_record,
                                                  content.records, content.digest));
    const std::lock_guard<std::mutex> lock(mutex_);
    finished_[batch] = content;
}

void SegmentStore::discard(std::uint64_t batch) {
    fs::remove(marker_path(batch));
    fs::remove_all(segment_path(batch));
    const std::lock_guard<std::mutex> lock(mutex_);
    finished_.erase(batch);
}

void SegmentStore::discard_all_but(const std::set<std::uint64_t>& kept) {
    for (const auto batch : finished_batches()) {
        if (!kept.count(batch)) discard(batch);
    }
}

std::uint64_t SegmentStore::remove_superseded_copies() {
    // A k-way merge of the segments' sorted id terms: memory stays flat
    // however many articles the job holds.
    struct Cursor {
        Xapian::TermIterator term, end;
        std::size_t segment;
    };
    const std::set<std::uint64_t> finished = finished_batches();
    const std::vector<std::uint64_t> batches(finished.begin(), finished.end());
    std::vector<Xapian::Database> databases;
    std::vector<Cursor> cursors;
    const std::string prefix(schema::kIdPrefix);
    for (std::size_t index = 0; index < batches.size(); ++index) {
        databases.emplace_back(segment_path(batches[index]).string());
        cursors.push_back({databases.back().allterms_begin(prefix), databases.back().allterms_end(prefix), index});
    }
    auto later_in_order = [](const std::pair<std::string, std::size_t>& a,
                             const std::pair<std::string, std::size_t>& b) { return a > b; };
    std::priority_queue<std::pair<std::string, std::size_t>, std::vector<std::pair<std::string, std::size_t>>,
                        decltype(later_in_order)>
        heap(later_in_order);
    for (const auto& cursor : cursors) {
        if (cursor.term != cursor.end) heap.emplace(*cursor.term, cursor.segment);
    }
    std::map<std::size_t, std::vector<std::string>> superseded;  // segment -> id terms to delete
    while (!heap.empty()) {
        const auto [term, segment] = heap.top();
        heap.pop();
        auto& cursor = cursors[segment];
        if (++cursor.term != cursor.end) heap.emplace(*cursor.term, segment);
        // Equal terms pop in segment order; any later copy supersedes this one.
        if (!heap.empty() && heap.top().first == term) superseded[segment].push_back(term);
    }
    databases.clear();
    std::uint64_t removed = 0;
    for (const auto& [segment, id_terms] : superseded) {
        Xapian::WritableDatabase database(segment_path(batches[segment]).string(), Xapian::DB_OPEN);
        for (const auto& id_term : id_terms) delete_article(database, id_term);
        database.commit();
        removed += id_terms.size();
    }
    return removed;
}

void SegmentStore::merge_into(const fs::path& output, const fs::path& metadata_database) const {
    Xapian::Database sources(metadata_database.string());
    for (const auto batch : finished_batches()) sources.add_database(Xapian::Database(segment_path(batch).string()));
    // One pass: on AllSides segments Xapian's DBCOMPACT_MULTIPASS took 1.5-2x
    // as long (measured with xapian-compact on 16 and 80 segments).
    sources.compact(output.string(), 0);
}

void SegmentStore::discard_unfinished() noexcept {
    try {
        std::set<fs::path> kept;
        for (const auto batch : finished_batches()) {
            kept.insert(segment_path(batch));
            kept.insert(marker_path(batch));
        }
        std::vector<fs::path> unfinished;
        std::error_code error;
        for (fs::directory_iterator entry(directory_, error), end; !error && entry != end; entry.increment(error)) {
            if (!kept.count(entry->path())) unfinished.push_back(entry->path());
        }
        for (const auto& path : unfinished) fs::remove_all(path, error);
    } catch (...) {  // std::bad_alloc: leave the rest to the next run
    }
}

std::uint64_t SegmentStore::finished_bytes() const {
    std::uint64_t bytes = 0;
    std::error_code error;
    for (const auto batch : finished_batches()) {
        for (fs::recursive_directory_iterator entry(segment_path(batch), error), end; !error && entry != end;
             entry.increment(error)) {
            const auto size = entry->is_regular_file(error) ? entry->file_size(error) : 0;
            if (!error) bytes += size;
        }
    }
    return bytes;
}

void SegmentStore::remove_all() {
    fs::remove_all(directory_);
    const std::lock_guard<std::mutex> lock(mutex_);
    finished_.clear();
}

}  // namespace herald
