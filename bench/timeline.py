#!/usr/bin/env python3
"""What a timeline costs: `timeline=month` against the same plain search.

One `herald-searcher --fastcgi --threads 1 --cache-mb 0` on a Herald database
(AllSides), sent straight over FastCGI (no nginx). Each query of
bench/web_queries.txt whose match set holds between --min and --max
articles (about 10,000 by default; the issue's yardstick) is asked plainly
(`q`, ten hits) and with `timeline=month`, the two interleaved, for
--passes passes after a warm-up pass. Times are the server's own, from its
access log. The report gives each query's median times and ratio, and the
median of the ratios: the issue asks for at most 2x.
"""
import argparse
import json
import os
import re
import shutil
import sys
import urllib.parse

import benchlib
from fcgi_client import FcgiError, fcgi_get
from web_load import Children, free_ports, read_queries, tail, wait_for_port

QUERIES_FILE = os.path.join(benchlib.BENCH_DIR, "web_queries.txt")
ACCESS_TIME = re.compile(r" (\d+\.\d+)ms")


def ask(port, parameters, log_path):
    try:
        status, _, body, _, _ = fcgi_get(port, "/search", urllib.parse.urlencode(parameters))
    except (OSError, FcgiError) as error:
        benchlib.die("request %r failed: %s\n%s" % (parameters, error, tail(log_path)))
    if status != 200:
        benchlib.die("request %r answered %d: %s" % (parameters, status, body[:300]))
    return json.loads(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a Herald database (e.g. AllSides)")
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD, help="Herald build directory (default: %(default)s)")
    parser.add_argument("--passes", type=int, default=15, help="timed passes (default: %(default)s)")
    parser.add_argument("--min", type=int, default=5000, help="fewest matches of a query kept (default: %(default)s)")
    parser.add_argument("--max", type=int, default=20000, help="most matches of a query kept (default: %(default)s)")
    parser.add_argument("--interval", default="month", help="timeline interval (default: %(default)s)")
    args = parser.parse_args()
    _, searcher = benchlib.herald_binaries(args.build)
    tmp = benchlib.make_tmpdir("herald-timeline-")
    children = Children()
    access_log = os.path.join(tmp, "access.log")
    log_path = os.path.join(tmp, "searcher.log")
    (port,) = free_ports(1)
    try:
        proc = children.start("herald-searcher", [searcher, "--db", args.db, "--fastcgi", "--listen", "127.0.0.1:%d" % port,
                                           "--threads", "1", "--cache-mb", "0", "--access-log", access_log], log_path)
        wait_for_port(port, proc, "herald-searcher", log_path)
        chosen = []
        for query in read_queries(QUERIES_FILE):
            total = ask(port, {"q": query, "limit": 0, "timeline": "year"}, log_path)["total"]
            if args.min <= total <= args.max:
                chosen.append((query, total))
        if not chosen:
            benchlib.die("no query of %s has %d..%d matches" % (QUERIES_FILE, args.min, args.max))
        plain = [{"q": q, "limit": 10} for q, _ in chosen]
        timed = [dict(p, timeline=args.interval) for p in plain]
        order = []  # (query, kind) of each timed request, as the access log lists them
        for run in range(args.passes + 1):
            if run == 1:
                open(access_log, "w").close()  # the warm-up pass is not counted
            for (query, _), a, b in zip(chosen, plain, timed):
                pair = [("plain", a), ("timeline", b)]
                for kind, parameters in pair if run % 2 else reversed(pair):  # alternate which goes first
                    ask(port, parameters, log_path)
                    if run > 0:
                        order.append((query, kind))
    finally:
        children.stop_all()
    with open(access_log, encoding="utf-8") as f:
        lines = [line for line in f if ACCESS_TIME.search(line)]
    if len(lines) != len(order):
        benchlib.die("the access log holds %d requests, not %d" % (len(lines), len(order)))
    times = {}
    for key, line in zip(order, lines):
        times.setdefault(key, []).append(float(ACCESS_TIME.search(line).group(1)))
    shutil.rmtree(tmp, ignore_errors=True)
    print("=== timeline=%s against the plain search, %d queries x %d passes, %s ===" %
          (args.interval, len(chosen), args.passes, args.db))
    print("%-36s %8s %10s %12s %7s" % ("query", "matches", "plain ms", "timeline ms", "ratio"))
    ratios = []
    for query, total in chosen:
        p = benchlib.median(times.get((query, "plain"), [0]))
        t = benchlib.median(times.get((query, "timeline"), [0]))
        ratios.append(t / p if p else float("nan"))
        print("%-36s %8d %10.3f %12.3f %7.2f" % (query[:36], total, p, t, ratios[-1]))
    print("median ratio %.2f (goal: at most 2)" % benchlib.median(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
