#!/usr/bin/env python3
"""What Herald counts: the share of the counted articles that hold every unit
of their query, with the default match (every unit) and with --match any, on
AllSides (issue 35).

For every query of bench/web_queries.txt this exports the counted articles
(`herald-searcher --export jsonl`, copies collapsed as counts collapse them) in both
modes and checks each article's text against the query's units, as a reader
would, with rules of this script's own (not Herald's):
  - a unit is a query word that is not a common function word (STOPWORDS
    below), a quoted phrase (its words, next to each other), or a name: a run
    of two or more words typed capitalised, satisfied by its last word;
  - an article holds a word when some word of its title or body starts with
    the word less an English suffix (prefix(): "cuts" meets "cut", "funding"
    meets "funds", "legalization" meets "legalize"), case and accents aside.
It prints per mode the share over all counted articles (micro), the mean of
the per-query shares (macro), the queries whose answer fell back to any word,
and the median total.

Standard library only. Run `python3 bench/all_words.py --help`.
"""

import argparse
import bisect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from analysis import index_allsides  # noqa: E402
from web_load import read_queries  # noqa: E402

QUERIES_FILE = os.path.join(benchlib.BENCH_DIR, "web_queries.txt")
# Function words a reader does not expect every article to hold.
STOPWORDS = set("""a an the of in on at to for from by with and or but not no is are was were be been what who whom
which when where why how did does do has have had will would can could should this that these those it its as about
into over after before than then there their they he she his her we our you your i me my us vs""".split())
WORD = re.compile(r"\w+(?:'\w+)?")


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_units(query):
    """The query's units: lists of folded words, a phrase's words in order; a name is its last word."""
    units = []
    for phrase in re.findall(r'"([^"]+)"', query):
        units.append([fold(w) for w in WORD.findall(phrase)])
    rest = re.sub(r'"[^"]*"', " ", query)
    words = WORD.findall(rest)
    i = 0
    while i < len(words):
        run = i
        while run < len(words) and words[run][:1].isupper() and not words[run].isupper():
            run += 1
        if run - i >= 2:  # a name: its last word
            units.append([fold(words[run - 1])])
            i = run
            continue
        word = fold(words[i])
        if word not in STOPWORDS or words[i].isupper():
            units.append([word])
        i += 1
    return [u for u in units if u] or [[fold(w)] for w in words]


SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ers", "er", "ed", "es", "s", "ly")


def prefix(word):
    """The word without an English inflection or derivation suffix, leaving three letters at least:
    what a word of the article must start with."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


class ArticleWords:
    """An article's folded words, in order and as a sorted set for prefix lookups; kept per id,
    since the same articles come back query after query."""

    def __init__(self, record):
        self.tokens = [fold(t) for t in WORD.findall((record.get("title") or "") + " " + (record.get("body") or ""))]
        self.sorted = sorted(set(self.tokens))

    def has_prefix(self, p):
        at = bisect.bisect_left(self.sorted, p)
        return at < len(self.sorted) and self.sorted[at].startswith(p)

    def holds(self, unit):
        if len(unit) == 1:
            return self.has_prefix(prefix(unit[0]))
        prefixes = [prefix(w) for w in unit]
        if not all(self.has_prefix(p) for p in prefixes):
            return False
        tokens = self.tokens
        return any(all(tokens[i + k].startswith(p) for k, p in enumerate(prefixes))
                   for i in range(len(tokens) - len(unit) + 1))


def counted(searcher, db, query, match):
    proc = subprocess.run([searcher, "--db", db, "--export", "jsonl", "--match", match, query],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("herald-searcher --export %r (match %s) failed: %s" % (query, match, proc.stderr.strip()))
    fell_back = "no article has all the words" in proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()], fell_back


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD, help="Herald build directory (default: build/)")
    parser.add_argument("--db", help="an AllSides Herald database to search instead of indexing one")
    parser.add_argument("--queries", default=QUERIES_FILE, help="query file (default: bench/web_queries.txt)")
    parser.add_argument("--json", help="write the figures as JSON to this file")
    args = parser.parse_args()
    indexer, searcher = benchlib.herald_binaries(args.build)
    queries = read_queries(args.queries)
    tmp = tempfile.mkdtemp(prefix="herald-all-words-")
    try:
        db = args.db or index_allsides(indexer, tmp, None, 2)[0]
        figures = {}
        words = {}
        for match in ("all", "any"):
            held = total = 0
            shares, totals, fell_back = [], [], []
            for query in queries:
                units = query_units(query)
                records, fell = counted(searcher, db, query, match)
                if fell:
                    fell_back.append(query)
                ok = 0
                for r in records:
                    if r["id"] not in words:
                        words[r["id"]] = ArticleWords(r)
                    ok += all(words[r["id"]].holds(unit) for unit in units)
                held += ok
                total += len(records)
                totals.append(len(records))
                if records:
                    shares.append(ok / len(records))
            figures[match] = {"queries": len(queries), "counted": total, "holding_every_unit": held,
                              "share_micro": held / total if total else 0.0,
                              "share_macro": sum(shares) / len(shares) if shares else 0.0,
                              "median_total": benchlib.median(totals), "fell_back": fell_back}
            f = figures[match]
            print("match %-3s: %d queries, %d articles counted, share holding every unit %.3f (mean per query %.3f), "
                  "median total %d, fell back to any word: %d %s" % (
                      match, f["queries"], f["counted"], f["share_micro"], f["share_macro"], f["median_total"],
                      len(fell_back), fell_back[:5]))
        print("goal (issue 35): share >= 0.95 with the default match: %s" % (
            "PASS" if figures["all"]["share_micro"] >= 0.95 else "FAIL"))
        if args.json:
            with open(args.json, "w") as out:
                json.dump(figures, out, indent=2)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
