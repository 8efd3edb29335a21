// The batch indexer's parts: the bounded queue, staging segments (markers,
// cleanup of unfinished or foreign segments, later copies winning, finishing
// from several threads), spelling data following replaces and deletes, and
// job planning (unchanged files skipped).
#include <xapian.h>

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "common/document_data.hpp"
#include "common/schema.hpp"
#include "indexer/store/index_writer.hpp"
#include "indexer/store/job_plan.hpp"
#include "indexer/store/record_batcher.hpp"
#include "indexer/store/segment_store.hpp"
#include "indexer/store/work_queue.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::RecordingSink;
using herald::test::TempDir;

namespace {

const Language kEnglish{"en", "english"};

Article article(const std::string& id, const std::string& title) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = "Body of " + title + ".";
    return a;
}

void write_segment(const SegmentStore& store, std::uint64_t batch, const std::vector<Article>& articles) {
    IndexWriter writer(store.segment_path(batch).string(), kEnglish, IndexWriter::OpenMode::Overwrite);
    std::vector<std::string> warnings;
    for (const auto& a : articles) writer.upsert(a, warnings);
    writer.commit();
}

// Xapian 1.4 has no get_spelling_frequency(): the spelling word list gives it.
Xapian::doccount spelling_frequency(const Xapian::Database& database, const std::string& word) {
    for (auto it = database.spellings_begin(); it != database.spellings_end(); ++it) {
        if (*it == word) return it.get_termfreq();
    }
    return 0;
}

}  // namespace

TEST_CASE("RecordBatcher: a resume point is passed only when the records read prove it", "[batch]") {
    auto records = [](const std::vector<std::string>& texts) {
        std::vector<RawRecord> out;
        for (const auto& text : texts) {
            RawRecord record;
            record.bytes = text;
            out.push_back(record);
        }
        return out;
    };
    auto digest_of = [](const std::vector<RawRecord>& list) {
        std::uint64_t digest = kEmptyRecordsDigest;
        for (const auto& record : list) digest = extend_records_digest(digest, record_digest(record));
        return digest;
    };
    const auto committed = records({"a", "b", "c"});
    const ResumePoint point{3, digest_of(committed)};
    auto run = [&](std::vector<RawRecord> input, std::vector<std::uint64_t>& firsts) {
        RecordBatcher batcher(
            2,
            [&](RecordBatcher::Batch&& batch) {
                firsts.push_back(batch.first_record);
                return true;
            },
            point);
        for (auto& record : input) batcher.add(std::move(record));
        batcher.finish();
        return batcher.resume_refused();
    };
    std::vector<std::uint64_t> firsts;
    CHECK_FALSE(run(records({"a", "b", "c", "d", "e"}), firsts));
    CHECK(firsts == std::vector<std::uint64_t>{3, 4});  // d alone up to the batch boundary, then e
    firsts.clear();
    CHECK(run(records({"a", "x", "c", "d"}), firsts));  // another record among the committed ones
    CHECK(firsts.empty());
    CHECK(run(records({"a", "b"}), firsts));  // the input ends before the resume point
    CHECK(firsts.empty());
    CHECK(run(records({"b", "a", "c"}), firsts));  // the same records in another order
    CHECK(firsts.empty());
}

TEST_CASE("WorkQueue: bounded, FIFO, drains after close", "[batch]") {
    WorkQueue<int> queue(2);
    // Catch2 v2 assertions are not thread-safe: the producer only counts.
    int refused = 0;
    std::thread producer([&] {
        for (int i = 0; i < 100; ++i) refused += queue.push(i) ? 0 : 1;
        queue.close();
    });
    std::vector<int> seen;
    while (auto item = queue.pop()) seen.push_back(*item);
    producer.join();
    CHECK(refused == 0);
    REQUIRE(seen.size() == 100);
    for (int i = 0; i < 100; ++i) CHECK(seen[i] == i);
    CHECK_FALSE(queue.push(1));  // closed
}

TEST_CASE("SegmentStore: only marked segments of the same job survive a restart", "[batch]") {
    TempDir dir;
    const auto staging = dir / "db.staging";
    {
        SegmentStore store(staging, "job-a");
        write_segment(store, 0, {article("a", "Alpha")});
        store.mark_finished(0, {0, 1, 0});
        write_segment(store, 1, {article("b", "Beta")});  // killed before its marker
    }
    SegmentStore resumed(staging, "job-a");
    CHECK(resumed.finished_batches() == std::set<std::uint64_t>{0});
    CHECK(std::filesystem::exists(resumed.segment_path(0)));
    CHECK_FALSE(std::filesystem::exists(resumed.segment_path(1)));
    // Reused only for the very records it was written from.
    CHECK(resumed.holds(0, {0, 1, 0}));
    CHECK_FALSE(resumed.holds(0, {0, 1, 7}));
    CHECK_FALSE(resumed.holds(0, {0, 2, 0}));
    resumed.discard(0);
    CHECK(resumed.finished_batches().empty());
    CHECK(SegmentStore(staging, "job-a").finished_batches().empty());

    SegmentStore other_job(staging, "job-b");  // different inputs: nothing is reused
    CHECK(other_job.finished_batches().empty());
    CHECK_FALSE(std::filesystem::exists(other_job.segment_path(0)));
}

TEST_CASE("SegmentStore: a failed job gives back unfinished segments and a partial merge at once", "[batch]") {
    TempDir dir;
    SegmentStore store(dir / "db.staging", "job");
    write_segment(store, 0, {article("a", "Alpha")});
    store.mark_finished(0, {0, 1, 0});
    write_segment(store, 1, {article("b", "Beta")});  // its write failed: no marker
    std::filesystem::create_directories(store.directory() / "merged");
    dir.write("db.staging/merged/postlist.glass", "part of a merge");
    dir.write("db.staging/seg-00000001.done.tmp", "job 1");  // a marker cut short

    store.discard_unfinished();
    std::set<std::string> left;
    for (const auto& entry : std::filesystem::directory_iterator(store.directory()))
        left.insert(entry.path().filename().string());
    CHECK(left == std::set<std::string>{"seg-00000000", "seg-00000000.done"});
    CHECK(store.finished_batches() == std::set<std::uint64_t>{0});
    CHECK(store.finished_bytes() > 0);
    CHECK(SegmentStore(dir / "db.staging", "job").finished_batches() == std::set<std::uint64_t>{0});  // resumable
}

TEST_CASE("SegmentStore: later batches win and the merge holds each id once", "[batch]") {
    TempDir dir;
    SegmentStore store(dir / "db.staging", "job");
    write_segment(store, 0, {article("x", "First x"), article("y", "Only y")});
    store.mark_finished(0, {0, 2, 0});
    write_segment(store, 1, {article("x", "Second x"), article("z", "Only z")});
    store.mark_finished(1, {2, 2, 0});
    write_segment(store, 2, {article("x", "Third x")});
    store.mark_finished(2, {4, 1, 0});

    CHECK(store.remove_superseded_copies() == 2);
    const auto metadata = dir / "metadata";
    {
        IndexWriter writer(metadata.string(), kEnglish, IndexWriter::OpenMode::Overwrite);
        writer.database().set_metadata("herald.test", "from metadata");
        writer.commit();
    }
    const auto merged = dir / "merged";
    store.merge_into(merged, metadata);
    Xapian::Database database(merged.string());
    CHECK(database.get_doccount() == 3);
    CHECK(database.get_metadata("herald.test") == "from metadata");
    CHECK(database.get_termfreq("Qx") == 1);
    const auto x = database.postlist_begin("Qx");
    CHECK(decode_document_data(database.get_document(*x).get_data()).title == "Third x");
    // Compaction sums the segments' spelling tables: superseded titles must not count.
    CHECK(spelling_frequency(database, "first") == 0);
    CHECK(spelling_frequency(database, "second") == 0);
    CHECK(spelling_frequency(database, "third") > 0);
    CHECK(spelling_frequency(database, "only") > 0);
}

TEST_CASE("SegmentStore: segments finished on several threads are all recorded", "[batch]") {
    TempDir dir;
    SegmentStore store(dir / "db.staging", "job");
    constexpr unsigned kThreads = 4;
    constexpr unsigned kBatchesPerThread = 6;
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < kThreads; ++t) {
        workers.emplace_back([&store, t] {
            for (unsigned i = 0; i < kBatchesPerThread; ++i) {
                const std::uint64_t batch = t * kBatchesPerThread + i;
                write_segment(store, batch, {article("id" + std::to_string(batch), "Title")});
                store.mark_finished(batch, {batch, 1, 0});
            }
        });
    }
    // Read while the workers finish segments, as the bulk writer's reader does.
    std::size_t seen = 0;
    while (seen < kThreads * kBatchesPerThread) {
        const auto finished = store.finished_batches();
        CHECK(finished.size() >= seen);
        seen = finished.size();
    }
    for (auto& worker : workers) worker.join();
    std::set<std::uint64_t> expected;
    for (std::uint64_t batch = 0; batch < kThreads * kBatchesPerThread; ++batch) expected.insert(batch);
    CHECK(store.finished_batches() == expected);
    CHECK(SegmentStore(dir / "db.staging", "job").finished_batches() == expected);  // every marker written
}

TEST_CASE("IndexWriter: replacing or deleting an article takes back its title's spelling data", "[batch]") {
    TempDir dir;
    IndexWriter writer((dir / "db").string(), kEnglish);
    std::vector<std::string> warnings;
    writer.upsert(article("z", "Zanzibar election"), warnings);
    writer.upsert(article("k", "Election night"), warnings);
    CHECK(spelling_frequency(writer.database(), "zanzibar") > 0);
    const auto election_both = spelling_frequency(writer.database(), "election");

    writer.upsert(article("z", "Harbour strike"), warnings);  // same id: a replacement
    CHECK(spelling_frequency(writer.database(), "zanzibar") == 0);
    CHECK(spelling_frequency(writer.database(), "election") < election_both);
    CHECK(spelling_frequency(writer.database(), "election") > 0);  // still in k's title
    CHECK(spelling_frequency(writer.database(), "harbour") > 0);

    CHECK(writer.remove("z"));
    writer.commit();
    CHECK(spelling_frequency(writer.database(), "harbour") == 0);
    CHECK_FALSE(writer.remove("z"));
    Xapian::Database committed((dir / "db").string());
    CHECK(spelling_frequency(committed, "zanzibar") == 0);
    CHECK(committed.spellings_begin() != committed.spellings_end());  // k's words remain
}

TEST_CASE("plan_job: files whose stamp is recorded are skipped unless forced", "[batch]") {
    TempDir dir;
    dir.write("in/a.jsonl", "{\"id\":\"a\",\"title\":\"A\",\"body\":\"a\"}\n");
    const auto b = dir.write("in/b.jsonl", "{\"id\":\"b\",\"title\":\"B\",\"body\":\"b\"}\n");
    Xapian::WritableDatabase database((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    RecordingSink sink;
    const auto first =
        plan_job({(dir / "in").string()}, std::nullopt, IdPrefix::None, database, false, "settings", sink);
    REQUIRE(first.inputs.size() == 2);
    CHECK(first.skipped_files == 0);
    CHECK(first.total_bytes == std::filesystem::file_size(b) * 2);

    database.set_metadata(first.inputs[1].stamp_key, first.inputs[1].stamp);  // b.jsonl indexed in full
    const auto second =
        plan_job({(dir / "in").string()}, std::nullopt, IdPrefix::None, database, false, "settings", sink);
    REQUIRE(second.inputs.size() == 1);
    CHECK(second.skipped_files == 1);
    CHECK(second.signature != first.signature);  // a different job: its checkpoint is not reused
    const auto forced =
        plan_job({(dir / "in").string()}, std::nullopt, IdPrefix::None, database, true, "settings", sink);
    CHECK(forced.inputs.size() == 2);
    CHECK(forced.signature == first.signature);
    const auto other =
        plan_job({(dir / "in").string()}, std::nullopt, IdPrefix::None, database, true, "other settings", sink);
    CHECK(other.signature != first.signature);
}
