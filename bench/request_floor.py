#!/usr/bin/env python3
"""Uncached search time against bare Xapian's floor, on one Herald database.

Herald: `herald-searcher --fastcgi --threads 1 --cache-mb 0`, sent each query of
bench/web_queries.txt straight over FastCGI (no nginx), one at a time; the
time is the server's own, from its access log (request parsed to response
written: parse, match, ten hits decoded with snippets, JSON).
Floor: `xapian_floor` (bench/xapian_floor.cpp, built with the project) on the
same database: Xapian's QueryParser with English stemming, BM25 top 10 and
the ten documents' data read, as quest does it, in one process.

Both run --passes passes over the queries after one warm-up pass; the report
gives p50 and p99 over every timed request and their ratios Herald/floor.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

import benchlib
from fcgi_client import FcgiError, fcgi_get
from web_load import Children, free_ports, read_queries, tail, wait_for_port

QUERIES_FILE = os.path.join(benchlib.BENCH_DIR, "web_queries.txt")
ACCESS_TIME = re.compile(r" (\d+\.\d+)ms")


def floor_binary(build):
    """xapian_floor of a Herald build (built with the project into bench/)."""
    floor = os.path.join(build, "bench", "xapian_floor")
    if not os.access(floor, os.X_OK):
        benchlib.die("%s not found: build the project first" % floor)
    return floor


def herald_times(searcher, db, queries, passes, tmp, extra=None):
    """Server times (ms) of every timed request; `extra`: more request parameters."""
    children = Children()
    access_log = os.path.join(tmp, "access.log")
    log_path = os.path.join(tmp, "searcher.log")
    (port,) = free_ports(1)
    cmd = [searcher, "--db", db, "--fastcgi", "--listen", "127.0.0.1:%d" % port, "--threads", "1",
           "--cache-mb", "0", "--access-log", access_log]
    try:
        proc = children.start("herald-searcher", cmd, log_path)
        wait_for_port(port, proc, "herald-searcher", log_path)
        for run in range(passes + 1):
            if run == 1:
                open(access_log, "w").close()  # the warm-up pass is not counted
            for query in queries:
                try:
                    parameters = dict({"q": query, "limit": 10}, **(extra or {}))
                    status, _, _, _, _ = fcgi_get(port, "/search", urllib.parse.urlencode(parameters))
                except (OSError, FcgiError) as error:
                    benchlib.die("request %r failed: %s\n%s" % (query, error, tail(log_path)))
                if status != 200:
                    benchlib.die("request %r answered %d" % (query, status))
    finally:
        children.stop_all()
    with open(access_log, encoding="utf-8") as f:
        return [float(m.group(1)) for m in map(ACCESS_TIME.search, f) if m]


def floor_times(floor, db, queries, passes, tmp):
    """xapian_floor's times (ms) of every timed search."""
    query_file = os.path.join(tmp, "queries.txt")
    with open(query_file, "w", encoding="utf-8") as f:
        f.write("\n".join(queries) + "\n")
    out = subprocess.run([floor, db, query_file, str(passes + 1)], capture_output=True, text=True, check=True).stdout
    times = [float(line.split()[1]) for line in out.splitlines()]
    return times[len(queries):]  # the first pass warms up


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a Herald database (e.g. AllSides, or bench/scale.py's)")
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD, help="Herald build directory (default: %(default)s)")
    parser.add_argument("--passes", type=int, default=5, help="timed passes over the queries (default: %(default)s)")
    parser.add_argument("--keep-tmp", action="store_true")
    args = parser.parse_args()
    _, searcher = benchlib.herald_binaries(args.build)
    floor = floor_binary(args.build)
    queries = read_queries(QUERIES_FILE)
    tmp = benchlib.make_tmpdir("herald-floor-")
    try:
        herald = herald_times(searcher, args.db, queries, args.passes, tmp)
        bare = floor_times(floor, args.db, queries, args.passes, tmp)
    finally:
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("=== uncached search, %d queries x %d passes, one at a time, %s ===" % (len(queries), args.passes, args.db))
    print("%-8s %10s %10s %8s" % ("", "Herald ms", "floor ms", "ratio"))
    for name, p in (("p50", 50), ("p90", 90), ("p99", 99)):
        h, f = benchlib.percentile(herald, p), benchlib.percentile(bare, p)
        print("%-8s %10.3f %10.3f %8.2f" % (name, h, f, h / f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
