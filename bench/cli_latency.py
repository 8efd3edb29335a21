#!/usr/bin/env python3
"""One-shot command-line search latency: `herald-searcher --json QUERY` against
`quest QUERY` over the same AllSides articles, each query timed by hyperfine
(start-up, opening the database, the search and printing ten results).

Both databases are built here (Herald's indexer and scriptindex with the
Herald-equivalent script, as relevance.py does), or given with --herald-db
and --quest-db. Prints per-query medians and the median of the per-query
ratios Herald/quest; no timing is asserted anywhere.
"""
import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys

import benchlib

QUERIES_FILE = os.path.join(benchlib.BENCH_DIR, "web_queries.txt")


def read_queries(path, count):
    with open(path, encoding="utf-8") as f:
        queries = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    # Quoted phrases mean different things to the two parsers' defaults; keep plain words.
    return [q for q in queries if '"' not in q][:count]


def build_databases(args, tmp):
    jsonl = os.path.join(tmp, "allsides.jsonl")
    dump = os.path.join(tmp, "allsides.dump")
    benchlib.decompress_allsides(jsonl, args.limit)
    benchlib.write_dump(benchlib.read_jsonl(jsonl, benchlib.ALLSIDES_FIELD_MAP), dump)
    indexer, _ = benchlib.herald_binaries(args.build)
    herald_db, quest_db = os.path.join(tmp, "herald.db"), os.path.join(tmp, "quest.db")
    jobs = [benchlib.herald_index_command(indexer, herald_db, [jsonl], benchlib.ALLSIDES_FIELD_MAP),
            benchlib.scriptindex_command(quest_db, benchlib.write_script(os.path.join(tmp, "h.script")), [dump])]
    print("indexing with Herald and scriptindex at once ...", flush=True)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        done = list(pool.map(lambda c: benchlib.run_measured(c[1], os.path.join(tmp, "index%d.log" % c[0])),
                             enumerate(jobs)))
    for measured, cmd in zip(done, jobs):
        if measured.returncode not in (0, 1):
            benchlib.die("indexing failed (exit %d): %s" % (measured.returncode, " ".join(cmd)))
    return herald_db, quest_db


def hyperfine(commands, runs, warmup, export):
    subprocess.run(["hyperfine", "--style", "none", "--shell=none", "--warmup", str(warmup), "--runs", str(runs),
                    "--export-json", export] + commands, check=True, stdout=subprocess.DEVNULL)
    with open(export) as f:
        return [r["median"] * 1000 for r in json.load(f)["results"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD, help="Herald build directory (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="first N AllSides articles (default: all)")
    parser.add_argument("--herald-db", metavar="DIR", help="an existing Herald database of the articles")
    parser.add_argument("--quest-db", metavar="DIR", help="an existing scriptindex database of the same articles")
    parser.add_argument("--queries", type=int, default=30, metavar="N",
                        help="first N plain-word queries of bench/web_queries.txt (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=20, help="hyperfine runs per command (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=3, help="hyperfine warm-up runs (default: %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--keep-tmp", action="store_true")
    args = parser.parse_args()
    for tool in ("hyperfine", "quest", "zstd"):
        benchlib.need_tool(tool)
    if bool(args.herald_db) != bool(args.quest_db):
        benchlib.die("give both --herald-db and --quest-db, or neither")
    _, searcher = benchlib.herald_binaries(args.build)
    tmp = benchlib.make_tmpdir("herald-cli-")
    try:
        herald_db, quest_db = (args.herald_db, args.quest_db) if args.herald_db else build_databases(args, tmp)
        queries = read_queries(QUERIES_FILE, args.queries)
        rows = []
        print("%-32s %10s %10s %7s" % ("query", "Herald ms", "quest ms", "ratio"))
        for i, query in enumerate(queries):
            herald_cmd = "%s --db %s --json %s" % (searcher, shlex.quote(herald_db), shlex.quote(query))
            quest_cmd = "quest -d %s %s" % (shlex.quote(quest_db), shlex.quote(query))
            herald_ms, quest_ms = hyperfine([herald_cmd, quest_cmd], args.runs, args.warmup,
                                            os.path.join(tmp, "hf%d.json" % i))
            rows.append({"query": query, "herald_ms": herald_ms, "quest_ms": quest_ms, "ratio": herald_ms / quest_ms})
            print("%-32s %10.2f %10.2f %7.2f" % (query[:32], herald_ms, quest_ms, herald_ms / quest_ms), flush=True)
        summary = {
            "queries": len(rows),
            "herald_median_ms": statistics.median(r["herald_ms"] for r in rows),
            "quest_median_ms": statistics.median(r["quest_ms"] for r in rows),
            "median_ratio": statistics.median(r["ratio"] for r in rows),
        }
        print("\n=== one-shot CLI, %d queries, median of %d runs each (hyperfine) ===" % (len(rows), args.runs))
        print("Herald median %.2f ms, quest median %.2f ms, median per-query ratio Herald/quest %.2f"
              % (summary["herald_median_ms"], summary["quest_median_ms"], summary["median_ratio"]))
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"summary": summary, "queries": rows}, f, indent=1)
    finally:
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
