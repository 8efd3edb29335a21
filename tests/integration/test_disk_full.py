"""Indexing into a file system that fills up (issue 18), through the real
binaries: during a direct write (a database that already holds articles),
while a bulk job writes its segments, and during the bulk job's merge.

Each failed run must exit 2 (no crash, no hang) with one message naming the
database, the full disk and the stage; the database must pass xapian-check
and hold exactly its last commit (the direct writer's checkpoint says how
many records; a bulk target stays empty), and a bulk job must leave only its
finished segments. Run again before there is room, the direct job fails the
same way without going back. Once the space is back the same command must
resume and end with exactly the database a run with room builds
(herald-dbdump): no article lost, none twice.

As root each test mounts a small tmpfs (always unmounted) and a ballast file
takes all of it but the room the scenario wants; deleting the ballast gives
the space back. Otherwise (or when mounting fails) RLIMIT_FSIZE stands in:
a write past the limit fails with EFBIG, which the indexer reports the same
way (it ignores SIGXFSZ itself, so the limit is all the test sets).
HERALD_TEST_NO_MOUNT=1 picks the file size limit as root too.
"""
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import (BIN, TempDirTest, document_count, dump, synthetic_articles,  # noqa: E402
                        write_jsonl, xapian_check)

ARTICLES = 1500
BULK_BATCH = 200  # small segments: each file stays well below the merged database's
BULK_BATCHES = -(-ARTICLES // BULK_BATCH)
BULK_COMMAND_OPTIONS = ["--jobs", "2", "--batch-size", str(BULK_BATCH)]
DIRECT_COMMAND_OPTIONS = ["--jobs", "2", "--batch-size", "256"]
RUN_TIMEOUT = 300  # seconds (sanitizer builds are slow): a job stuck on a full disk fails the test, not hangs it
SEGMENT = re.compile(r"seg-\d{8}(\.done)?$")


def allocated_bytes(path):
    """Bytes a file or folder takes on its file system."""
    if os.path.isfile(path):
        return os.stat(path).st_blocks * 512
    return sum(os.stat(os.path.join(root, name)).st_blocks * 512
               for root, _, files in os.walk(path) for name in files)


def largest_file(path):
    return max(os.path.getsize(os.path.join(root, name)) for root, _, files in os.walk(path) for name in files)


def article_ids(database_dump):
    return [line.split(" ", 1)[1] for line in database_dump.splitlines() if line.startswith("article ")]


class Tmpfs:
    """A small tmpfs mounted in `parent`; a ballast file takes all but the room wanted."""

    reason = "the disk is full (No space left on device)"

    def __init__(self, parent, size_bytes):
        self.path = os.path.join(parent, "tmpfs")
        os.mkdir(self.path)
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", self.path],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            os.rmdir(self.path)
            raise OSError(f"mount -t tmpfs failed: {proc.stderr.strip()}")
        self.ballast = os.path.join(self.path, "ballast")

    def squeeze(self, free_bytes, file_bytes):
        """Leaves `free_bytes` free (`file_bytes` is for FileSizeLimit)."""
        stats = os.statvfs(self.path)
        ballast = stats.f_bavail * stats.f_frsize - free_bytes
        if ballast <= 0:
            raise AssertionError(f"the tmpfs has less than {free_bytes} bytes free; make it bigger")
        fd = os.open(self.ballast, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.posix_fallocate(fd, 0, ballast)
        finally:
            os.close(fd)

    def give_back(self):
        os.remove(self.ballast)

    def preexec(self):
        return None

    def close(self):
        if subprocess.run(["umount", self.path], capture_output=True).returncode != 0:
            subprocess.run(["umount", "--lazy", self.path], capture_output=True)  # still busy: detach
        os.rmdir(self.path)


class FileSizeLimit:
    """RLIMIT_FSIZE: a write past `file_bytes` fails with EFBIG, as a full disk fails one."""

    reason = "a file reached the size limit (File too large)"

    def __init__(self, parent):
        self.path = os.path.join(parent, "limited")
        os.mkdir(self.path)
        self.limit = None

    def squeeze(self, free_bytes, file_bytes):
        self.limit = file_bytes

    def give_back(self):
        self.limit = None

    def preexec(self):
        if self.limit is None:
            return None
        limit = self.limit
        return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    def close(self):
        pass


def run_indexer(db, args, preexec=None, env=None):
    return subprocess.run([os.path.join(BIN, "herald-indexer"), "--db", db, *args], capture_output=True, text=True,
                          timeout=RUN_TIMEOUT, preexec_fn=preexec, env=env)


def failing_run_env(folder):
    """The environment for a run meant to fail: Xapian 1.4's compaction does not free its tables when a
    write fails, which LeakSanitizer reports (every frame inside libxapian) in sanitizer builds; only
    leaks allocated inside libxapian are suppressed."""
    suppressions = os.path.join(folder, "lsan-xapian.supp")
    with open(suppressions, "w") as f:
        f.write("leak:libxapian.so\n")
    env = dict(os.environ)
    env["LSAN_OPTIONS"] = ":".join(filter(None, [env.get("LSAN_OPTIONS"), f"suppressions={suppressions}"]))
    return env


def checkpoint(db):
    proc = subprocess.run([os.path.join(BIN, "herald-indexer"), "stats", "--db", db, "--json"], capture_output=True,
                          text=True, timeout=RUN_TIMEOUT, check=True)
    return json.loads(proc.stdout)["checkpoint"]


class DiskFull(TempDirTest):
    @classmethod
    def setUpClass(cls):
        # The inputs and the databases built with room are shared by the tests.
        cls.shared = tempfile.mkdtemp(prefix="herald-diskfull-")
        cls.corpus = write_jsonl(os.path.join(cls.shared, "articles.jsonl"), synthetic_articles(ARTICLES, seed=18))
        cls.seed = write_jsonl(os.path.join(cls.shared, "seed.jsonl"),
                               [{"id": "seed", "title": "Seed", "body": "Harbour strike talks."}])
        cls.measured_bulk = None

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.room = None

    def tearDown(self):
        if self.room is not None:
            self.room.close()
        super().tearDown()

    def make_room(self, tmpfs_bytes):
        """The file system to fill: a tmpfs as root, else a file size limit."""
        if os.geteuid() == 0 and os.environ.get("HERALD_TEST_NO_MOUNT") != "1":
            try:
                self.room = Tmpfs(self.tmp, tmpfs_bytes)
            except OSError as error:
                print(f"note: {error}; using RLIMIT_FSIZE instead")
        if self.room is None:
            self.room = FileSizeLimit(self.tmp)
        print(f"note: filling {type(self.room).__name__}")
        return self.room.path

    def reference(self, name, *runs):
        """The database each run of `runs` (herald-indexer arguments) builds with room to spare."""
        db = os.path.join(self.shared, name)
        for args in runs:
            proc = run_indexer(db, args)
            self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])
        return db

    def assert_failed_cleanly(self, proc, db, stage):
        """Exit 2 with one message naming the database, the full disk and the stage; a database that opens."""
        print(f"  exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}")
        self.assertEqual(proc.returncode, 2, proc.stderr[-3000:])  # negative: killed by a signal
        errors = [line for line in proc.stderr.splitlines() if line.startswith("herald-indexer: database ")]
        self.assertEqual(len(errors), 1, proc.stderr[-3000:])
        self.assertTrue(errors[0].startswith(f"herald-indexer: database {db}: {self.room.reason} while {stage}"),
                        errors[0])
        self.assertIn("run the same command again", errors[0])
        xapian_check(db)
        return errors[0]

    def assert_only_finished_segments(self, staging, message):
        """A failed bulk job keeps its finished segments (to resume from) and nothing else."""
        left = sorted(os.listdir(staging))
        self.assertTrue(left, "no finished segments kept")
        self.assertTrue(all(SEGMENT.match(name) for name in left), left)
        segments = [name for name in left if not name.endswith(".done")]
        self.assertEqual(sorted(name + ".done" for name in segments),
                         [name for name in left if name.endswith(".done")], left)
        self.assertIn(f"{len(segments)} finished segment{'' if len(segments) == 1 else 's'} (", message)
        return len(segments)

    def assert_resumed_to(self, db, command, reference, resumed_note):
        """Space back: the same command finishes with the reference's documents."""
        self.room.give_back()
        proc = run_indexer(db, command, self.room.preexec())
        print(f"  re-run: exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1]}")
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        self.assertIn(resumed_note, proc.stderr)
        xapian_check(db)
        expected = dump(reference)
        self.assertEqual(sorted(article_ids(dump(db))), sorted(article_ids(expected)))
        self.assertEqual(dump(db), expected)  # terms, positions, values and spelling too
        self.assertFalse(os.path.exists(db + ".staging"))

    def test_direct_write(self):
        command = [*DIRECT_COMMAND_OPTIONS, self.corpus]
        reference = self.reference("direct-reference", [self.seed], command)
        db = os.path.join(self.make_room(4 * allocated_bytes(reference) + (8 << 20)), "db")
        proc = run_indexer(db, [self.seed])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        growth = allocated_bytes(reference) - allocated_bytes(db)
        self.room.squeeze(free_bytes=growth // 2, file_bytes=largest_file(reference) // 2)

        proc = run_indexer(db, command, self.room.preexec(), failing_run_env(self.tmp))
        message = self.assert_failed_cleanly(proc, db, "writing it")
        state = checkpoint(db)
        print(f"  checkpoint: {state['state']} after {state['records']} records; {document_count(db)} documents")
        # The last commit holds the seed and exactly the checkpointed records.
        self.assertEqual(state["state"], "running")
        self.assertGreater(state["records"], 0, "the space ran out before the first checkpoint: resize the test")
        self.assertEqual(document_count(db), 1 + state["records"])
        self.assertIn(f"this job's first {state['records']} records", message)

        # Run again before there is room: it fails the same way and loses no ground.
        proc = run_indexer(db, command, self.room.preexec(), failing_run_env(self.tmp))
        self.assert_failed_cleanly(proc, db, "writing it")
        again = checkpoint(db)
        print(f"  on the full disk again: checkpoint after {again['records']} records")
        self.assertGreaterEqual(again["records"], state["records"])
        self.assertEqual(document_count(db), 1 + again["records"])
        state = again

        self.assert_resumed_to(db, command, reference,
                               f"resuming an interrupted job: {state['records']} records already indexed")

    def bulk_sizes(self, command):
        """The reference bulk database, and its segments' total and largest file, measured by a run whose
        merge fails on a file size limit just below the merged database's largest file (each segment holds a
        fraction of the articles, so its files stay smaller)."""
        if DiskFull.measured_bulk is None:
            reference = self.reference("bulk-reference", command)
            measured = os.path.join(self.shared, "bulk-measured")
            limit = largest_file(reference) - 1
            proc = run_indexer(measured, command,
                               lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
                               failing_run_env(self.shared))
            self.assertEqual(proc.returncode, 2, proc.stderr[-3000:])
            self.assertIn("File too large) while merging", proc.stderr)
            staging = measured + ".staging"
            DiskFull.measured_bulk = (reference, allocated_bytes(staging), largest_file(staging))
        return DiskFull.measured_bulk

    def test_bulk_merge(self):
        command = [*BULK_COMMAND_OPTIONS, self.corpus]
        reference, segments, largest_segment_file = self.bulk_sizes(command)
        merged = allocated_bytes(reference)
        db = os.path.join(self.make_room(2 * (segments + merged) + (8 << 20)), "db")
        # Room for every segment but only half the merged copy.
        self.room.squeeze(free_bytes=segments + merged // 2,
                          file_bytes=(largest_segment_file + largest_file(reference)) // 2)

        proc = run_indexer(db, command, self.room.preexec(), failing_run_env(self.tmp))
        message = self.assert_failed_cleanly(proc, db, "merging")
        self.assertEqual(document_count(db), 0)  # still the empty database
        count = self.assert_only_finished_segments(db + ".staging", message)
        self.assertEqual(count, BULK_BATCHES)  # every segment was finished

        self.assert_resumed_to(db, command, reference, f"resuming an interrupted job: {count} finished segments")

    def test_bulk_segments(self):
        command = [*BULK_COMMAND_OPTIONS, self.corpus]
        reference, segments, largest_segment_file = self.bulk_sizes(command)
        db = os.path.join(self.make_room(2 * segments + (8 << 20)), "db")
        self.room.squeeze(free_bytes=segments // 2, file_bytes=largest_segment_file // 2)

        proc = run_indexer(db, command, self.room.preexec(), failing_run_env(self.tmp))
        message = self.assert_failed_cleanly(proc, db, "writing segments in")
        self.assertEqual(document_count(db), 0)
        if isinstance(self.room, Tmpfs):  # a file size limit fails every segment: none finishes
            count = self.assert_only_finished_segments(db + ".staging", message)
            self.assertLess(count, BULK_BATCHES)
            note = f"resuming an interrupted job: {count} finished segments"
        else:
            note = "added"

        self.assert_resumed_to(db, command, reference, note)


if __name__ == "__main__":
    unittest.main(verbosity=2)
