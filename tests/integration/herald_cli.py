"""Helpers for integration tests that run the real indexer and searcher binaries.

The binaries come from HERALD_BIN (set by ctest to <build>/bin). Shared corpora come
from HERALD_SHARED (default: ../shared beside the repository); tests that need them
call require_shared(), which exits with code 77 (ctest's SKIP) and a message when absent.
"""
import json
import os
import re
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
    return run("herald-indexer", "--db", db, *args, stdin=stdin, check=check)


def index_until_killed(args, should_kill, stdin_path=None):
    """Starts the indexer with JSON progress events (reading `stdin_path` as
    its standard input, when given) and SIGKILLs it at the first progress
    event for which should_kill(event) holds. Returns (killed, events)."""
    import signal
    import time
    stdin = open(stdin_path) if stdin_path else subprocess.DEVNULL
    try:
        proc = subprocess.Popen([os.path.join(BIN, "herald-indexer"), *args, "--progress", "json",
                                 "--progress-interval", "20"],
                                stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        killed, events = False, []
        deadline = time.monotonic() + 300
        for line in proc.stderr:
            if time.monotonic() > deadline:
                break
            if not line.startswith("{"):
                continue
            event = json.loads(line)
            events.append(event)
            if event["event"] == "progress" and should_kill(event):
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
        proc.stderr.close()
        proc.wait(timeout=60)
        return killed, events
    finally:
        if stdin_path:
            stdin.close()


def search_json(db, *query, check=0, extra=()):
    proc = run("herald-searcher", "--db", db, "--json", *extra, *query, check=check)
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


DBDUMP = os.environ.get("HERALD_DBDUMP", os.path.join(REPO, "build", "tests", "tools", "herald-dbdump"))

_WORDS = ("election senate budget treaty border pipeline tariff governor campaign ballot reform court "
          "minister summit ceasefire inflation protest coalition veto embassy refugee sanctions subsidy "
          "parliament referendum lobby scandal verdict hearing poll debate turnout district energy gas "
          "hub turkey ukraine climate vaccine union strike wages housing police justice").split()
_SOURCES = ("Daily Ledger", "Capitol Wire", "Harbour Times", "Northern Post")


def synthetic_articles(count, seed=7, duplicate_every=0, id_prefix="a"):
    """Deterministic made-up articles (dicts); every `duplicate_every`-th one
    reuses an earlier id with new text, to exercise upserts."""
    import random
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        number = n
        if duplicate_every and n and n % duplicate_every == 0:
            number = rng.randrange(n)
        words = [rng.choice(_WORDS) for _ in range(rng.randint(30, 120))]
        articles.append({
            "id": f"{id_prefix}{number:06d}",
            "title": " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 9))).capitalize(),
            "body": " ".join(words[:20]) + ".\n\n" + " ".join(words[20:]) + ".",
            "date": f"20{rng.randint(12, 20)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "source": rng.choice(_SOURCES),
            "tags": [rng.choice(_WORDS)],
        })
    return articles


def write_jsonl(path, articles):
    with open(path, "w") as f:
        for article in articles:
            f.write(json.dumps(article) + "\n")
    return path


def dump(db):
    """Canonical dump of a database (tests/tools/dbdump.cpp)."""
    out = subprocess.run([DBDUMP, db], capture_output=True, check=True, timeout=TIMEOUT).stdout
    return out.decode("latin-1")  # values hold binary (the SimHash slot)


def xapian_check(db):
    proc = subprocess.run(["xapian-check", db], capture_output=True, text=True, timeout=TIMEOUT)
    if proc.returncode != 0:
        raise AssertionError(f"xapian-check {db} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")


def summary_event(stderr):
    """The {"event":"summary"} object an `herald-indexer --progress json` run prints last."""
    for line in reversed(stderr.splitlines()):
        if line.startswith("{") and '"summary"' in line:
            return json.loads(line)
    raise AssertionError(f"no summary event in:\n{stderr[-2000:]}")


def parse_help(text):
    """CLI11 help: {option: takes a value}, {option: choices shown as TEXT:{a,b} or TEXT:a|b}, and
    the subcommands."""
    takes_value, choices, subcommands = {}, {}, []
    section = None
    for line in text.splitlines():
        if line and not line.startswith(" "):
            section = line
            continue
        # Option lines are indented by two spaces; wrapped descriptions by many more.
        m = re.match(r"  (-\S+)(.*?)(?: {2,}|$)", line)
        if m:
            kind = re.sub(r"\s*\b(Excludes|Needs):.*", "", m.group(2)).strip()
            c = re.match(r"\w+:(?:\{(.*)\}|(\w+(?:\|\w+)+))$", kind)
            for name in m.group(1).split(","):
                takes_value[name] = bool(kind)
                if c:
                    choices[name] = c.group(1).split(",") if c.group(1) else c.group(2).split("|")
        elif section == "Subcommands:" and re.match(r"  \w", line):
            subcommands.append(line.split()[0])
    return takes_value, choices, subcommands
