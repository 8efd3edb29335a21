#!/usr/bin/env python3
"""Analysis at the speed of search: what facets, timelines, the HTML page and
/compare cost against the plain search, on AllSides (issue 31).

In one temporary directory this indexes the first --limit AllSides articles
(default all; `--field bias=bias_text --keyword bias`, as docs/indexing.md "Keyword
fields" indexes them, so the page draws its bias bar), starts one
`herald-searcher --fastcgi --threads 1 --cache-mb 0` and sends it, straight over
FastCGI (no nginx), for every query of bench/web_queries.txt:

  search            /search?q=Q&limit=10
  timeline          /search?q=Q&limit=10&timeline=month
  facets            /search?q=Q&limit=10&facets=source,year,author
  facets+timeline   /search?q=Q&limit=10&facets=source,year,author&timeline=month
  page              /?q=Q                  (the HTML page: facets, timeline, top terms)
  page nocollapse   /?q=Q&collapse=false
  compare           /compare?q=Q&q=Q2&q=Q3&timeline=month  (Q and the next two queries)

The kinds are interleaved per query, in a seeded random order that changes
from query to query and pass to pass, so machine noise hits every kind alike;
one warm-up pass, then --passes timed passes. Times are the server's own,
from its access log (request parsed to response written), or the client's
when the build has no --access-log. The report gives p50/p90/p99/max per
kind, their ratios to the plain search in the same run, and the issue's
goals: page p50 <= 2x search p50, page p99 <= 60 ms, facets+timeline p50 <=
2x search p50.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import urllib.parse

import benchlib
from fcgi_client import FcgiError, fcgi_get
from web_load import Children, free_ports, read_queries, tail, wait_for_port

QUERIES_FILE = os.path.join(benchlib.BENCH_DIR, "web_queries.txt")
SEED = 20261231
FACETS = "source,year,author"
INTERVAL = "month"
COMPARED = 3  # queries a /compare request compares
# One access log line: "2026-11-28T09:15:02.113Z GET /search 200 3.41ms results=1342 q=...".
ACCESS_LINE = re.compile(r"^\S+ (\S+) (\S+) (\d{3}) (\d+(?:\.\d+)?)ms")

# (name, route, extra parameters); compare's q values are added per query.
KINDS = (
    ("search", "/search", {"limit": "10"}),
    ("timeline", "/search", {"limit": "10", "timeline": INTERVAL}),
    ("facets", "/search", {"limit": "10", "facets": FACETS}),
    ("facets+timeline", "/search", {"limit": "10", "facets": FACETS, "timeline": INTERVAL}),
    ("page", "/", {}),
    ("page nocollapse", "/", {"collapse": "false"}),
    ("compare", "/compare", {"timeline": INTERVAL}),
)
LABEL = {
    "search": "/search?q=",
    "timeline": "/search?q=&timeline=%s" % INTERVAL,
    "facets": "/search?q=&facets=%s" % FACETS,
    "facets+timeline": "/search?q=&facets=...&timeline=%s" % INTERVAL,
    "page": "/?q= (HTML page)",
    "page nocollapse": "/?q=&collapse=false",
    "compare": "/compare?q=&q=&q= (%d queries)" % COMPARED,
}
# The goals: (name, kind, statistic, limit, how the limit reads). A
# limit given as ("x", N) is N times the plain search's same statistic.
GOALS = (
    ("page p50 <= 2x /search p50", "page", "p50", ("x", 2.0)),
    ("page p99 <= 60 ms", "page", "p99", ("ms", 60.0)),
    ("facets+timeline p50 <= 2x /search p50", "facets+timeline", "p50", ("x", 2.0)),
)


def query_string(kind, queries, i):
    """The URL query string of one request of `kind` for queries[i]."""
    _, _, extra = next(k for k in KINDS if k[0] == kind)
    if kind == "compare":
        pairs = [("q", queries[(i + j) % len(queries)]) for j in range(COMPARED)]
    else:
        pairs = [("q", queries[i])]
    return urllib.parse.urlencode(pairs + sorted(extra.items()))


def route(kind):
    return next(k[1] for k in KINDS if k[0] == kind)


def check_answer(kind, status, headers, body, qs):
    """Dies unless the answer is what `kind` asked for (checked in the warm-up
    pass, so a build that ignores a parameter is noticed). Returns the exact
    match count where the answer gives one, else None."""
    if status != 200:
        benchlib.die("%s?%s answered %d: %r" % (route(kind), qs, status, body[:300]))
    kind_type = headers.get("content-type", "")
    if route(kind) == "/":
        if not kind_type.startswith("text/html"):
            benchlib.die("%s?%s answered %s, not HTML" % (route(kind), qs, kind_type))
        return None
    answer = json.loads(body)
    if kind == "compare":
        if len(answer.get("compare", [])) != COMPARED:
            benchlib.die("/compare?%s did not compare %d queries: %r" % (qs, COMPARED, body[:300]))
        return None
    if "timeline" in kind and "timeline" not in answer:
        benchlib.die("/search?%s answered without a timeline" % qs)
    if "facets" in kind and "facets" not in answer:
        benchlib.die("/search?%s answered without facets" % qs)
    return answer.get("total") if "facets" in kind else None


def index_allsides(indexer, tmp, limit, jobs):
    """Index the first `limit` AllSides articles (all if None); returns
    (database, articles, figures)."""
    jsonl = os.path.join(tmp, "allsides.jsonl")
    t0 = time.perf_counter()
    lines = benchlib.decompress_allsides(jsonl, limit)
    benchlib.warm_cache(jsonl)
    print("prepared %d AllSides lines in %.0f s" % (lines, time.perf_counter() - t0), flush=True)
    db = os.path.join(tmp, "allsides.db")
    cmd = [indexer, "--db", db, "--quiet", "--jobs", str(jobs)]
    for field, name in sorted(dict(benchlib.ALLSIDES_FIELD_MAP, bias="bias_text").items()):
        cmd += ["--field", "%s=%s" % (field, name)]
    if benchlib.herald_option_supported(indexer, "--keyword"):
        cmd += ["--keyword", "bias"]
    cmd.append(jsonl)
    print("indexing: %s" % " ".join(cmd), flush=True)
    m = benchlib.run_measured(cmd, os.path.join(tmp, "index.log"))
    # Exit 1: some records were rejected (reported), the rest indexed.
    if m.returncode not in (0, 1):
        benchlib.die("herald-indexer failed (exit %d): %s\n%s" % (m.returncode, " ".join(cmd), m.stderr[-3000:]))
    os.remove(jsonl)
    figures = {"command": cmd, "exit": m.returncode, "wall_s": m.wall, "cpu_s": m.cpu,
               "peak_rss_mib": m.maxrss_kib / 1024.0, "db_mib": benchlib.dir_size(db) / 2 ** 20}
    print("  %.1f s wall, %.1f s CPU, peak RSS %.0f MiB, database %.0f MiB%s"
          % (m.wall, m.cpu, figures["peak_rss_mib"], figures["db_mib"],
             "" if m.returncode == 0 else " (exit 1: some records rejected)"), flush=True)
    return db, lines, figures


def measure(searcher, db, queries, passes, tmp, kinds=None, seed=SEED, progress=True):
    """Server times (ms) of every timed request, per kind and query.

    Returns ({kind: [ms...]}, {(kind, query index): [ms...]}, time source
    ("server" or "client"), {kind: mean answer bytes}, {query index: exact
    total}). `kinds` (default every kind of KINDS) are interleaved per query,
    in a seeded random order; pass 0 warms up and checks the answers.
    """
    kinds = list(kinds or [k[0] for k in KINDS])
    children = Children()
    access_log = os.path.join(tmp, "access.log")
    log_path = os.path.join(tmp, "searcher.log")
    if os.path.exists(access_log):
        os.remove(access_log)
    server_time = benchlib.herald_option_supported(searcher, "--access-log")
    (port,) = free_ports(1)
    cmd = [searcher, "--db", db, "--fastcgi", "--listen", "127.0.0.1:%d" % port, "--threads", "1",
           "--cache-mb", "0"]
    if server_time:
        cmd += ["--access-log", access_log]
    rng = random.Random(seed)
    sent = []  # (pass, kind, query index, client ms) of every request, in order
    sizes = {}
    totals = {}
    try:
        proc = children.start("herald-searcher", cmd, log_path)
        wait_for_port(port, proc, "herald-searcher", log_path)
        for run in range(passes + 1):
            t0 = time.perf_counter()
            for i in range(len(queries)):
                order = list(kinds)
                rng.shuffle(order)
                for kind in order:
                    qs = query_string(kind, queries, i)
                    try:
                        status, headers, body, _, seconds = fcgi_get(port, route(kind), qs)
                    except (OSError, FcgiError) as error:
                        benchlib.die("%s?%s failed: %s\n%s" % (route(kind), qs, error, tail(log_path)))
                    if run == 0:
                        total = check_answer(kind, status, headers, body, qs)
                        if total is not None:
                            totals[i] = total
                    elif status != 200:
                        benchlib.die("%s?%s answered %d: %r" % (route(kind), qs, status, body[:300]))
                    else:
                        sizes.setdefault(kind, []).append(len(body))
                    sent.append((run, kind, i, seconds * 1000.0))
            if progress:
                print("  %s %.0f s" % ("warm-up pass" if run == 0 else "pass %d/%d" % (run, passes),
                                       time.perf_counter() - t0), flush=True)
    finally:
        children.stop_all()
    source = "client"
    stamps = [r[3] for r in sent]
    if server_time:
        with open(access_log, encoding="utf-8", errors="replace") as f:
            lines = [m for m in map(ACCESS_LINE.match, f) if m]
        if len(lines) != len(sent):
            benchlib.die("the access log holds %d requests, not %d" % (len(lines), len(sent)))
        for (run, kind, i, _), m in zip(sent, lines):
            if m.group(2) != route(kind) or m.group(3) != "200":
                benchlib.die("access log line %r does not match the request %s (query %d)"
                             % (m.group(0), route(kind), i))
        stamps = [float(m.group(4)) for m in lines]
        source = "server"
    times, per_query = {}, {}
    for (run, kind, i, _), ms in zip(sent, stamps):
        if run == 0:
            continue
        times.setdefault(kind, []).append(ms)
        per_query.setdefault((kind, i), []).append(ms)
    mean_bytes = {k: sum(v) / len(v) for k, v in sizes.items()}
    return times, per_query, source, mean_bytes, totals


def summary(times):
    """p50/p90/p99/max (nearest rank) and the count of a list of ms."""
    return {"n": len(times), "p50_ms": benchlib.percentile(times, 50), "p90_ms": benchlib.percentile(times, 90),
            "p99_ms": benchlib.percentile(times, 99), "max_ms": max(times) if times else float("nan")}


def check_goals(stats):
    results = []
    for name, kind, stat, (unit, limit) in GOALS:
        value = stats[kind][stat + "_ms"]
        if unit == "x":
            base = stats["search"][stat + "_ms"]
            measured = value / base if base else float("inf")
            shown = "%.2fx (%.2f / %.2f ms)" % (measured, value, base)
        else:
            measured = value
            shown = "%.2f ms" % value
        results.append({"goal": name, "kind": kind, "statistic": stat, "unit": unit, "limit": limit,
                        "measured": measured, "shown": shown, "pass": measured <= limit})
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD, help="Herald build directory (default: %(default)s)")
    parser.add_argument("--db", help="search this Herald database (AllSides) instead of indexing one")
    parser.add_argument("--limit", type=int, help="index only the first N AllSides articles (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="herald-indexer --jobs (default: cores)")
    parser.add_argument("--passes", type=int, default=10, help="timed passes over the queries (default: %(default)s)")
    parser.add_argument("--queries", default=QUERIES_FILE, help="query file (default: bench/web_queries.txt)")
    parser.add_argument("--slowest", type=int, default=5, help="slowest queries listed per kind (default: %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--keep-tmp", action="store_true", help="keep the temporary directory (database, logs)")
    args = parser.parse_args()
    if args.passes < 1:
        parser.error("--passes must be at least 1")
    started = time.perf_counter()
    indexer, searcher = benchlib.herald_binaries(args.build)
    if not benchlib.herald_option_supported(searcher, "--fastcgi"):
        benchlib.die("%s --help lists no --fastcgi: this build is too old for this benchmark" % searcher)
    queries = read_queries(args.queries)
    if len(queries) < COMPARED:
        benchlib.die("%s holds fewer than %d queries" % (args.queries, COMPARED))
    tmp = benchlib.make_tmpdir("herald-analysis-")
    print("temporary directory: %s" % tmp, flush=True)
    load_before = os.getloadavg()
    try:
        # Copies of the binaries, so a rebuild of --build during the run changes nothing.
        bin_dir = os.path.join(tmp, "bin")
        os.makedirs(bin_dir)
        indexer, searcher = [shutil.copy2(path, bin_dir) for path in (indexer, searcher)]
        modified = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(searcher)))  # copy2 keeps it
        print("binaries: copies of %s/bin (herald-searcher modified %s)" % (args.build, modified), flush=True)
        if args.db:
            db, articles, indexing = args.db, None, None
        else:
            db, articles, indexing = index_allsides(indexer, tmp, args.limit, args.jobs)
        documents = json.loads(subprocess.run([indexer, "stats", "--db", db, "--json"], capture_output=True,
                                              text=True).stdout or "{}").get("documents")
        print("searching %s documents: %d queries x %d kinds x (1 warm-up + %d timed passes) ..."
              % (documents, len(queries), len(KINDS), args.passes), flush=True)
        times, per_query, source, mean_bytes, totals = measure(searcher, db, queries, args.passes, tmp)
    finally:
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    load_after = os.getloadavg()
    stats = {kind: summary(times[kind]) for kind, _, _ in KINDS}
    base = stats["search"]
    for kind, s in stats.items():
        s["p50_over_search_p50"] = s["p50_ms"] / base["p50_ms"]
        s["p99_over_search_p99"] = s["p99_ms"] / base["p99_ms"]
        s["mean_answer_bytes"] = mean_bytes.get(kind)
    goals = check_goals(stats)
    seconds = time.perf_counter() - started

    print("\n=== uncached analysis, %s documents, %d queries x %d passes, one worker, cache off, %s time ==="
          % (documents, len(queries), args.passes, source))
    print("%-38s %8s %8s %8s %8s %10s %10s" % ("request", "p50 ms", "p90 ms", "p99 ms", "max ms", "p50/search",
                                               "p99/search"))
    for kind, _, _ in KINDS:
        s = stats[kind]
        print("%-38s %8.2f %8.2f %8.2f %8.2f %10.2f %10.2f" % (LABEL[kind], s["p50_ms"], s["p90_ms"], s["p99_ms"],
                                                             s["max_ms"], s["p50_over_search_p50"],
                                                             s["p99_over_search_p99"]))
    print("(p50/search: the kind's p50 over /search's p50; p99/search: p99 over /search's p99)")
    if args.slowest > 0:
        for kind in ("page", "facets+timeline"):
            medians = sorted(((benchlib.median(per_query[(kind, i)]), i) for i in range(len(queries))), reverse=True)
            print("slowest %s (median ms, matches): %s" % (kind, "; ".join(
                "%s %.1f (%s)" % (queries[i], ms, totals.get(i, "?")) for ms, i in medians[:args.slowest])))
    print("goals (issue 31):")
    for g in goals:
        print("  %-4s %-42s %s" % ("PASS" if g["pass"] else "FAIL", g["goal"], g["shown"]))
    print("load average before %.2f, after %.2f; %.0f s in all" % (load_before[0], load_after[0], seconds))

    if args.json:
        with open(args.json, "w") as f:
            json.dump({
                "documents": documents, "articles_indexed": articles, "indexing": indexing,
                "queries": len(queries), "passes": args.passes, "time_source": source,
                "requests": {kind: {"route": r, "parameters": dict(extra, q="...")} for kind, r, extra in KINDS},
                "kinds": stats, "goals": goals,
                "per_query": [{"query": q, "matches": totals.get(i), "median_ms": {
                    kind: benchlib.median(per_query[(kind, i)]) for kind, _, _ in KINDS}}
                    for i, q in enumerate(queries)],
                "loadavg_before": load_before[0], "loadavg_after": load_after[0], "seconds": seconds,
            }, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
