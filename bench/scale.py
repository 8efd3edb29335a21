#!/usr/bin/env python3
"""Herald at archive sizes past the real corpora: synthetic archives built
from AllSides, indexed and searched, each size in its own run of the same
commands.

Each synthetic article recombines real AllSides text: a real title, three to
eight real paragraphs drawn from all of AllSides, a real outlet name, a new
id, and a date spread uniformly over 2000-2024 (seeded, so every run builds
the same archives). For each size it reports:
- indexing: articles/s, peak RSS and size on disk (`herald-indexer --jobs N`);
- uncached searches (request_floor.py's method): p50 and p99 of Herald
  (FastCGI, one worker, cache off, server time) against bare Xapian on the
  same database (xapian_floor), and the same Herald requests with facets,
  which make the match count every candidate (exact totals);
- analysis (analysis.py's method, one more searcher, the two kinds
  interleaved per query): p50 and p99 of `facets=source,year,author&
  timeline=month` and of the HTML page `/?q=`, against issue 31's goals at a
  million articles (facets + timeline p50 <= 60 ms and p99 <= 300 ms, page
  p50 <= 150 ms).
With --plots DIR it also writes the figures as a data file and gnuplot SVG
plots (Debian gnuplot-nox) there.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys

import benchlib
from analysis import measure as analysis_times
from request_floor import QUERIES_FILE, floor_binary, floor_times, herald_times
from web_load import read_queries

SEED = 20261202
FIRST_DAY = datetime.date(2000, 1, 1)
DAYS = (datetime.date(2024, 12, 31) - FIRST_DAY).days + 1
FACETS = {"facets": "source,year"}
ANALYSIS_KINDS = ("facets+timeline", "page")  # analysis.py's kinds measured at each size
# Issue 31's goals at a million articles: (row key, limit in ms).
GOALS_AT = 1000000
GOALS = (("facets_timeline_p50_ms", 60.0), ("facets_timeline_p99_ms", 300.0), ("page_p50_ms", 150.0))


def allsides_parts(tmp):
    """Titles, paragraphs and outlet names of every AllSides article."""
    jsonl = os.path.join(tmp, "allsides.jsonl")
    benchlib.decompress_allsides(jsonl)
    titles, paragraphs, sources = [], [], set()
    for article in benchlib.read_jsonl(jsonl, benchlib.ALLSIDES_FIELD_MAP):
        if article["title"]:
            titles.append(article["title"])
        paragraphs.extend(p.strip() for p in article["body"].split("\n") if len(p.strip()) > 40)
        if article["source"]:
            sources.add(article["source"])
    os.remove(jsonl)
    return titles, paragraphs, sorted(sources)


def write_archive(path, size, parts):
    titles, paragraphs, sources = parts
    rng = random.Random(SEED + size)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(size):
            day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
            article = {"id": "synthetic-%08d" % i, "title": rng.choice(titles),
                       "body": "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(3, 8))),
                       "date": day.isoformat(), "source": rng.choice(sources), "language": "en"}
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


def measure_size(args, size, parts, indexer, searcher, floor, queries, tmp):
    archive = os.path.join(tmp, "synthetic-%d.jsonl" % size)
    db = os.path.join(tmp, "synthetic-%d.db" % size)
    print("[%d] writing the archive ..." % size, flush=True)
    write_archive(archive, size, parts)
    print("[%d] indexing with --jobs %d ..." % (size, args.jobs), flush=True)
    benchlib.warm_cache(archive)
    indexed = benchlib.run_measured([indexer, "--db", db, "--quiet", "--jobs", str(args.jobs), archive],
                                    os.path.join(tmp, "index-%d.log" % size))
    if indexed.returncode != 0:
        benchlib.die("indexing %d articles failed (exit %d):\n%s" % (size, indexed.returncode, indexed.stderr[-2000:]))
    os.remove(archive)
    print("[%d] searching ..." % size, flush=True)
    herald = herald_times(searcher, db, queries, args.passes, tmp)
    faceted = herald_times(searcher, db, queries, args.passes, tmp, FACETS)
    bare = floor_times(floor, db, queries, args.passes, tmp)
    print("[%d] facets + timeline and the page, interleaved ..." % size, flush=True)
    analysed = analysis_times(searcher, db, queries, args.passes, tmp, ANALYSIS_KINDS)[0]
    row = {
        "articles": size,
        "index_seconds": indexed.wall,
        "articles_per_second": size / indexed.wall,
        "peak_rss_mib": indexed.maxrss_kib / 1024.0,
        "size_mib": benchlib.dir_size(db) / 2.0 ** 20,
    }
    for name, times in (("herald", herald), ("faceted", faceted), ("floor", bare)):
        row[name + "_p50_ms"] = benchlib.percentile(times, 50)
        row[name + "_p99_ms"] = benchlib.percentile(times, 99)
    for name, kind in (("facets_timeline", "facets+timeline"), ("page", "page")):
        row[name + "_p50_ms"] = benchlib.percentile(analysed[kind], 50)
        row[name + "_p99_ms"] = benchlib.percentile(analysed[kind], 99)
    if not args.keep_tmp:
        shutil.rmtree(db, ignore_errors=True)
    return row


def print_rows(rows, passes, n_queries):
    print("\n=== synthetic AllSides archives: %d queries x %d passes, uncached, one worker ===" % (n_queries, passes))
    header = ("articles", "index art/s", "peak RSS MiB", "size MiB", "p50 ms", "floor p50", "ratio", "p99 ms",
              "floor p99", "ratio", "facets p50", "facets/plain", "f+tl p50", "f+tl p99", "page p50", "page p99")
    print(" ".join("%12s" % h for h in header))
    for r in rows:
        print(" ".join("%12s" % v for v in (
            r["articles"], "%.0f" % r["articles_per_second"], "%.0f" % r["peak_rss_mib"], "%.0f" % r["size_mib"],
            "%.3f" % r["herald_p50_ms"], "%.3f" % r["floor_p50_ms"], "%.2f" % (r["herald_p50_ms"] / r["floor_p50_ms"]),
            "%.3f" % r["herald_p99_ms"], "%.3f" % r["floor_p99_ms"], "%.2f" % (r["herald_p99_ms"] / r["floor_p99_ms"]),
            "%.3f" % r["faceted_p50_ms"], "%.2f" % (r["faceted_p50_ms"] / r["herald_p50_ms"]),
            "%.3f" % r["facets_timeline_p50_ms"], "%.3f" % r["facets_timeline_p99_ms"], "%.3f" % r["page_p50_ms"],
            "%.3f" % r["page_p99_ms"])))
    print("(f+tl: facets=source,year,author&timeline=month; page: the HTML page /?q=; both measured in one searcher,"
          " interleaved)")
    for r in rows:
        if r["articles"] < GOALS_AT:
            continue
        print("goals at %d articles (issue 31): %s" % (r["articles"], "; ".join(
            "%s %s %.1f <= %.0f ms" % ("PASS" if r[key] <= limit else "FAIL", key[:-3], r[key], limit)
            for key, limit in GOALS)))


GNUPLOT = """\
set terminal svg size 640,400 font "sans,11"
set datafile separator "\\t"
set key top left
set grid
set logscale x
set xlabel "articles"
set output "{dir}/scale-latency.svg"
set ylabel "uncached search, ms"
plot "{data}" using 1:6 with linespoints title "Herald p50", \\
     "{data}" using 1:7 with linespoints title "Herald p99", \\
     "{data}" using 1:8 with linespoints title "Herald p50 with facets", \\
     "{data}" using 1:9 with linespoints title "bare Xapian p50", \\
     "{data}" using 1:10 with linespoints title "bare Xapian p99", \\
     "{data}" using 1:11 with linespoints title "Herald p50, facets + month timeline", \\
     "{data}" using 1:13 with linespoints title "Herald p50, HTML page"
set output "{dir}/scale-indexing.svg"
set ylabel "articles/s"
set y2label "MiB"
set y2tics
plot "{data}" using 1:2 with linespoints title "indexing articles/s", \\
     "{data}" using 1:3 axes x1y2 with linespoints title "peak RSS (MiB)", \\
     "{data}" using 1:4 axes x1y2 with linespoints title "size on disk (MiB)"
"""


def write_plots(rows, directory):
    os.makedirs(directory, exist_ok=True)
    data = os.path.join(directory, "scale.tsv")
    with open(data, "w") as f:
        f.write("# articles\tarticles/s\tpeak RSS MiB\tsize MiB\tindex s\tp50 ms\tp99 ms\tfacets p50 ms"
                "\tfloor p50 ms\tfloor p99 ms\tfacets+timeline p50 ms\tfacets+timeline p99 ms\tpage p50 ms"
                "\tpage p99 ms\n")
        for r in rows:
            f.write("\t".join(str(round(v, 3)) for v in (
                r["articles"], r["articles_per_second"], r["peak_rss_mib"], r["size_mib"], r["index_seconds"],
                r["herald_p50_ms"], r["herald_p99_ms"], r["faceted_p50_ms"], r["floor_p50_ms"],
                r["floor_p99_ms"], r["facets_timeline_p50_ms"], r["facets_timeline_p99_ms"], r["page_p50_ms"],
                r["page_p99_ms"])) + "\n")
    subprocess.run(["gnuplot"], input=GNUPLOT.format(dir=directory, data=data), text=True, check=True)
    print("wrote %s, %s/scale-latency.svg and %s/scale-indexing.svg" % (data, directory, directory))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250000,1000000",
                        help="comma-separated archive sizes in articles (default: %(default)s)")
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD, help="Herald build directory (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="herald-indexer --jobs (default: cores)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over the queries (default: %(default)s)")
    parser.add_argument("--plots", metavar="DIR", help="write scale.tsv and SVG plots (gnuplot) into DIR")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--keep-tmp", action="store_true", help="keep the databases")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.plots:
        benchlib.need_tool("gnuplot")
    indexer, searcher = benchlib.herald_binaries(args.build)
    floor = floor_binary(args.build)
    queries = read_queries(QUERIES_FILE)
    tmp = benchlib.make_tmpdir("herald-scale-")
    print("temporary directory: %s" % tmp, flush=True)
    try:
        parts = allsides_parts(tmp)
        print("AllSides: %d titles, %d paragraphs, %d outlets" % tuple(map(len, parts)), flush=True)
        rows = [measure_size(args, size, parts, indexer, searcher, floor, queries, tmp) for size in sizes]
    finally:
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print_rows(rows, args.passes, len(queries))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    if args.plots:
        write_plots(rows, args.plots)
    return 0


if __name__ == "__main__":
    sys.exit(main())
