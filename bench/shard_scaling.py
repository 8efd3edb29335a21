#!/usr/bin/env python3
"""Shard scaling: indexing into 1, 2 and 4 shards, and query latency over them, locally and through xapian-tcpsrv.

In one temporary directory this
  1. decompresses the first --limit AllSides articles (default all 37554) to
     a JSON Lines file (read once, so it comes from the page cache);
  2. indexes them three times with the same command and --jobs J (default:
     cores), each into a new directory, and measures wall time, CPU time
     and peak RSS of each indexer (os.wait4's rusage):
       1 shard:  herald-indexer --db DB1 --quiet --field ... --jobs J allsides.jsonl
       2 shards: the same + --shards 2 (DB2/shard-00, shard-01, herald.stub)
       4 shards: the same + --shards 4
  3. for 1, 2 and 4 shards, each
       local:  herald-searcher --db DIR (the unsharded database, or the sharded
               directory, which the searcher opens through its herald.stub)
       remote: one `xapian-tcpsrv --port P --interface 127.0.0.1 --quiet
               SHARD` per shard on free loopback ports, and
               herald-searcher --db tcp://127.0.0.1:P1 --db tcp://127.0.0.1:P2 ...
     starts the searcher as a long-running FastCGI server (--fastcgi
     --listen 127.0.0.1:PORT --threads 1 --cache-mb 0: one worker, result
     cache off, so every request really searches) and drives it directly
     over FastCGI from this script (a minimal FastCGI client, one TCP
     connection per request as nginx does): GET /search?q=QUERY&limit=10 for
     every query of bench/web_queries.txt, one request at a time. One pass
     warms up (and its answers are checked: status 200, JSON with results,
     and the ranking against the unsharded database), then --passes R passes
     are timed; the latency is from connect to FCGI_END_REQUEST;
  4. prints the indexing table (and each ratio to the unsharded run) and the
     latency table: median and p90 ms per configuration, the ratio to the
     1-shard local figures, and the number of queries whose top 10 differs
     from the unsharded database's (ids compared within groups of equal
     score, the last group left out: ties may be cut differently).

All processes it starts are stopped at the end, on errors and on Ctrl-C.
Standard library only. Run `python3 bench/shard_scaling.py --help`.
"""

import argparse
import json
import os
import shutil
import signal
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from fcgi_client import FcgiError, fcgi_get  # noqa: E402
from web_load import Children, cores, free_ports, read_queries, tail, wait_for_port  # noqa: E402

ALLSIDES_ARTICLES = 37554
QUERIES_FILE = os.path.join(benchlib.BENCH_DIR, "web_queries.txt")
HITS = 10
SHARD_COUNTS = (1, 2, 4)
MODES = ("local", "remote")


def search_qs(query):
    return urllib.parse.urlencode({"q": query, "limit": HITS})


# ---------------------------------------------------------------------------
# Ranking comparison.
# ---------------------------------------------------------------------------
def ranking_key(results):
    """The top hits as a comparable value: the number of hits and the groups
    of equal score (rounded to 6 decimals) in rank order, ids sorted within a
    group, without the last group (where the cut at 10 may fall among ties)."""
    groups = []
    last_score = None
    for hit in results:
        score = round(float(hit["score"]), 6)
        if not groups or score != last_score:
            groups.append([])
            last_score = score
        groups[-1].append(str(hit["id"]))
    return (len(results), [sorted(g) for g in groups[:-1]])


def max_score_diff(results, reference):
    ref = {str(h["id"]): float(h["score"]) for h in reference}
    diffs = [abs(float(h["score"]) - ref[str(h["id"])]) for h in results if str(h["id"]) in ref]
    return max(diffs) if diffs else 0.0


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------
def main():
    n_cores = cores()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD,
                        help="Herald build directory holding bin/herald-indexer and bin/herald-searcher (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="index only the first N AllSides articles (default: all %d)" % ALLSIDES_ARTICLES)
    parser.add_argument("--jobs", type=int, default=n_cores, metavar="J",
                        help="herald-indexer --jobs for every indexing run (default: cores = %(default)s)")
    parser.add_argument("--passes", type=int, default=3, metavar="R",
                        help="timed passes over the query mix per configuration, after one warm-up pass "
                             "(default: %(default)s)")
    parser.add_argument("--queries", default=QUERIES_FILE, metavar="FILE",
                        help="query mix, one query a line, '#' comments (default: bench/web_queries.txt)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--keep-tmp", action="store_true",
                        help="keep the temporary directory (databases, logs)")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.passes < 1:
        parser.error("--passes must be at least 1")

    indexer, searcher = benchlib.herald_binaries(args.build)
    tcpsrv = benchlib.need_tool("xapian-tcpsrv")
    benchlib.need_tool("zstd")
    for binary, option in ((indexer, "--shards"), (searcher, "--fastcgi"), (searcher, "--cache-mb")):
        if not benchlib.herald_option_supported(binary, option):
            benchlib.die("%s --help lists no %s option: this Herald build is too old for this benchmark"
                         % (binary, option))
    queries = read_queries(args.queries)

    tmp = benchlib.make_tmpdir("herald-shards-")
    print("temporary directory: %s" % tmp, flush=True)
    children = Children()

    # SIGTERM (and SIGHUP) unwind like Ctrl-C, so the finally below runs.
    # First every process below this one gets SIGTERM: an indexer runs under
    # benchlib.run_measured's wrapper, which subprocess would kill alone,
    # leaving the indexer running on its own.
    def terminate(signum, frame):
        stop_descendants()
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        print("\nstopped by signal %d" % signum, file=sys.stderr)
        sys.exit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, terminate)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, terminate)
    try:
        # Copies of the two binaries, so a rebuild of --build during the run
        # (it takes several minutes on the full corpus) changes nothing.
        bin_dir = os.path.join(tmp, "bin")
        os.makedirs(bin_dir)
        copies = [shutil.copy2(path, bin_dir) for path in (indexer, searcher)]
        print("binaries: copies of %s and %s (modified %s) in %s"
              % (indexer, searcher, time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(searcher))),
                 bin_dir), flush=True)
        return run(args, *copies, tcpsrv, queries, tmp, children, n_cores)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        children.stop_all()
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def descendants(root):
    """Process ids of every living descendant of `root` (from /proc)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            found.append(pid)
            todo.append(pid)
    return found


def stop_descendants():
    for pid in descendants(os.getpid()):
        try:
            os.kill(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass


def label(shards):
    return "1 shard" if shards == 1 else "%d shards" % shards


def index_label(shards):
    return "unsharded" if shards == 1 else "%d shards" % shards


def build_databases(args, indexer, tmp):
    """Indexes the articles into 1, 2 and 4 shards; returns (articles,
    {shards: database directory}, {shards: figures})."""
    jsonl = os.path.join(tmp, "allsides.jsonl")
    t0 = time.perf_counter()
    lines = benchlib.decompress_allsides(jsonl, args.limit)
    benchlib.warm_cache(jsonl)
    print("prepared %d AllSides lines (%.1f MB of JSON Lines) in %.0f s"
          % (lines, os.path.getsize(jsonl) / 1e6, time.perf_counter() - t0), flush=True)

    dbs, figures = {}, {}
    for shards in SHARD_COUNTS:
        db = os.path.join(tmp, "db-%d" % shards)
        cmd = benchlib.herald_index_command(indexer, db, [jsonl], benchlib.ALLSIDES_FIELD_MAP, jobs=args.jobs)
        if shards > 1:
            cmd += ["--shards", str(shards)]
        print("indexing %s: %s" % (index_label(shards), " ".join(cmd)), flush=True)
        m = benchlib.run_measured(cmd, os.path.join(tmp, "index-%d.log" % shards))
        # Exit 1: some records were rejected (reported), the rest indexed.
        if m.returncode not in (0, 1):
            benchlib.die("herald-indexer failed (exit %d): %s\n%s" % (m.returncode, " ".join(cmd), m.stderr[-3000:]))
        if shards > 1:
            stub = os.path.join(db, "herald.stub")
            missing = [p for p in [stub] + [shard_dir(db, i) for i in range(shards)] if not os.path.exists(p)]
            if missing:
                benchlib.die("herald-indexer --shards %d did not create %s (found: %s)"
                             % (shards, ", ".join(missing), ", ".join(sorted(os.listdir(db)))))
        dbs[shards] = db
        figures[shards] = {
            "command": cmd,
            "exit": m.returncode,
            "wall_s": m.wall,
            "cpu_s": m.cpu,
            "peak_rss_mib": m.maxrss_kib / 1024.0,
            "db_mib": benchlib.dir_size(db) / 2**20,
        }
        print("  %-9s %7.1f s wall %7.1f s CPU  peak RSS %5.0f MiB  database %5.0f MiB%s"
              % (index_label(shards), m.wall, m.cpu, m.maxrss_kib / 1024.0, figures[shards]["db_mib"],
                 "" if m.returncode == 0 else "  (exit 1: some records rejected)"), flush=True)
    os.remove(jsonl)
    return lines, dbs, figures


def shard_dir(db, i):
    return os.path.join(db, "shard-%02d" % i)


def shard_dirs(db, shards):
    return [db] if shards == 1 else [shard_dir(db, i) for i in range(shards)]


def start_config(shards, mode, db, searcher, tcpsrv, tmp, children):
    """Starts the xapian-tcpsrv processes (remote) and the FastCGI searcher
    for one configuration; returns (herald-searcher port, commands, searcher log)."""
    name = "%d-%s" % (shards, mode)
    commands = []
    if mode == "local":
        db_args = ["--db", db]
        port, = free_ports(1)
    else:
        port, *shard_ports = free_ports(1 + shards)
        db_args = []
        for i, (path, shard_port) in enumerate(zip(shard_dirs(db, shards), shard_ports)):
            cmd = [tcpsrv, "--port", str(shard_port), "--interface", "127.0.0.1", "--quiet", path]
            log_path = os.path.join(tmp, "tcpsrv-%s-%d.log" % (name, i))
            proc = children.start("xapian-tcpsrv", cmd, log_path)
            wait_for_port(shard_port, proc, "xapian-tcpsrv %s" % path, log_path)
            commands.append(cmd)
            db_args += ["--db", "tcp://127.0.0.1:%d" % shard_port]
    log_path = os.path.join(tmp, "searcher-%s.log" % name)
    cmd = [searcher] + db_args + ["--fastcgi", "--listen", "127.0.0.1:%d" % port, "--threads", "1",
                                  "--cache-mb", "0"]
    proc = children.start("herald-searcher", cmd, log_path)
    wait_for_port(port, proc, "herald-searcher", log_path)
    commands.append(cmd)
    return port, commands, log_path


def run_pass(port, queries, log_path):
    """Every query once, one at a time: [(status, results list or None, seconds)]."""
    out = []
    for q in queries:
        try:
            status, _, body, _, seconds = fcgi_get(port, "/search", search_qs(q))
        except (OSError, FcgiError) as error:
            benchlib.die("FastCGI request for %r failed: %s\n--- %s ---\n%s"
                         % (q, error, os.path.basename(log_path), tail(log_path)))
        results = None
        if status == 200:
            try:
                data = json.loads(body.decode("utf-8"))
                results = data["results"] if isinstance(data, dict) else None
                if data.get("partial") or data.get("missing_shards"):
                    status = "partial"
            except (ValueError, KeyError, AttributeError):
                status = "bad JSON"
        out.append((status, results, seconds))
    return out


def check_first(port, query, shards, log_path):
    """The first request: must be a 200 JSON answer with a results list.
    Also reads /health to see how many shards the searcher opened."""
    status, headers, body, stderr, seconds = fcgi_get(port, "/search", search_qs(query))
    hint = "--- %s ---\n%s" % (os.path.basename(log_path), tail(log_path, 1500))
    if status != 200:
        benchlib.die("GET /search?%s answered %s, not 200:\n%s\n%s"
                     % (search_qs(query), status, body[:1000].decode("utf-8", "replace"), hint))
    try:
        data = json.loads(body.decode("utf-8"))
        results = data["results"]
        assert isinstance(results, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        benchlib.die("GET /search?%s: not JSON with a 'results' list (Content-Type %s):\n%s\n%s"
                     % (search_qs(query), headers.get("content-type"), body[:1000].decode("utf-8", "replace"),
                        hint))
    print("    first request: GET /search?%s -> Status %d, %s, %d results of %s, %.1f ms"
          % (search_qs(query), status, headers.get("content-type"), len(results), data.get("total"),
             seconds * 1000.0), flush=True)
    h_status, _, h_body, _, _ = fcgi_get(port, "/health", "")
    try:
        health = json.loads(h_body.decode("utf-8"))
        opened = len(health.get("shards") or [])
    except (ValueError, AttributeError):
        health, opened = None, None
    if h_status != 200 or opened != shards:
        print("    warning: /health answered %s with %s shards (expected %d): %s"
              % (h_status, opened, shards, h_body[:300].decode("utf-8", "replace")), flush=True)
    return health


def run(args, indexer, searcher, tcpsrv, queries, tmp, children, n_cores):
    articles, dbs, indexing = build_databases(args, indexer, tmp)

    reference = None  # the unsharded local answers: [results list] per query
    latency = {}
    for shards in SHARD_COUNTS:
        for mode in MODES:
            config = "%d-%s" % (shards, mode)
            print("%s %s:" % (label(shards), mode), flush=True)
            port, commands, log_path = start_config(shards, mode, dbs[shards], searcher, tcpsrv, tmp, children)
            for cmd in commands:
                print("    " + " ".join(cmd))
            health = check_first(port, queries[0], shards, log_path)
            warm = run_pass(port, queries, log_path)
            if not any(results for status, results, _ in warm if status == 200):
                benchlib.die("no query of %s found anything (%s)" % (args.queries, config))
            if reference is None:
                reference = [results for _, results, _ in warm]
            mismatched, score_diff = [], 0.0
            shards_seen = sorted({str(h.get("shard")) for _, results, _ in warm for h in (results or [])})
            for q, (status, results, _), ref in zip(queries, warm, reference):
                if results is None or ref is None:
                    continue  # an error answer: counted below
                if ranking_key(results) != ranking_key(ref):
                    mismatched.append(q)
                score_diff = max(score_diff, max_score_diff(results, ref))
            samples, errors = [], {}
            per_query = {q: [] for q in queries}
            for pass_no in range(args.passes):
                for q, (status, _, seconds) in zip(queries, run_pass(port, queries, log_path)):
                    samples.append(seconds * 1000.0)
                    per_query[q].append(seconds * 1000.0)
                    if status != 200:
                        errors[q] = status
            for q, (status, _, _) in zip(queries, warm):
                if status != 200:
                    errors.setdefault(q, status)
            children.stop_all()
            latency[config] = {
                "shards": shards,
                "mode": mode,
                "commands": commands,
                "requests": len(samples),
                "median_ms": benchlib.median(samples),
                "p90_ms": benchlib.percentile(samples, 90),
                "mean_ms": sum(samples) / len(samples),
                "min_ms": min(samples),
                "max_ms": max(samples),
                "errors": len(errors),
                "error_queries": errors,
                "empty": sum(1 for status, results, _ in warm if status == 200 and not results),
                "ranking_mismatches": len(mismatched),
                "mismatched_queries": mismatched,
                "max_score_diff": score_diff,
                "result_shards": shards_seen,
                "per_query_median_ms": {q: benchlib.median(v) for q, v in per_query.items()},
                "health": health,
            }
            r = latency[config]
            print("    %d requests: median %.2f ms, p90 %.2f ms, errors %d, ranking mismatches %d%s"
                  % (r["requests"], r["median_ms"], r["p90_ms"], r["errors"], r["ranking_mismatches"],
                     ("  (%s)" % ", ".join(repr(q) for q in mismatched[:5])) if mismatched else ""), flush=True)
            print("    results came from %d shard(s): %s" % (len(shards_seen), ", ".join(shards_seen)), flush=True)
            slowest = sorted(r["per_query_median_ms"].items(), key=lambda item: -item[1])[:3]
            print("    slowest queries (median ms): %s" % ", ".join("%r %.1f" % item for item in slowest), flush=True)
    base = latency["1-local"]
    for r in latency.values():
        r["median_ratio"] = r["median_ms"] / base["median_ms"] if base["median_ms"] else None
        r["p90_ratio"] = r["p90_ms"] / base["p90_ms"] if base["p90_ms"] else None
    for shards, f in indexing.items():
        one = indexing[1]
        f["ratios_over_unsharded"] = {key: (f[key] / one[key] if one[key] else None)
                                      for key in ("wall_s", "cpu_s", "peak_rss_mib", "db_mib")}

    report(args, articles, len(queries), n_cores, indexing, latency)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"articles": articles, "queries": len(queries), "cores": n_cores, "jobs": args.jobs,
                       "passes": args.passes, "hits": HITS,
                       "indexing": {index_label(s): v for s, v in indexing.items()},
                       "latency": latency}, f, indent=2)
    return 0


def report(args, articles, n_queries, n_cores, indexing, latency):
    print()
    print("=== Indexing %d AllSides lines, herald-indexer --jobs %d, %d cores ===" % (articles, args.jobs, n_cores))
    print("%-10s %9s %9s %10s %9s   %-8s %-8s %-8s %-8s" % ("", "wall s", "CPU s", "peak MiB", "db MiB",
                                                          "wall", "CPU", "RSS", "size"))
    for shards, f in indexing.items():
        ratios = f["ratios_over_unsharded"]
        print("%-10s %9.1f %9.1f %10.0f %9.0f   %-8s %-8s %-8s %-8s"
              % (index_label(shards), f["wall_s"], f["cpu_s"], f["peak_rss_mib"], f["db_mib"],
                 *["%.3f" % ratios[k] for k in ("wall_s", "cpu_s", "peak_rss_mib", "db_mib")]))
    print("(the last four columns: ratio to the unsharded run, sharded/unsharded)")
    print()
    print("=== Query latency, %d queries x %d timed passes after 1 warm-up pass, one request at a time, "
          "herald-searcher --fastcgi --threads 1 --cache-mb 0, limit %d ===" % (n_queries, args.passes, HITS))
    print("%-18s %10s %10s %12s %12s %8s %11s" % ("config", "median ms", "p90 ms", "median ratio", "p90 ratio",
                                                   "errors", "mismatches"))
    for r in latency.values():
        print("%-18s %10.2f %10.2f %12.3f %12.3f %8d %11d"
              % ("%s %s" % (label(r["shards"]), r["mode"]), r["median_ms"], r["p90_ms"], r["median_ratio"],
                 r["p90_ratio"], r["errors"], r["ranking_mismatches"]))
    print("(ratio: to 1 shard local; mismatches: queries whose top %d differs from the unsharded database's, "
          "ids compared within equal-score groups, the last group ignored; errors: non-200 or partial answers)"
          % HITS)
    diff = max(r["max_score_diff"] for r in latency.values())
    print("largest score difference of a hit against the unsharded database: %.3g" % diff)


if __name__ == "__main__":
    sys.exit(main())
