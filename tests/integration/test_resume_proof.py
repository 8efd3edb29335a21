"""A resumed batch job skips only records it proves were committed, through
the real indexer: after a SIGKILL, a re-run whose input differs from the
interrupted one (another stream on stdin, a file rewritten in place with its
size and mtime kept, a shorter input) never drops records. A direct job on
stdin refuses and writes nothing; a direct job on files starts over; a bulk
job rewrites the segments whose records changed and merges none beyond the
input's end. The same input still resumes."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import (TempDirTest, document_count, dump, index, index_until_killed, main, run,  # noqa: E402
                        search_json, summary_event, synthetic_articles, write_jsonl)

COUNT = 4000
BATCH = 200


def checkpoint(db):
    return json.loads(run("herald-indexer", "stats", "--db", db, "--json", check=0).stdout)["checkpoint"]


def index_stdin(db, path, *args, check=0):
    with open(path) as f:
        return index(db, *args, "--progress", "json", "-", stdin=f.read(), check=check)


def finished_segments(db):
    staging = db + ".staging"
    return [n for n in os.listdir(staging) if n.endswith(".done")] if os.path.isdir(staging) else []


class ResumeProof(TempDirTest):
    def setUp(self):
        super().setUp()
        self.day1 = synthetic_articles(COUNT, seed=11, id_prefix="day1-")
        self.day2 = synthetic_articles(COUNT, seed=12, id_prefix="day2-")
        self.stream1 = write_jsonl(os.path.join(self.tmp, "day1.jsonl"), self.day1)
        self.stream2 = write_jsonl(os.path.join(self.tmp, "day2.jsonl"), self.day2)

    def reference(self, name, *parts, strategy="direct"):
        """A database built without interruption from `parts` (paths), in order."""
        db = os.path.join(self.tmp, name)
        for part in parts:
            index(db, "--jobs", "1", "--strategy", strategy, part)
        return dump(db)

    def interrupt_direct(self, jobs, stdin_path=None, paths=()):
        args = ["--db", self.db, "--jobs", str(jobs), "--batch-size", str(BATCH), "--strategy", "direct",
                *(paths or ["-"])]
        killed, _ = index_until_killed(args, lambda e: e["articles_indexed"] >= COUNT * 0.4, stdin_path)
        state = checkpoint(self.db)
        if not killed or state["state"] != "running" or state["records"] == 0:
            self.fail(f"the interrupted run left no checkpoint to resume from (killed={killed}, {state})")
        return state["records"]

    def test_direct_stdin_other_stream_is_refused_and_nothing_written(self):
        committed = self.interrupt_direct(jobs=1, stdin_path=self.stream1)
        before = dump(self.db)
        proc = index_stdin(self.db, self.stream2, "--jobs", "1", "--batch-size", str(BATCH), "--strategy",
                           "direct", check=2)
        self.assertIn("--no-resume", proc.stderr)
        self.assertIn(f"first {committed} records", proc.stderr)
        self.assertEqual(dump(self.db), before, "a refused resume changed the database")
        self.assertEqual(checkpoint(self.db)["records"], committed)

        # With --no-resume the whole other stream goes in, next to what the
        # interrupted run committed.
        summary = summary_event(index_stdin(self.db, self.stream2, "--jobs", "1", "--batch-size", str(BATCH),
                                            "--strategy", "direct", "--no-resume").stderr)
        self.assertEqual((summary["added"], summary["resumed_records"]), (COUNT, 0))
        self.assertEqual(document_count(self.db), committed + COUNT)
        self.assertEqual([r["id"] for r in search_json(self.db, "id:day2-000000")["results"]], ["day2-000000"])

    def test_direct_stdin_same_stream_resumes(self):
        committed = self.interrupt_direct(jobs=2, stdin_path=self.stream1)
        proc = index_stdin(self.db, self.stream1, "--jobs", "2", "--batch-size", str(BATCH), "--strategy",
                           "direct")
        self.assertEqual(summary_event(proc.stderr)["resumed_records"], committed)
        self.assertEqual(dump(self.db), self.reference("reference", self.stream1))

    def test_direct_stdin_shorter_stream_is_refused(self):
        committed = self.interrupt_direct(jobs=1, stdin_path=self.stream1)
        prefix = write_jsonl(os.path.join(self.tmp, "prefix.jsonl"), self.day1[:committed // 2])
        before = dump(self.db)
        proc = index_stdin(self.db, prefix, "--jobs", "1", "--batch-size", str(BATCH), "--strategy", "direct",
                           check=2)
        self.assertIn("--no-resume", proc.stderr)
        self.assertEqual(dump(self.db), before)

    def rewrite_in_place(self, path, old, new):
        """Rewrites the file with `old` replaced by `new` (same length), keeping its size and mtime."""
        stat = os.stat(path)
        with open(path) as f:
            text = f.read()
        self.assertEqual(len(old), len(new))
        with open(path, "w") as f:
            f.write(text.replace(old, new))
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        self.assertEqual(os.stat(path).st_size, stat.st_size)

    def test_direct_file_changed_in_place_starts_over(self):
        corpus = write_jsonl(os.path.join(self.tmp, "corpus.jsonl"), self.day1)
        committed = self.interrupt_direct(jobs=2, paths=[corpus])
        first = write_jsonl(os.path.join(self.tmp, "first.jsonl"), self.day1[:committed])
        self.rewrite_in_place(corpus, '"id": "day1-', '"id": "day3-')
        proc = index(self.db, "--jobs", "2", "--batch-size", str(BATCH), "--strategy", "direct", corpus)
        self.assertIn("not resuming", proc.stderr)
        # What the interrupted run committed, then the whole rewritten file.
        self.assertEqual(dump(self.db), self.reference("reference", first, corpus))

    def interrupt_bulk(self, stdin_path=None, paths=()):
        args = ["--db", self.db, "--jobs", "2", "--batch-size", str(BATCH), "--strategy", "segments",
                *(paths or ["-"])]
        killed, _ = index_until_killed(args, lambda e: e["articles_indexed"] >= COUNT * 0.5, stdin_path)
        if not killed or not finished_segments(self.db):
            self.fail(f"the interrupted bulk run left no finished segment (killed={killed})")

    def test_bulk_stdin_other_shorter_stream_takes_no_old_segment(self):
        self.interrupt_bulk(stdin_path=self.stream1)
        shorter = write_jsonl(os.path.join(self.tmp, "day2-short.jsonl"), self.day2[:COUNT // 4])
        proc = index_stdin(self.db, shorter, "--jobs", "2", "--batch-size", str(BATCH), "--strategy", "segments")
        self.assertEqual(summary_event(proc.stderr)["resumed_records"], 0)
        self.assertEqual(document_count(self.db), COUNT // 4)
        self.assertEqual(dump(self.db), self.reference("reference", shorter, strategy="segments"))

    def test_bulk_no_resume_starts_over(self):
        self.interrupt_bulk(stdin_path=self.stream1)
        proc = index_stdin(self.db, self.stream1, "--jobs", "2", "--batch-size", str(BATCH), "--strategy",
                           "segments", "--no-resume")
        self.assertEqual(summary_event(proc.stderr)["resumed_records"], 0)
        self.assertEqual(dump(self.db), self.reference("reference", self.stream1, strategy="segments"))

    def test_bulk_file_changed_in_place_rewrites_its_segments(self):
        corpus = write_jsonl(os.path.join(self.tmp, "corpus.jsonl"), self.day1)
        self.interrupt_bulk(paths=[corpus])
        # Records from the first quarter on change: the segments before them
        # are reused, the finished ones after them written again.
        with open(corpus) as f:
            lines = f.readlines()
        stat = os.stat(corpus)
        kept = len(lines) // 4
        changed = lines[:kept] + [line.replace('"id": "day1-', '"id": "day4-') for line in lines[kept:]]
        with open(corpus, "w") as f:
            f.writelines(changed)
        os.utime(corpus, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        proc = index(self.db, "--jobs", "2", "--batch-size", str(BATCH), "--strategy", "segments",
                     "--progress", "json", corpus)
        self.assertEqual(dump(self.db), self.reference("reference", corpus, strategy="segments"))
        self.assertIn("written again", proc.stderr)
        self.assertGreater(summary_event(proc.stderr)["resumed_records"], 0)
        self.assertLessEqual(summary_event(proc.stderr)["resumed_records"], kept)


if __name__ == "__main__":
    main()
