#!/usr/bin/env python3
"""Indexing throughput: Herald's indexer (one job, and all cores) vs scriptindex, on AllSides.

In one temporary directory this
  1. decompresses the first --limit AllSides articles (default all 37554) to
     a JSON Lines file: Herald's input, so zstd is not timed;
  2. writes the same articles as a scriptindex input file, with the fields
     Herald indexes (lead paragraph split out in advance; see
     bench/benchlib.py HERALD_SCRIPT for the equivalent index script);
  3. reads both files once so both come from the page cache;
  4. runs scriptindex and Herald's indexer with each --jobs value (default
     1 and the number of cores) in turn (--runs N, order rotated every run),
     each into a new database, and measures wall time, CPU time and peak RSS
     of the indexing process (os.wait4's rusage);
  5. prints the medians: articles/s, MB/s of article text (UTF-8 bytes of
     title + body), peak RSS, database size, and each Herald run's ratio to
     scriptindex. `--jobs 1` is the single-threaded comparison (scriptindex
     has one thread); the multi-job figure is the batch indexer's.

Standard library only. Run `python3 bench/index_throughput.py --help`.
"""

import argparse
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ALLSIDES_ARTICLES = 37554


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD,
                        help="Herald build directory holding bin/herald-indexer (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None,
                        help="index only the first N AllSides articles (default: all %d)" % ALLSIDES_ARTICLES)
    parser.add_argument("--runs", type=int, default=1, help="runs per engine; medians are reported (default: 1)")
    parser.add_argument("--jobs", default="1,%d" % (os.cpu_count() or 1),
                        help="comma-separated Herald --jobs values to run (default: %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--keep-tmp", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")

    indexer, _ = benchlib.herald_binaries(args.build)
    benchlib.need_tool("scriptindex")
    tmp = benchlib.make_tmpdir("herald-throughput-")
    print("temporary directory: %s" % tmp, flush=True)
    try:
        return run(args, indexer, tmp)
    finally:
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args, indexer, tmp):
    jsonl = os.path.join(tmp, "allsides.jsonl")
    dump = os.path.join(tmp, "allsides.dump")
    script = benchlib.write_script(os.path.join(tmp, "herald-equivalent.script"))

    t0 = time.perf_counter()
    lines = benchlib.decompress_allsides(jsonl, args.limit)
    articles, text_bytes = benchlib.write_dump(benchlib.read_jsonl(jsonl, benchlib.ALLSIDES_FIELD_MAP), dump)
    benchlib.warm_cache(jsonl, dump)
    mb = text_bytes / 1e6
    print("prepared %d articles (%.1f MB of title+body text; Herald reads %.1f MB of JSON Lines, "
          "scriptindex %.1f MB of its own format) in %.0f s"
          % (articles, mb, os.path.getsize(jsonl) / 1e6, os.path.getsize(dump) / 1e6,
             time.perf_counter() - t0), flush=True)
    if articles != lines:
        print("note: %d of %d input lines are not indexable articles" % (lines - articles, lines))

    commands = {"scriptindex": lambda db: benchlib.scriptindex_command(db, script, [dump])}
    for jobs in [int(j) for j in args.jobs.split(",")]:
        commands["Herald -j%d" % jobs] = (lambda db, jobs=jobs: benchlib.herald_index_command(
            indexer, db, [jsonl], benchlib.ALLSIDES_FIELD_MAP, jobs=jobs))
    for engine, command in commands.items():
        print("%-12s command: %s" % (engine, " ".join(command("DB"))))
    samples = {engine: [] for engine in commands}
    for run_no in range(args.runs):
        engines = list(commands)
        order = engines[run_no % len(engines):] + engines[:run_no % len(engines)]
        for engine in order:
            db = os.path.join(tmp, "db-%s" % engine)
            shutil.rmtree(db, ignore_errors=True)
            m = benchlib.run_measured(commands[engine](db), os.path.join(tmp, "%s-%d.log" % (engine, run_no)))
            if not (m.returncode == 0 or (engine.startswith("Herald") and m.returncode == 1)):
                benchlib.die("%s failed (exit %d):\n%s" % (engine, m.returncode, m.stderr[-3000:]))
            m.db_bytes = benchlib.dir_size(db)
            shutil.rmtree(db, ignore_errors=True)
            samples[engine].append(m)
            print("run %d %-12s %7.1f s wall %7.1f s CPU  %6.0f articles/s  peak RSS %5.0f MiB%s" % (
                run_no + 1, engine, m.wall, m.cpu, articles / m.wall, m.maxrss_kib / 1024.0,
                "" if m.returncode == 0 else "  (exit 1: some records rejected)"), flush=True)

    med = {}
    for engine, ms in samples.items():
        wall = benchlib.median([m.wall for m in ms])
        med[engine] = {
            "wall_s": wall,
            "cpu_s": benchlib.median([m.cpu for m in ms]),
            "articles_per_s": articles / wall,
            "mb_per_s": mb / wall,
            "peak_rss_mib": benchlib.median([m.maxrss_kib for m in ms]) / 1024.0,
            "db_mib": benchlib.median([m.db_bytes for m in ms]) / 2**20,
        }

    print()
    print("=== AllSides indexing, %d articles, %.1f MB text, %d cores, median of %d run(s) ==="
          % (articles, mb, os.cpu_count() or 1, args.runs))
    rows = [("wall time (s)", "wall_s", "%.1f", False), ("CPU time (s)", "cpu_s", "%.1f", False),
            ("articles/s", "articles_per_s", "%.0f", True), ("MB/s (title+body)", "mb_per_s", "%.2f", True),
            ("peak RSS (MiB)", "peak_rss_mib", "%.0f", False), ("database size (MiB)", "db_mib", "%.0f", False)]
    heralds = [engine for engine in commands if engine != "scriptindex"]
    header = "%-22s %12s" % ("", "scriptindex")
    for engine in heralds:
        header += " %12s %9s" % (engine, "ratio")
    print(header)
    for label, key, fmt, _ in rows:
        base = med["scriptindex"][key]
        line = "%-22s %12s" % (label, fmt % base)
        for engine in heralds:
            value = med[engine][key]
            line += " %12s %9s" % (fmt % value, "%.3f" % (value / base) if base else "n/a")
        print(line)
    print("(ratio = Herald/scriptindex; throughput ratio > 1: Herald faster; RSS/size/time ratio < 1: Herald smaller)")
    per_run = per_run_ratios(samples, heralds, articles)
    if args.runs > 1:
        # The machine's speed drifts between runs: each run's own ratio shows the spread.
        for engine in heralds:
            print("%s articles/s ratio per run: %s (min %.3f)" % (
                engine, ", ".join("%.3f" % r for r in per_run[engine]), min(per_run[engine])))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"articles": articles, "text_mb": mb, "runs": args.runs, "medians": med,
                       "ratios_per_run": per_run}, f, indent=2)
    return 0


def per_run_ratios(samples, heralds, articles):
    """Herald's articles/s over scriptindex's in the same run, for each run."""
    base = samples["scriptindex"]
    return {engine: [(articles / m.wall) / (articles / b.wall) for m, b in zip(samples[engine], base)]
            for engine in heralds}


if __name__ == "__main__":
    sys.exit(main())
