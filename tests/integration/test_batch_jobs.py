"""Batch indexing jobs through the real indexer: parallel runs build the same
database as single-job runs, SIGKILL at several points then a re-run ends with
every article exactly once, incremental re-runs, deletions, compressed and CSV
inputs, progress events, a locked database, compact and stats."""
import gzip
import json
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import (BIN, TempDirTest, document_count, dump, index, index_until_killed, ranked_ids,  # noqa: E402
                        run, summary_event, synthetic_articles, write_jsonl, xapian_check)


def distinct_ids(*article_lists):
    return len({a["id"] for articles in article_lists for a in articles})


class ParallelMatchesSingleJob(TempDirTest):
    def test_same_documents_terms_positions_and_spelling(self):
        part_a = synthetic_articles(1500, seed=1, duplicate_every=7)
        part_b = synthetic_articles(700, seed=2, duplicate_every=5)  # same ids as part_a: replacements
        a = write_jsonl(os.path.join(self.tmp, "a.jsonl"), part_a)
        b = write_jsonl(os.path.join(self.tmp, "b.jsonl"), part_b)
        for n in range(12):
            self.write(f"texts/desk{n % 3}/{n:03d}.txt", f"Story number {n}\n\nGas hub talks, round {n}.\n")
        texts = os.path.join(self.tmp, "texts")

        single = os.path.join(self.tmp, "single")
        index(single, "--jobs", "1", "--strategy", "direct", a, b, texts)
        bulk = os.path.join(self.tmp, "bulk")  # empty database, 3 jobs: parallel segments merged at the end
        out = index(bulk, "--jobs", "3", "--batch-size", "100", "--progress", "json", a, b, texts).stderr
        self.assertEqual(summary_event(out)["mode"], "bulk")
        updated = os.path.join(self.tmp, "updated")  # an existing database, 3 jobs: parallel analysis, one writer
        index(updated, "--jobs", "1", "--strategy", "direct", a)
        out = index(updated, "--jobs", "3", "--batch-size", "100", "--progress", "json", b, texts).stderr
        self.assertEqual(summary_event(out)["mode"], "direct")

        expected = dump(single)
        self.assertIn(f"documents {distinct_ids(part_a, part_b) + 12}\n", expected)
        self.assertNotIn("DUPLICATE", expected)
        self.assertEqual(dump(bulk), expected)
        self.assertEqual(dump(updated), expected)
        for db in (single, bulk, updated):
            xapian_check(db)


class KillAndResume(TempDirTest):
    """SIGKILL mid-run at several points, then re-run the same command."""

    articles = synthetic_articles(5000, seed=3, duplicate_every=11)

    def setUp(self):
        super().setUp()
        self.corpus = write_jsonl(os.path.join(self.tmp, "corpus.jsonl"), self.articles)
        self.reference = os.path.join(self.tmp, "reference")
        index(self.reference, "--jobs", "1", "--strategy", "direct", self.corpus)

    def check_kills(self, jobs, batch, strategy):
        db = os.path.join(self.tmp, f"db-{strategy}")
        args = ["--db", db, "--jobs", str(jobs), "--batch-size", str(batch), "--strategy", strategy, self.corpus]
        total = len(self.articles)
        points = [lambda e: e["articles_indexed"] >= total * 0.2,
                  lambda e: e["articles_indexed"] >= total * 0.6,
                  lambda e: e["merging"] or e["articles_indexed"] >= total * 0.95]
        kills, resumed = 0, 0
        for point in points:
            killed, events = index_until_killed(args, point)
            if kills:  # a run after a kill picks up the interrupted job's checkpoint
                resumed = max([resumed] + [e.get("resumed_records", 0) for e in events])
            kills += killed
            if os.path.exists(os.path.join(db, "iamglass")):
                xapian_check(db)  # the database opens cleanly after every kill
        self.assertGreaterEqual(kills, 2, "the indexer finished before it could be killed")
        final = run("herald-indexer", *args, "--progress", "json", check=0)
        resumed = max(resumed, summary_event(final.stderr)["resumed_records"])
        self.assertGreater(resumed, 0, "no re-run resumed from a checkpoint")
        xapian_check(db)
        self.assertEqual(document_count(db), distinct_ids(self.articles))
        self.assertEqual(dump(db), dump(self.reference))
        self.assertFalse(os.path.exists(db + ".staging"), "staging segments left behind")

    def test_bulk_segments(self):
        self.check_kills(jobs=2, batch=250, strategy="segments")

    def test_direct_writer(self):
        self.check_kills(jobs=1, batch=250, strategy="direct")


class IncrementalJobs(TempDirTest):
    def test_unchanged_files_are_skipped_changed_ones_reread(self):
        folder = os.path.join(self.tmp, "in")
        os.makedirs(folder)
        parts = [synthetic_articles(40, seed=s, id_prefix=f"p{s}-") for s in range(3)]
        for n, part in enumerate(parts):
            write_jsonl(os.path.join(folder, f"part{n}.jsonl"), part)
        first = summary_event(index(self.db, "--progress", "json", folder).stderr)
        self.assertEqual((first["added"], first["skipped_files"]), (120, 0))
        again = summary_event(index(self.db, "--progress", "json", folder).stderr)
        self.assertEqual((again["added"], again["replaced"], again["skipped_files"]), (0, 0, 3))

        extra = synthetic_articles(1, seed=99, id_prefix="new-")
        write_jsonl(os.path.join(folder, "part1.jsonl"), parts[1] + extra)
        changed = summary_event(index(self.db, "--progress", "json", folder).stderr)
        self.assertEqual((changed["added"], changed["replaced"], changed["skipped_files"]), (1, 40, 2))
        forced = summary_event(index(self.db, "--progress", "json", "--force", folder).stderr)
        self.assertEqual((forced["replaced"], forced["skipped_files"]), (121, 0))
        self.assertEqual(document_count(self.db), 121)

    def test_delete_and_delete_from(self):
        articles = synthetic_articles(30, seed=5)
        index(self.db, write_jsonl(os.path.join(self.tmp, "a.jsonl"), articles))
        out = summary_event(index(self.db, "--progress", "json", "--delete", "a000003", "--delete", "a000004").stderr)
        self.assertEqual((out["deleted"], out["delete_not_found"]), (2, 0))
        ids = self.write("ids.txt", "# takedowns\na000005\n\na000006\nno-such-id\n")
        out = summary_event(index(self.db, "--progress", "json", "--delete-from", ids).stderr)
        self.assertEqual((out["deleted"], out["delete_not_found"]), (2, 1))
        self.assertEqual(document_count(self.db), 26)
        self.assertEqual(ranked_ids(self.db, "id:a000005"), [])
        self.assertEqual(ranked_ids(self.db, "id:a000007"), ["a000007"])


class InputsForRealJobs(TempDirTest):
    def test_csv_tsv_zstd_gzip_and_stdin(self):
        self.write("in/feed.csv", 'ID,headline,content,published\n'
                   'c1,"Senate passes budget","The vote was close, ""very"" close.\nA second line.",2019-03-01\n'
                   'c2,Tariff talks stall,Negotiators left without a deal.,2019-03-02\n')
        self.write("in/feed.tsv", "ID\theadline\tcontent\tpublished\n"
                   "t1\tCeasefire holds\tThe border was quiet overnight.\t2020-01-05\n")
        with gzip.open(os.path.join(self.tmp, "in", "wire.jsonl.gz"), "wt") as f:
            f.write(json.dumps({"ID": "g1", "headline": "Gas hub plan", "content": "Turkey proposes a gas hub."}) + "\n")
        plain = self.write("z.jsonl", json.dumps({"ID": "z1", "headline": "Pipeline vote",
                                                  "content": "Parliament backs the pipeline."}) + "\n")
        subprocess.run(["zstd", "-q", "--rm", plain, "-o", os.path.join(self.tmp, "in", "wire.jsonl.zst")], check=True)
        fields = ["--field", "id=ID", "--field", "title=headline", "--field", "body=content", "--field",
                  "date=published"]
        index(self.db, *fields, os.path.join(self.tmp, "in"))
        self.assertEqual(document_count(self.db), 5)
        self.assertEqual(ranked_ids(self.db, '"very close"'), ["c1"])
        self.assertEqual(ranked_ids(self.db, "ceasefire"), ["t1"])
        self.assertEqual(ranked_ids(self.db, "gas hub turkey"), ["g1"])
        self.assertEqual(ranked_ids(self.db, "pipeline"), ["z1"])
        # A compressed stream on stdin is recognised by its magic bytes.
        packed = subprocess.run(["zstd", "-q", "-c"], input=json.dumps(
            {"ID": "s1", "headline": "Summit ends", "content": "Leaders met."}).encode() + b"\n",
            capture_output=True, check=True).stdout
        proc = subprocess.run([os.path.join(BIN, "herald-indexer"), "--db", self.db, *fields, "-"], input=packed,
                              capture_output=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(ranked_ids(self.db, "summit"), ["s1"])


class ProgressLockingMaintenance(TempDirTest):
    def test_progress_events_and_summary(self):
        corpus = write_jsonl(os.path.join(self.tmp, "c.jsonl"), synthetic_articles(600, seed=8))
        proc = index(self.db, "--progress", "json", "--progress-interval", "10", corpus)
        events = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
        self.assertEqual(events[-1]["event"], "summary")
        for key in ("added", "replaced", "skipped_files", "rejected", "deleted", "seconds", "peak_memory_bytes"):
            self.assertIn(key, events[-1])
        self.assertEqual(events[-1]["added"], 600)
        progress = [e for e in events if e["event"] == "progress"]
        self.assertTrue(progress, "no progress events")
        self.assertEqual(progress[-1]["bytes_total"], os.path.getsize(corpus))
        quiet = index(os.path.join(self.tmp, "other"), corpus)  # not a terminal: no live line
        self.assertNotIn("\r", quiet.stderr)

    def test_locked_database_exits_2_without_hanging(self):
        holder = subprocess.Popen([os.path.join(BIN, "herald-indexer"), "--db", self.db, "-"], stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while not os.path.exists(os.path.join(self.db, "flintlock")) and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.2)
            started = time.monotonic()
            proc = run("herald-indexer", "--db", self.db, self.write("x.jsonl", '{"id":"x","title":"X","body":"y"}\n'))
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn("locked", proc.stderr)
            self.assertLess(time.monotonic() - started, 20)
        finally:
            holder.stdin.write(b'{"id":"h","title":"Held","body":"Held lock."}\n')
            holder.stdin.close()
            self.assertEqual(holder.wait(timeout=60), 0)

    def test_compact_and_stats(self):
        corpus = write_jsonl(os.path.join(self.tmp, "c.jsonl"), synthetic_articles(300, seed=9))
        index(self.db, corpus)
        stats = json.loads(run("herald-indexer", "stats", "--db", self.db, "--json", check=0).stdout)
        self.assertEqual(stats["documents"], 300)
        self.assertGreater(stats["terms"], 50)
        self.assertEqual(stats["checkpoint"]["state"], "complete")
        self.assertIn("documents:", run("herald-indexer", "stats", "--db", self.db, check=0).stdout)
        compacted = os.path.join(self.tmp, "compact")
        single = os.path.join(self.tmp, "single.glass")
        run("herald-indexer", "compact", "--db", self.db, compacted, check=0)
        run("herald-indexer", "compact", "--db", self.db, "--single-file", single, check=0)
        self.assertTrue(os.path.isfile(single))
        expected = ranked_ids(self.db, "gas hub turkey", limit=20)
        self.assertTrue(expected)
        self.assertEqual(ranked_ids(compacted, "gas hub turkey", limit=20), expected)
        self.assertEqual(ranked_ids(single, "gas hub turkey", limit=20), expected)
        refused = run("herald-indexer", "compact", "--db", self.db, compacted)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("already exists", refused.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
