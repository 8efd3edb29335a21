"""Batch jobs when things go wrong, through the real binaries: an unreadable
folder is reported and the walk goes on (run as an unprivileged user, since
root reads anything); a writer that fails (file size limit, as on a full disk)
stops the reader early; every failed shard is reported; deleted and replaced
articles leave no spelling suggestions behind."""
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import (BIN, TIMEOUT, TempDirTest, document_count, index, search_json,  # noqa: E402
                        synthetic_articles, write_jsonl)

NOBODY = 65534


def unprivileged_prefix():
    """The command prefix that runs a program as uid/gid 65534 (none when not
    root: permissions already apply), or None when no tool can switch."""
    if os.geteuid() != 0:
        return []
    for prefix in (["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"],
                   ["runuser", "-u", "nobody", "--"]):
        if shutil.which(prefix[0]) is None:
            continue
        probe = subprocess.run([*prefix, "id", "-u"], capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == str(NOBODY):
            return prefix
    return None


def limit_file_size(limit_bytes):
    """A preexec_fn: writes past `limit_bytes` fail with EFBIG, as on a full
    disk (SIGXFSZ ignored, so the process sees the error instead of dying)."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return apply


def progress_events(stderr):
    return [json.loads(line) for line in stderr.splitlines()
            if line.startswith("{") and '"progress"' in line]


class UnreadableFolder(TempDirTest):
    def tearDown(self):
        for root, dirs, _ in os.walk(self.tmp):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
        super().tearDown()

    def test_each_unreadable_folder_rejected_and_the_rest_indexed(self):
        prefix = unprivileged_prefix()
        if prefix is None:
            print("SKIPPED: running as root and neither setpriv nor runuser can switch to uid 65534")
            raise unittest.SkipTest("no way to run as an unprivileged user")
        folders = "abcdefgh"
        for name in folders:
            self.write(f"in/{name}/story.txt", f"Story from desk {name}\n\nHarbour strike, desk {name}.\n")
        if os.geteuid() == 0:
            os.chmod(self.tmp, 0o755)
            for root, dirs, files in os.walk(self.tmp):
                for entry in dirs + files:
                    os.chown(os.path.join(root, entry), NOBODY, NOBODY)
            os.chown(self.tmp, NOBODY, NOBODY)
        unreadable = ("a", "e")  # whichever the walk meets first, both must be reported
        for name in unreadable:
            os.chmod(os.path.join(self.tmp, "in", name), 0)
        inputs = os.path.join(self.tmp, "in")
        proc = subprocess.run([*prefix, os.path.join(BIN, "herald-indexer"), "--db", self.db, inputs],
                              capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 1, proc.stderr)  # 1: some records rejected
        rejections = [line for line in proc.stderr.splitlines() if "rejected:" in line]
        for name in unreadable:
            folder = os.path.join(inputs, name)
            self.assertTrue(any(f"{folder}: cannot read directory" in line for line in rejections), proc.stderr)
        self.assertEqual(len(rejections), len(unreadable), proc.stderr)
        self.assertEqual(document_count(self.db), len(folders) - len(unreadable))
        ids = {hit["id"] for hit in search_json(self.db, "harbour", extra=("--limit", "20"))["results"]}
        self.assertEqual(ids, {f"{name}/story" for name in folders if name not in unreadable})


class FailingWriterStopsReading(TempDirTest):
    """A write fails early (a 32 KiB file size limit); the reader must stop
    soon after, not read the other tens of thousands of records."""

    total = 20000
    limit = 32 * 1024

    def setUp(self):
        super().setUp()
        self.corpus = write_jsonl(os.path.join(self.tmp, "c.jsonl"), synthetic_articles(self.total, seed=11))

    def run_limited(self, *args):
        return subprocess.run([os.path.join(BIN, "herald-indexer"), "--db", self.db, "--progress", "json",
                               "--progress-interval", "10", *args],
                              capture_output=True, text=True, timeout=TIMEOUT,
                              preexec_fn=limit_file_size(self.limit))

    def assert_failed_and_stopped_early(self, proc):
        self.assertEqual(proc.returncode, 2, proc.stderr[-2000:])
        self.assertIn("File too large", proc.stderr)
        events = progress_events(proc.stderr)
        self.assertTrue(events, proc.stderr[-2000:])  # a failed job still reports how far it got
        records_read = max(event["records_read"] for event in events)
        self.assertGreater(records_read, 0)
        # The queues between reader and writers hold a few thousand records at most.
        self.assertLess(records_read, self.total // 4, proc.stderr[-2000:])

    def test_bulk_segments(self):
        self.assert_failed_and_stopped_early(self.run_limited("--jobs", "2", "--batch-size", "400", self.corpus))

    def test_direct_writer(self):
        index(self.db, self.write("seed.jsonl", '{"id":"seed","title":"Seed","body":"Seed text."}\n'))
        proc = self.run_limited("--jobs", "3", "--batch-size", "200", self.corpus)
        self.assert_failed_and_stopped_early(proc)

    def test_every_failed_shard_is_reported(self):
        proc = self.run_limited("--shards", "2", "--jobs", "2", "--batch-size", "400", "--quiet", self.corpus)
        self.assertEqual(proc.returncode, 2, proc.stderr[-2000:])
        error = [line for line in proc.stderr.splitlines() if line.startswith("herald-indexer: ")][-1]
        self.assertIn("2 of 2 shards failed", error)
        self.assertIn("shard-00: ", error)
        self.assertIn("shard-01: ", error)
        self.assertEqual(error.count("File too large"), 2, error)


class SpellingFollowsDeletesAndReplaces(TempDirTest):
    """Title words feed "did you mean"; once no article has them, no suggestion."""

    def suggestion(self, word):
        return search_json(self.db, word)["corrected_query"]

    def articles(self, name, *articles):
        return write_jsonl(os.path.join(self.tmp, name),
                           [{"id": id_, "title": title, "body": f"{title}. Filler text about the day."}
                            for id_, title in articles])

    def test_delete(self):
        index(self.db, self.articles("a.jsonl", ("z", "Zanzibar election"), ("k", "Budget talks")))
        self.assertEqual(self.suggestion("zanzibat"), "zanzibar")
        index(self.db, "--delete", "z")
        self.assertIsNone(self.suggestion("zanzibat"))
        self.assertEqual(self.suggestion("budgat"), "budget")  # the remaining article's words stay

    def test_replace_in_an_existing_database(self):
        index(self.db, self.articles("a.jsonl", ("z", "Zanzibar election"), ("k", "Budget talks")))
        index(self.db, self.articles("b.jsonl", ("z", "Harbour strike")))  # direct path: same id, new title
        self.assertIsNone(self.suggestion("zanzibat"))
        self.assertEqual(self.suggestion("harbout"), "harbour")

    def test_replace_within_and_across_bulk_segments(self):
        # Batches of two: [y, y] [z, k] [z].
        corpus = self.articles("a.jsonl", ("y", "Yerevan summit"), ("y", "Budget talks"),
                               ("z", "Zanzibar election"), ("k", "Kilimanjaro trek"), ("z", "Harbour strike"))
        out = index(self.db, "--jobs", "2", "--batch-size", "2", "--progress", "json", corpus).stderr
        self.assertIn('"mode":"bulk"', out)
        self.assertIsNone(self.suggestion("zanzibat"))  # replaced by a later segment
        self.assertIsNone(self.suggestion("yerevam"))  # replaced in the same segment
        self.assertEqual(self.suggestion("kilimanjaru"), "kilimanjaro")


if __name__ == "__main__":
    unittest.main(verbosity=2)
