"""Helpers for integration tests that run the real indexer and searcher binaries.

The binaries come from HERALD_BIN (set by ctest to <build>/bin). Shared corpora come
from HERALD_SHARED (default: ../shared beside the repository); tests that need them
call require_shared(), which exits with code 77 (ctest's SKIP) and a message when absent.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("HERALD_BIN", os.path.join(REPO, "build", "bin"))
SHARED = os.environ.get("HERALD_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
CORPUS = os.path.join(REPO, "corpus")
SEED_ID = "000_e63fccf9c2d11ec4"
SKIP = 77
TIMEOUT = 600


def require_shared(*parts):
    path = os.path.join(SHARED, *parts)
    if not os.path.exists(path):
        print(f"SKIPPED: {path} is absent (set HERALD_SHARED to the shared corpora)")
        sys.exit(SKIP)
    return path


def run(binary, *args, stdin=None, check=None):
    """Runs a Herald binary; returns CompletedProcess with text stdout/stderr."""
    proc = subprocess.run([os.path.join(BIN, binary), *args], input=stdin, capture_output=True,
                          text=True, timeout=TIMEOUT)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"{binary} {' '.join(args)} exited {proc.returncode}, expected {check}\n"
                             f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}")
    return proc


def index(db, *args, stdin=None, check=0):
    return run("indexer", "--db", db, *args, stdin=stdin, check=check)


def search_json(db, *query, check=0, extra=()):
    proc = run("searcher", "--db", db, "--json", *extra, *query, check=check)
    return json.loads(proc.stdout)


def ranked_ids(db, *query, limit=10):
    return [r["id"] for r in search_json(db, *query, extra=("--limit", str(limit)))["results"]]


def document_count(db):
    """Counts documents with xapian-delve, independently of Herald's own code."""
    out = subprocess.run(["xapian-delve", db], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("number of documents"):
            return int(line.split("=")[1])
    raise AssertionError(f"no document count in xapian-delve output:\n{out}")


class TempDirTest(unittest.TestCase):
    """A test case with a fresh temporary directory, removed afterwards."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-test-")
        self.db = os.path.join(self.tmp, "db")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, content, mode="w"):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, mode) as f:
            f.write(content)
        return path


def main():
    unittest.main(verbosity=2)
