#!/usr/bin/env python3
"""Web search load: Herald's FastCGI searcher vs Xapian Omega, both behind one nginx, driven by wrk.

In one temporary directory this
  1. decompresses the first --limit AllSides articles (default all 37554) and
     indexes them twice, at the same time (one core each): with Herald's
     indexer, and with scriptindex + the Herald-equivalent index script
     (bench/benchlib.py HERALD_SCRIPT), so both engines search the same
     articles;
  2. starts Herald's searcher in FastCGI mode (`herald-searcher --fastcgi --listen
     127.0.0.1:PORT --threads N`), fcgiwrap running Omega's CGI
     (/usr/lib/cgi-bin/omega/omega, with a generated omega.conf), and one
     nginx in front of both on a free loopback port: /herald/... goes to the
     searcher (prefix stripped), /omega to fcgiwrap;
  3. checks both endpoints (HTTP 200 and results for a known query), then
     runs every query of bench/web_queries.txt once through each and reports
     how many come back empty;
  4. loads each endpoint in turn with wrk (--connections, --threads) for
     --warmup seconds (not counted), then --duration seconds, cycling through
     the same query mix (bench/web_load.lua);
  5. prints requests/s, latency percentiles, errors (non-2xx responses and
     socket errors) and CPU time per request (the searcher's, nginx's, the
     whole machine's, from /proc) side by side, with the ratio Herald/Omega.

All processes it starts are stopped at the end, on errors and on Ctrl-C.
Standard library only. Run `python3 bench/web_load.py --help`.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ALLSIDES_ARTICLES = 37554
QUERIES_FILE = os.path.join(benchlib.BENCH_DIR, "web_queries.txt")
LUA_SCRIPT = os.path.join(benchlib.BENCH_DIR, "web_load.lua")
NGINX = "/usr/sbin/nginx"
FCGIWRAP = "/usr/sbin/fcgiwrap"
WRK = "/usr/bin/wrk"
OMEGA_CGI = "/usr/lib/cgi-bin/omega/omega"
OMEGA_TEMPLATES = "/usr/share/xapian-omega/templates"
OMEGA_DB_NAME = "allsides"
HITS = 10
# "herald" runs the searcher as deployed (result cache on: the query mix
# repeats, so after the first pass every answer comes from the cache);
# "herald-nocache" runs it with --cache-mb 0, so every request is a search;
# "herald-nocache-bm25" the same with ranking=bm25 (stock BM25, no proximity
# evidence), to measure what Herald's ranking costs.
ENGINES = ("herald", "herald-nocache", "herald-nocache-bm25", "omega")
DEFAULT_ENGINES = ("herald", "herald-nocache", "omega")
LABEL = {"herald": "Herald", "herald-nocache": "Herald/nocache", "herald-nocache-bm25": "Herald/nocache/bm25",
         "omega": "Omega"}


def is_herald(engine):
    return engine.startswith("herald")
RATIO_KEYS = ("requests_per_s", "p50_ms", "p90_ms", "p99_ms", "machine_cpu_ms_per_request")


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# ---------------------------------------------------------------------------
# Child processes: each in its own process group (session), stopped as a
# group, so fcgiwrap's children and the CGI processes they run go too.
# ---------------------------------------------------------------------------
class Children:
    def __init__(self):
        self.procs = []  # (name, Popen, log file object)

    def start(self, name, cmd, log_path, env=None):
        log = open(log_path, "wb")
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    env=env, start_new_session=True)
        except OSError as error:
            log.close()
            benchlib.die("cannot start %s (%s): %s" % (name, cmd[0], error))
        self.procs.append((name, proc, log))
        return proc

    def stop(self, proc, grace=5.0):
        for name, p, log in list(self.procs):
            if p is proc:
                _stop_group(p, grace)
                log.close()
                self.procs.remove((name, p, log))

    def stop_all(self):
        # Front first (nginx), then the back ends, in reverse start order.
        for name, proc, log in reversed(self.procs):
            _stop_group(proc, 5.0)
            log.close()
        self.procs = []


def _stop_group(proc, grace):
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    # Whatever is left of the group (CGI children, a stuck process).
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass


def group_cpu_seconds(pgid):
    """CPU seconds (user + system) used so far by the processes of a process
    group, including their reaped children (so the CGI processes fcgiwrap's
    workers have waited for count)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # fields[0] is field 3 (state) of proc(5): pgrp is 5, utime..cstime 14-17.
        if int(fields[2]) == pgid:
            total += sum(int(v) for v in fields[11:15])
    return total / tick


def machine_cpu_seconds():
    """(busy, total) CPU seconds of the whole machine so far, all cores
    (/proc/stat; idle and iowait are not busy)."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:9]]
    idle = values[3] + values[4]
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / tick, sum(values) / tick


def tail(path, chars=3000):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()[-chars:]
    except OSError:
        return ""


def free_ports(n):
    """n distinct free TCP ports on 127.0.0.1 (bound at once, then released)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def wait_for_port(port, proc, name, log_path, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            benchlib.die("%s exited (status %s) before listening on port %d:\n%s"
                         % (name, proc.returncode, port, tail(log_path)))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return
        except OSError:
            time.sleep(0.1)
    benchlib.die("%s did not listen on 127.0.0.1:%d within %.0f s:\n%s" % (name, port, timeout, tail(log_path)))


# ---------------------------------------------------------------------------
# Configuration files.
# ---------------------------------------------------------------------------
# The standard CGI/FastCGI parameters (Debian's /etc/nginx/fastcgi_params,
# written out so the benchmark does not depend on /etc/nginx and sets every
# one exactly once). SCRIPT_NAME and PATH_INFO are set per location.
FASTCGI_PARAMS = """\
            fastcgi_param QUERY_STRING $query_string;
            fastcgi_param REQUEST_METHOD $request_method;
            fastcgi_param CONTENT_TYPE $content_type;
            fastcgi_param CONTENT_LENGTH $content_length;
            fastcgi_param REQUEST_URI $request_uri;
            fastcgi_param DOCUMENT_URI $document_uri;
            fastcgi_param DOCUMENT_ROOT $document_root;
            fastcgi_param SERVER_PROTOCOL $server_protocol;
            fastcgi_param REQUEST_SCHEME $scheme;
            fastcgi_param GATEWAY_INTERFACE CGI/1.1;
            fastcgi_param SERVER_SOFTWARE nginx/$nginx_version;
            fastcgi_param REMOTE_ADDR $remote_addr;
            fastcgi_param REMOTE_PORT $remote_port;
            fastcgi_param SERVER_ADDR $server_addr;
            fastcgi_param SERVER_PORT $server_port;
            fastcgi_param SERVER_NAME $server_name;
            fastcgi_param HTTP_HOST $host;
"""


def write_nginx_conf(tmp, port, herald_ports, omega_port, omega_conf, workers):
    temp = os.path.join(tmp, "nginx-temp")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        os.makedirs(os.path.join(temp, sub), exist_ok=True)
    herald = ""
    for engine, herald_port in herald_ports.items():
        # The searcher sees /search?... : DOCUMENT_URI and PATH_INFO are the
        # rewritten path, SCRIPT_NAME is the prefix nginx removed, and
        # REQUEST_URI stays what the client sent (/herald/search?...).
        herald += """
        location /%(engine)s/ {
            rewrite ^/%(engine)s(/.*)$ $1 break;
            fastcgi_pass 127.0.0.1:%(port)d;
%(params)s            fastcgi_param SCRIPT_NAME /%(engine)s;
            fastcgi_param PATH_INFO $uri;
        }
""" % {"engine": engine, "port": herald_port, "params": FASTCGI_PARAMS}
    omega = ""
    if omega_port:
        omega = """
        location = /omega {
            fastcgi_pass 127.0.0.1:%d;
%s            fastcgi_param SCRIPT_NAME /omega;
            fastcgi_param SCRIPT_FILENAME %s;
            fastcgi_param PATH_INFO "";
            fastcgi_param OMEGA_CONFIG_FILE %s;
        }
""" % (omega_port, FASTCGI_PARAMS, OMEGA_CGI, omega_conf)
    conf = """\
# Generated by bench/web_load.py
%(user)sworker_processes %(workers)d;
pid %(tmp)s/nginx.pid;
error_log %(tmp)s/nginx-error.log warn;

events {
    worker_connections 1024;
}

http {
    default_type application/octet-stream;
    access_log %(tmp)s/nginx-access.log combined buffer=64k flush=1s;
    client_body_temp_path %(temp)s/body;
    proxy_temp_path %(temp)s/proxy;
    fastcgi_temp_path %(temp)s/fastcgi;
    uwsgi_temp_path %(temp)s/uwsgi;
    scgi_temp_path %(temp)s/scgi;
    keepalive_timeout 65;
    keepalive_requests 1000000;

    server {
        listen 127.0.0.1:%(port)d;
        server_name localhost;
%(herald)s%(omega)s
        location / {
            return 404;
        }
    }
}
""" % {"user": "user root;\n" if os.geteuid() == 0 else "", "workers": workers, "tmp": tmp, "temp": temp,
       "port": port, "herald": herald, "omega": omega}
    path = os.path.join(tmp, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf)
    return path


def write_omega_conf(tmp, db_parent):
    log_dir = os.path.join(tmp, "omega-log")
    cdb_dir = os.path.join(tmp, "omega-cdb")
    os.makedirs(log_dir, exist_ok=True)
    os.makedirs(cdb_dir, exist_ok=True)
    path = os.path.join(tmp, "omega.conf")
    with open(path, "w") as f:
        f.write("# Generated by bench/web_load.py\n"
                "database_dir %s\ntemplate_dir %s\nlog_dir %s\ncdb_dir %s\n"
                % (db_parent, OMEGA_TEMPLATES, log_dir, cdb_dir))
    return path


# ---------------------------------------------------------------------------
# Queries and requests.
# ---------------------------------------------------------------------------
def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                queries.append(line)
    if not queries:
        benchlib.die("no queries in %s" % path)
    return queries


def request_path(engine, query, defaultop):
    if is_herald(engine):
        params = {"q": query, "limit": HITS}
        if engine.endswith("-bm25"):
            params["ranking"] = "bm25"
        return "/%s/search?" % engine + urllib.parse.urlencode(params)
    params = {"DB": OMEGA_DB_NAME, "P": query}
    if defaultop:
        params["DEFAULTOP"] = defaultop
    return "/omega?" + urllib.parse.urlencode(params)


def fetch(port, path, timeout=30.0):
    """(status, body bytes) of GET http://127.0.0.1:port/path."""
    url = "http://127.0.0.1:%d%s" % (port, path)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError) as error:
        return None, str(error).encode()


OMEGA_HIT_RE = re.compile(rb"<input type=checkbox name=R value=\d+")
OMEGA_ERROR_RE = re.compile(rb"(couldn't|could not|Exception|Error)[^<]*", re.I)


def hits_of(engine, body):
    """(hits on the page, total matches or None) from a response body;
    raises ValueError when the body is not what the engine should send."""
    if is_herald(engine):
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            raise ValueError("no 'results' list in the JSON")
        return len(data["results"]), data.get("total")
    if not body.lstrip().lower().startswith(b"<!doctype html"):
        raise ValueError("not an HTML page")
    hits = len(OMEGA_HIT_RE.findall(body))
    m = re.search(rb"of (?:about|exactly) ([\d,]+) matches|All ([\d,]+) matches", body)
    total = int((m.group(1) or m.group(2)).replace(b",", b"")) if m else (0 if hits == 0 else None)
    if hits == 0 and b"No documents match your query" not in body:
        m = OMEGA_ERROR_RE.search(body)
        raise ValueError("no hits and no 'No documents match' message%s"
                         % (": " + m.group(0).decode("utf-8", "replace") if m else ""))
    return hits, total


def verify(engine, port, known_query, defaultop, log_hint):
    """One request for a query that must match; dies with a clear message
    unless it answers 200 with results."""
    if is_herald(engine):
        status, body = fetch(port, "/%s/health" % engine)
        if status != 200:
            benchlib.die("%s: GET /%s/health via nginx answered %s, not 200:\n%s\n%s"
                         % (LABEL[engine], engine, status, body[:500].decode("utf-8", "replace"), log_hint()))
    path = request_path(engine, known_query, defaultop)
    status, body = fetch(port, path)
    if status != 200:
        benchlib.die("%s: GET %s answered %s, not 200:\n%s\n%s"
                     % (LABEL[engine], path, status, body[:1000].decode("utf-8", "replace"), log_hint()))
    try:
        hits, total = hits_of(engine, body)
    except ValueError as error:
        benchlib.die("%s: GET %s: unexpected answer (%s):\n%s\n%s"
                     % (LABEL[engine], path, error, body[:1000].decode("utf-8", "replace"), log_hint()))
    if hits == 0:
        benchlib.die("%s: GET %s found nothing for a query that must match:\n%s\n%s"
                     % (LABEL[engine], path, body[:1000].decode("utf-8", "replace"), log_hint()))
    print("  %-6s GET %s -> 200, %d hits of %s, %d bytes"
          % (LABEL[engine], path, hits, total, len(body)), flush=True)


def check_mix(engine, port, queries, defaultop):
    """Every query once: counts of non-200 answers, empty result pages and
    the mean response size."""
    bad, empty, size = [], [], 0
    for q in queries:
        status, body = fetch(port, request_path(engine, q, defaultop))
        size += len(body)
        if status != 200:
            bad.append((q, status))
            continue
        try:
            hits, _ = hits_of(engine, body)
        except ValueError:
            bad.append((q, "bad body"))
            continue
        if hits == 0:
            empty.append(q)
    return {"non_200": bad, "empty": empty, "mean_bytes": size / len(queries)}


# ---------------------------------------------------------------------------
# wrk.
# ---------------------------------------------------------------------------
def run_wrk(port, paths_file, seconds, args, log_path, cpu_groups=None):
    """Runs wrk; returns its WRK_RESULT figures, plus "cpu_s": {name: CPU
    seconds the process group used during the run} for `cpu_groups`
    ({name: pgid})."""
    cpu_groups = cpu_groups or {}
    cpu_before = {name: group_cpu_seconds(pgid) for name, pgid in cpu_groups.items()}
    machine_before = machine_cpu_seconds()
    cmd = [WRK, "--threads", str(args.threads), "--connections", str(args.connections),
           "--duration", "%ds" % seconds, "--timeout", "%ds" % args.timeout, "--latency",
           "--script", LUA_SCRIPT, "http://127.0.0.1:%d" % port, "--", paths_file]
    with open(log_path, "wb") as log:
        proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 60)
    cpu = {name: group_cpu_seconds(pgid) - cpu_before[name] for name, pgid in cpu_groups.items()}
    machine_after = machine_cpu_seconds()
    cpu["machine_busy"] = machine_after[0] - machine_before[0]
    cpu["machine_total"] = machine_after[1] - machine_before[1]
    output = tail(log_path, 100000)
    if proc.returncode != 0:
        benchlib.die("wrk failed (exit %d): %s\n%s" % (proc.returncode, " ".join(cmd), output[-3000:]))
    for line in output.splitlines():
        if line.startswith("WRK_RESULT "):
            result = json.loads(line[len("WRK_RESULT "):])
            result["command"] = " ".join(cmd)
            result["cpu_s"] = cpu
            if result["duration_us"] < 0.9 * seconds * 1e6:
                benchlib.die("wrk stopped after %.1f of %d s (interrupted?)" % (result["duration_us"] / 1e6, seconds))
            return result
    benchlib.die("no WRK_RESULT line in wrk's output (%s):\n%s" % (" ".join(cmd), output[-3000:]))


def figures_of(engine, r):
    seconds = r["duration_us"] / 1e6

    def per_request(cpu_seconds):
        return 1000.0 * cpu_seconds / r["requests"] if r["requests"] else 0.0

    socket_errors = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
    figures = {
        "requests": r["requests"],
        "seconds": seconds,
        "requests_per_s": r["requests"] / seconds if seconds else 0.0,
        "p50_ms": r["p50_us"] / 1000.0,
        "p90_ms": r["p90_us"] / 1000.0,
        "p99_ms": r["p99_us"] / 1000.0,
        "mean_ms": r["latency_mean_us"] / 1000.0,
        "max_ms": r["latency_max_us"] / 1000.0,
        "non2xx": r["non2xx"],
        "socket_errors": socket_errors,
        "errors": r["non2xx"] + socket_errors,
        "mb_per_s": r["bytes"] / 1e6 / seconds if seconds else 0.0,
        "server_cpu_ms_per_request": per_request(r["cpu_s"]["server"]),
        "nginx_cpu_ms_per_request": per_request(r["cpu_s"]["nginx"]),
        "machine_cpu_ms_per_request": per_request(r["cpu_s"]["machine_busy"]),
        "machine_busy_percent": (100.0 * r["cpu_s"]["machine_busy"] / r["cpu_s"]["machine_total"]
                                 if r["cpu_s"]["machine_total"] else 0.0),
        "wrk": r,
    }
    if engine == "omega":
        # fcgiwrap ignores SIGCHLD, so the kernel reaps the omega processes it
        # starts and their CPU time is added to no process's account.
        figures["server_cpu_ms_per_request"] = None
    return figures


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
    parser.add_argument("--duration", type=int, default=20, metavar="S",
                        help="seconds of measured load per engine (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=3, metavar="S",
                        help="seconds of load per engine before measuring, not counted (default: %(default)s)")
    parser.add_argument("--connections", type=int, default=8, metavar="C",
                        help="wrk connections kept open (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=2, metavar="T", help="wrk threads (default: %(default)s)")
    parser.add_argument("--timeout", type=int, default=5, metavar="S",
                        help="wrk's request timeout; slower answers count as errors (default: %(default)s)")
    parser.add_argument("--searcher-threads", type=int, default=n_cores, metavar="N",
                        help="Herald herald-searcher --threads (default: cores = %(default)s)")
    parser.add_argument("--fcgiwrap-children", type=int, default=n_cores, metavar="N",
                        help="fcgiwrap -c: Omega CGI processes at once (default: cores = %(default)s)")
    parser.add_argument("--nginx-workers", type=int, default=n_cores, metavar="N",
                        help="nginx worker_processes (default: cores = %(default)s)")
    parser.add_argument("--omega-defaultop", choices=("or", "and", "omega"), default="or",
                        help="DEFAULTOP sent to Omega: 'or' (default) matches Herald's default operator; "
                             "'and' is Omega's own default, as is 'omega' (no DEFAULTOP parameter sent)")
    parser.add_argument("--engines", default=",".join(DEFAULT_ENGINES),
                        help="comma-separated engines to load: herald (result cache on), herald-nocache "
                             "(--cache-mb 0), herald-nocache-bm25 (the same with ranking=bm25), omega "
                             "(default: %(default)s)")
    parser.add_argument("--queries", default=QUERIES_FILE, metavar="FILE",
                        help="query mix, one query a line (default: bench/web_queries.txt)")
    parser.add_argument("--herald-db", metavar="DIR",
                        help="serve this Herald database of the same AllSides articles instead of indexing one "
                             "(for repeated runs; kept as it is)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--keep-tmp", action="store_true",
                        help="keep the temporary directory (databases, configs, logs)")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    for name in ("duration", "connections", "threads", "timeout", "searcher_threads", "fcgiwrap_children",
                 "nginx_workers"):
        if getattr(args, name) < 1:
            parser.error("--%s must be at least 1" % name.replace("_", "-"))
    if args.warmup < 0:
        parser.error("--warmup must not be negative")
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads (wrk gives each thread a share)")
    engines = [e.strip().lower() for e in args.engines.split(",") if e.strip()]
    if not engines or any(e not in ENGINES for e in engines):
        parser.error("--engines takes a comma-separated list of: " + ", ".join(ENGINES))
    engines = [e for e in ENGINES if e in engines]
    args.defaultop = None if args.omega_defaultop == "omega" else args.omega_defaultop

    for tool in (NGINX, WRK) + ((FCGIWRAP, OMEGA_CGI) if "omega" in engines else ()):
        if not os.access(tool, os.X_OK):
            benchlib.die("%s not found (Debian packages: nginx-light, wrk, fcgiwrap, xapian-omega)" % tool)
    benchlib.need_tool("zstd")
    indexer = searcher = None
    if any(is_herald(e) for e in engines):
        indexer, searcher = benchlib.herald_binaries(args.build)
        if not benchlib.herald_option_supported(searcher, "--fastcgi"):
            benchlib.die("%s --help lists no --fastcgi option: this Herald build cannot serve FastCGI. "
                         "Build a searcher with FastCGI mode, or load Omega alone with --engines omega"
                         % searcher)
    if "omega" in engines:
        benchlib.need_tool("scriptindex")
        if not os.path.isdir(OMEGA_TEMPLATES):
            benchlib.die("Omega templates not found in %s" % OMEGA_TEMPLATES)
    queries = read_queries(args.queries)

    tmp = benchlib.make_tmpdir("herald-webload-")
    print("temporary directory: %s" % tmp, flush=True)
    children = Children()
    # SIGTERM (and SIGHUP) unwind like Ctrl-C, so the finally below runs.
    def terminate(signum, frame):
        print("\nstopped by signal %d" % signum, file=sys.stderr)
        sys.exit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, terminate)
    try:
        return run(args, engines, indexer, searcher, queries, tmp, children, n_cores)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        children.stop_all()
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def build_databases(args, engines, indexer, tmp, children):
    """Both databases at once (one core each); returns (articles, known
    query, Herald db, Omega database_dir)."""
    jsonl = os.path.join(tmp, "allsides.jsonl")
    t0 = time.perf_counter()
    benchlib.decompress_allsides(jsonl, args.limit)
    known = None
    articles = 0
    dump = os.path.join(tmp, "allsides.dump")

    def tee():
        nonlocal known, articles
        for article in benchlib.read_jsonl(jsonl, benchlib.ALLSIDES_FIELD_MAP):
            if known is None and len(article["title"].split()) >= 3:
                # A query that must match: the first indexable title's words.
                known = " ".join(re.findall(r"[A-Za-z]{3,}", article["title"])[:4])
            articles += 1
            yield article

    if "omega" in engines:
        benchlib.write_dump(tee(), dump)
    else:
        for _ in tee():
            pass
    if not known:
        benchlib.die("no article with a usable title in the first %s articles" % args.limit)
    print("prepared %d articles in %.0f s" % (articles, time.perf_counter() - t0), flush=True)

    herald_db = args.herald_db or os.path.join(tmp, "herald.db")
    omega_dbs = os.path.join(tmp, "omega-dbs")
    jobs = {}
    if any(is_herald(e) for e in engines) and not args.herald_db:
        jobs["Herald indexer"] = benchlib.herald_index_command(indexer, herald_db, [jsonl],
                                                               benchlib.ALLSIDES_FIELD_MAP, jobs=1)
    if "omega" in engines:
        os.makedirs(omega_dbs)
        script = benchlib.write_script(os.path.join(tmp, "herald-equivalent.script"))
        jobs["scriptindex"] = benchlib.scriptindex_command(os.path.join(omega_dbs, OMEGA_DB_NAME), script, [dump])
    print("indexing with %s ..." % (" and ".join(jobs) + (" at once" if len(jobs) > 1 else "")), flush=True)
    running = {}
    for name, cmd in jobs.items():
        log_path = os.path.join(tmp, name.replace(" ", "-") + ".log")
        running[name] = (children.start(name, cmd, log_path), log_path, time.perf_counter())
    pending = dict(running)
    while pending:
        for name, (proc, log_path, start) in list(pending.items()):
            if proc.poll() is None:
                continue
            del pending[name]
            # Herald's indexer exits 1 when it rejected some records (and indexed the rest).
            ok = proc.returncode == 0 or (name.startswith("Herald") and proc.returncode == 1)
            if not ok:
                benchlib.die("%s failed (exit %d): %s\n%s"
                             % (name, proc.returncode, " ".join(jobs[name]), tail(log_path)))
            print("  %-15s %6.1f s%s" % (name, time.perf_counter() - start,
                                         "" if proc.returncode == 0 else " (exit 1: some records rejected)"),
                  flush=True)
            children.stop(proc)
        time.sleep(0.2)
    for path in (jsonl, dump):
        if os.path.exists(path):
            os.remove(path)
    return articles, known, herald_db, omega_dbs


def run(args, engines, indexer, searcher, queries, tmp, children, n_cores):
    articles, known, herald_db, omega_dbs = build_databases(args, engines, indexer, tmp, children)

    nginx_port, omega_port, *ports = free_ports(2 + len(engines))
    logs = {"omega": os.path.join(tmp, "fcgiwrap.log"), "nginx": os.path.join(tmp, "nginx-error.log")}
    commands = {}
    pgids = {}  # each server is the leader of its own process group
    herald_ports = {}
    for engine in [e for e in engines if is_herald(e)]:
        herald_ports[engine] = port = ports.pop()
        logs[engine] = os.path.join(tmp, "%s.log" % engine)
        commands[engine] = [searcher, "--db", herald_db, "--fastcgi", "--listen", "127.0.0.1:%d" % port,
                            "--threads", str(args.searcher_threads), "--access-log", os.path.join(tmp, "%s.access.log" % engine)]
        if engine.startswith("herald-nocache"):
            commands[engine] += ["--cache-mb", "0"]
        proc = children.start(engine, commands[engine], logs[engine])
        wait_for_port(port, proc, LABEL[engine], logs[engine])
        pgids[engine] = proc.pid
    omega_conf = None
    if "omega" in engines:
        omega_conf = write_omega_conf(tmp, omega_dbs)
        commands["omega"] = [FCGIWRAP, "-c", str(args.fcgiwrap_children), "-s", "tcp:127.0.0.1:%d" % omega_port,
                             "-p", OMEGA_CGI]
        proc = children.start("fcgiwrap", commands["omega"], logs["omega"])
        wait_for_port(omega_port, proc, "fcgiwrap", logs["omega"])
        pgids["omega"] = proc.pid
    else:
        omega_port = None
    conf = write_nginx_conf(tmp, nginx_port, herald_ports, omega_port, omega_conf, args.nginx_workers)
    nginx_cmd = [NGINX, "-p", tmp, "-e", logs["nginx"], "-c", conf]
    test = subprocess.run(nginx_cmd + ["-t"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if test.returncode != 0:
        benchlib.die("nginx rejects the generated %s:\n%s" % (conf, test.stdout.decode("utf-8", "replace")))
    proc = children.start("nginx", nginx_cmd + ["-g", "daemon off;"], os.path.join(tmp, "nginx.out"))
    wait_for_port(nginx_port, proc, "nginx", logs["nginx"])
    pgids["nginx"] = proc.pid
    for engine in engines:
        print("%-14s %s" % (LABEL[engine], " ".join(commands[engine])))
    print("nginx  %s -g 'daemon off;'  (http://127.0.0.1:%d)" % (" ".join(nginx_cmd), nginx_port), flush=True)

    def hint(engine):
        return lambda: "--- %s ---\n%s\n--- nginx error log ---\n%s" % (
            os.path.basename(logs[engine]), tail(logs[engine], 1500), tail(logs["nginx"], 1500))

    print("checking the endpoints with the known query %r:" % known, flush=True)
    for engine in engines:
        verify(engine, nginx_port, known, args.defaultop, hint(engine))

    print("running the %d queries of %s once through each engine ..." % (len(queries), args.queries), flush=True)
    checks = {}
    for engine in engines:
        checks[engine] = check_mix(engine, nginx_port, queries, args.defaultop)
        c = checks[engine]
        print("  %-6s non-200: %d, empty result pages: %d, mean response %.1f KB%s" % (
            LABEL[engine], len(c["non_200"]), len(c["empty"]), c["mean_bytes"] / 1000.0,
            ("  (empty: %s)" % ", ".join(repr(q) for q in c["empty"][:8])) if c["empty"] else ""), flush=True)
        for q, status in c["non_200"][:5]:
            print("    non-200: %r -> %s" % (q, status))

    results = {}
    for engine in engines:
        paths_file = os.path.join(tmp, "%s.paths" % engine)
        with open(paths_file, "w") as f:
            for q in queries:
                f.write(request_path(engine, q, args.defaultop) + "\n")
        if args.warmup:
            print("%-6s warm-up %d s ..." % (LABEL[engine], args.warmup), flush=True)
            run_wrk(nginx_port, paths_file, args.warmup, args, os.path.join(tmp, "wrk-%s-warmup.log" % engine))
        print("%-6s load %d s (%d connections, %d wrk threads) ..."
              % (LABEL[engine], args.duration, args.connections, args.threads), flush=True)
        raw = run_wrk(nginx_port, paths_file, args.duration, args, os.path.join(tmp, "wrk-%s.log" % engine),
                      {"server": pgids[engine], "nginx": pgids["nginx"]})
        results[engine] = figures_of(engine, raw)
        r = results[engine]
        print("       %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d, machine CPU busy %.0f%%"
              % (r["requests"], r["requests_per_s"], r["p50_ms"], r["p99_ms"], r["errors"],
                 r["machine_busy_percent"]), flush=True)

    report(args, engines, results, articles, len(queries), n_cores)
    if args.json:
        out = {
            "articles": articles,
            "queries": len(queries),
            "cores": n_cores,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "searcher_threads": args.searcher_threads if any(is_herald(e) for e in engines) else None,
            "fcgiwrap_children": args.fcgiwrap_children if "omega" in engines else None,
            "nginx_workers": args.nginx_workers,
            "omega_defaultop": args.defaultop,
            "commands": commands,
            "query_check": {e: {"non_200": len(c["non_200"]), "empty": len(c["empty"]),
                                "mean_bytes": c["mean_bytes"]} for e, c in checks.items()},
            "results": results,
        }
        if "omega" in engines:
            out["ratios_over_omega"] = {
                engine: {key: (results[engine][key] / results["omega"][key]) if results["omega"][key] else None
                         for key in RATIO_KEYS}
                for engine in engines if is_herald(engine)}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2)
    return 0


def report(args, engines, results, articles, n_queries, n_cores):
    print()
    print("=== Web search load, %d AllSides articles, %d queries cycled, %ds per engine after %ds warm-up, "
          "%d connections, %d wrk threads, %d cores ==="
          % (articles, n_queries, args.duration, args.warmup, args.connections, args.threads, n_cores))
    rows = [("requests/s", "requests_per_s", "%.0f"), ("p50 latency (ms)", "p50_ms", "%.2f"),
            ("p90 latency (ms)", "p90_ms", "%.2f"), ("p99 latency (ms)", "p99_ms", "%.2f"),
            ("server CPU ms/req", "server_cpu_ms_per_request", "%.2f"),
            ("nginx CPU ms/req", "nginx_cpu_ms_per_request", "%.2f"),
            ("machine CPU ms/req", "machine_cpu_ms_per_request", "%.2f"),
            ("machine CPU busy %", "machine_busy_percent", "%.0f"),
            ("errors", "errors", "%d"), ("  non-2xx", "non2xx", "%d"), ("  socket errors", "socket_errors", "%d"),
            ("requests", "requests", "%d")]
    header = "%-20s" % ""
    for engine in engines:
        header += " %14s" % LABEL[engine]
    compared = [e for e in engines if is_herald(e)] if "omega" in engines else []
    for engine in compared:
        header += " %22s" % (LABEL[engine] + " / Omega")
    print(header)
    for label, key, fmt in rows:
        line = "%-20s" % label
        for engine in engines:
            value = results[engine][key]
            line += " %14s" % ("n/a" if value is None else fmt % value)
        for engine in compared:
            base = results["omega"][key]
            ratio = results[engine][key] / base if key in RATIO_KEYS and base else None
            line += " %22s" % ("%.2f" % ratio if ratio is not None else "")
        print(line)
    both = bool(compared)
    if both:
        print("(ratio > 1 for requests/s: Herald serves more; < 1 for latency and CPU: Herald answers faster, "
              "costs less)")
    print("server CPU: the searcher's process (Omega's CGI processes are reaped uncounted: n/a); machine CPU: "
          "all cores, everything running (wrk, nginx, the server, any other load) / requests.")
    notes = []
    if "herald" in engines:
        notes.append("Herald: GET /search?q=...&limit=%d, JSON with snippets, result cache on (the default)" % HITS)
    if "herald-nocache" in engines:
        notes.append("Herald/nocache: the same with --cache-mb 0 (every request searches)")
    if "omega" in engines:
        notes.append("Omega: CGI via fcgiwrap, default 'query' HTML template, %d hits, DEFAULTOP=%s"
                     % (HITS, args.defaultop or "unset (Omega's default: and)"))
    print("; ".join(notes) + ".")


if __name__ == "__main__":
    sys.exit(main())
