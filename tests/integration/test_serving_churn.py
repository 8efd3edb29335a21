"""Serving under churn (issue 18): a bounded soak on loopback. wrk loads the
endpoint through nginx while, cycle after cycle,

- `herald-indexer compact` rewrites the served database and the copy is swapped in
  for it (renameat2 RENAME_EXCHANGE, as the indexer's bulk path swaps);
- a batch job indexes new articles into it in several commits, and a probe
  checks that each commit's articles become findable (never part of one);
- the xapian-tcpsrv serving a second shard is killed (SIGKILL, with its
  forked connection handlers) and restarted on the same port.

Two searchers sit behind nginx: `/local/` serves the database alone (with
its result cache), `/mixed/` serves it together with the remote shard (no
cache, no --allow-partial). Every answer must be 2xx, except 503 from
`/mixed/` while the shard is down (checked against nginx's log, line by
line). Each searcher's resident memory, measured with wrk paused, may grow
by at most 10% from the end of the warm-up (the first three cycles, by which
the local searcher's result cache is full) to the end.

The figures (requests, statuses, visibility delays, RSS) are printed as
`soak:` lines. HERALD_SOAK_CYCLES sets the number of cycles (default 6; 3 under sanitizers) for
a longer run by hand, HERALD_SOAK_KEEP=1 keeps the temporary folder (logs).
Under sanitizers (HERALD_SANITIZED=1) the RSS bound is reported, not
checked: their allocators inflate and hold memory."""
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

from herald_cli import BIN, SKIP, index, run, synthetic_articles, write_jsonl
from web_servers import Nginx, Searcher, can_connect, free_port, http, wait_until

WRK = shutil.which("wrk")
TCPSRV = shutil.which("xapian-tcpsrv")
SANITIZED = os.environ.get("HERALD_SANITIZED") == "1"
# Sanitizer builds run several times slower: fewer cycles and articles, less load.
CYCLES = int(os.environ.get("HERALD_SOAK_CYCLES", "3" if SANITIZED else "6"))
WARMUP_CYCLES = 3
CONNECTIONS = 2 if SANITIZED else 4
BASE_ARTICLES = 1000 if SANITIZED else 2000  # served locally
SHARD_ARTICLES = 600  # behind xapian-tcpsrv
JOB_ARTICLES = 192  # each cycle's batch job ...
COMMIT_EVERY = 64  # ... commits every 64 records (the direct path's unit of work): 3 commits
SHARD_DOWN_SECONDS = 3
RSS_GROWTH = 1.10
# Generous bounds: the machine may be slow and busy (sanitizers, other jobs).
VISIBLE_WITHIN = 30  # seconds from the job's exit to every article found
RECOVER_WITHIN = 30  # seconds from the shard's restart to a 2xx from /mixed/
GRACE = 3  # seconds a 503 may be logged after the shard is back
# nginx's $msec is the time its event loop last read the clock, in ms: a 503
# from a request in flight when the shard is killed may be stamped slightly
# before the test noted the kill.
LOG_CLOCK_SLACK = 0.25
DEADLINE = 240  # for the whole churn; ctest's TIMEOUT is above it

QUERIES = ["election", "senate budget", '"border pipeline"', "treaty AND court", "minister NOT summit",
           "title:reform", "gas hub turkey", "inflation OR strike", "electon", "climate vaccine union",
           "police justice housing", "ceasefire"]
OPTIONS = ["", "&limit=5", "&offset=10", "&sort=-date", "&facets=source,year", "&timeline=year",
           "&source=Daily+Ledger", "&from=2015&to=2018", "&collapse=false", "&top_terms=5"]
LUA = r"""
-- Written by test_serving_churn.py: random requests from PATHS, statuses counted per thread.
PATHS = {%(paths)s}
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(7919 * (id + 1))
  statuses = {}
  failures = {}
end

function request()
  return wrk.format("GET", PATHS[math.random(#PATHS)])
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  -- 503s other than a shard refusing connections (the shard-down window) are kept too.
  if status >= 500 and (status ~= 503 or not string.find(body, "is unavailable", 1, true)) and #failures < 5 then
    table.insert(failures, key .. " " .. string.sub(body, 1, 300))
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do table.insert(parts, string.format("%%q:%%d", status, count)) end
  for _, thread in ipairs(threads) do
    for _, failure in ipairs(thread:get("failures")) do io.write("WRK-FAILURE ", failure, "\n") end
  end
  local e = summary.errors
  io.write(string.format('WRK-RESULT {"statuses": {%%s}, "requests": %%d, "duration_us": %%d, ' ..
                         '"errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}, ' ..
                         '"latency_ms": {"p50": %%.1f, "p99": %%.1f, "max": %%.1f}}\n',
                         table.concat(parts, ", "), summary.requests, summary.duration,
                         e.connect, e.read, e.write, e.status, e.timeout,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def wrk_paths(tokens):
    """The requests wrk picks from: mostly /search on both searchers (the
    tokens of articles still to come included), some pages, feeds and health."""
    paths = []
    for n, q in enumerate(QUERIES + tokens):
        for m, option in enumerate(OPTIONS):
            route = "/mixed" if (n + m) % 3 == 0 else "/local"
            paths.append(f"{route}/search?q={urllib.parse.quote_plus(q)}{option}")
    for q in QUERIES[:4] + tokens[:2]:
        paths.append("/local/?q=" + urllib.parse.quote_plus(q))
        paths.append("/mixed/feed?q=" + urllib.parse.quote_plus(q))
    paths += ["/local/health", "/mixed/health"]
    return paths


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmRSS for process {pid}")


def exchange(first, second):
    """Swaps two directories' names in one step (renameat2 RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(-100, os.fsencode(first), -100, os.fsencode(second), 2) != 0:  # AT_FDCWD, RENAME_EXCHANGE
        error = ctypes.get_errno()
        raise OSError(error, f"renameat2 RENAME_EXCHANGE {first} {second}: {os.strerror(error)}")


class ShardServer:
    """xapian-tcpsrv in a process group of its own, so a kill takes its
    forked connection handlers too (as a crash of the host would)."""

    def __init__(self, db):
        self.db, self.port = db, free_port()
        self.label = f"tcp://127.0.0.1:{self.port}"
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen([TCPSRV, "--port", str(self.port), "--interface", "127.0.0.1", "--quiet", self.db],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: self.proc.poll() is not None or can_connect(("127.0.0.1", self.port)), timeout=30,
                   what=f"xapian-tcpsrv on {self.port}")
        if self.proc.poll() is not None:
            raise AssertionError(f"xapian-tcpsrv exited {self.proc.returncode}")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


class ServingChurnTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-churn-")
        cls.servers, cls.shard, cls.nginx = [], None, None
        try:
            cls.start_servers()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def start_servers(cls):
        cls.live = os.path.join(cls.tmp, "live")
        base = write_jsonl(os.path.join(cls.tmp, "base.jsonl"),
                           synthetic_articles(BASE_ARTICLES, seed=11, duplicate_every=50, id_prefix="base"))
        index(cls.live, "--jobs", "2", base)
        shard_db = os.path.join(cls.tmp, "shard")
        index(shard_db, "--jobs", "2",
              write_jsonl(os.path.join(cls.tmp, "shard.jsonl"), synthetic_articles(SHARD_ARTICLES, seed=12,
                                                                                   id_prefix="remote")))
        cls.shard = ShardServer(shard_db)
        # A small result cache, so it is full (and evicting) by the end of the warm-up.
        limit = ("--max-limit", str(JOB_ARTICLES))  # a probe reads one job's articles in one page
        cls.local = Searcher(cls.tmp, "local", cls.live, *limit, "--cache-mb", "1")
        cls.servers.append(cls.local)
        cls.mixed = Searcher(cls.tmp, "mixed", cls.live, "--db", cls.shard.label, *limit,
                             # A down shard refuses connections at once; a busy one may be slow.
                             "--timeout", "30000")
        cls.servers.append(cls.mixed)
        cls.nginx_log = os.path.join(cls.tmp, "nginx-access.log")
        upstreams = {"/local/": cls.local.upstream, "/mixed/": cls.mixed.upstream}

        def site(port):
            locations = "".join(f"""
    location {prefix} {{
      rewrite ^{prefix.rstrip('/')}(/.*)$ $1 break;
      include fastcgi_params;
      fastcgi_pass {upstream};
    }}""" for prefix, upstream in upstreams.items())
            return f"""log_format churn '$msec $status "$request_uri" "$http_user_agent"';
  server {{
    listen 127.0.0.1:{port};
    access_log {cls.nginx_log} churn;
    {locations}
  }}"""
        cls.nginx = Nginx(cls.tmp, {}, site=site)

    @classmethod
    def tearDownClass(cls):
        if cls.nginx:
            cls.nginx.stop()
        for server in cls.servers:
            server.stop()
        if cls.shard:
            cls.shard.kill()
        if os.environ.get("HERALD_SOAK_KEEP"):
            print(f"soak: kept {cls.tmp}")
        else:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def get(self, path):
        return http(self.nginx.url(path), timeout=60)

    def found(self, route, token):
        """The ids a route finds for a token (facets make the total exact)."""
        reply = self.get(f"{route}/search?q={token}&limit={JOB_ARTICLES}&facets=source&collapse=false")
        self.assertEqual(reply.status, 200, f"{route} {token}: {reply.body[:300]!r}")
        answer = json.loads(reply.body)
        self.assertEqual(answer["total"], len(answer["results"]), answer["total"])
        return {hit["id"] for hit in answer["results"]}

    # --- the churn --------------------------------------------------------------

    def compact_and_swap(self):
        copy = self.live + ".compact"
        run("herald-indexer", "compact", "--db", self.live, copy, check=0)
        self.events.append((time.time(), "swap"))
        exchange(copy, self.live)
        shutil.rmtree(copy)  # the old database, possibly still open in a worker
        self.events.append((time.time(), "swapped"))

    def batch_job(self, cycle, token):
        """Indexes JOB_ARTICLES articles holding `token` in commits of
        COMMIT_EVERY while probing; the delay from the job's exit to all of
        them found on both routes."""
        articles = synthetic_articles(JOB_ARTICLES, seed=100 + cycle, id_prefix=f"new{cycle}-")
        for article in articles:
            article["title"] = f"{token} {article['title']}"
            article["body"] += f" {token}."
        feed = write_jsonl(os.path.join(self.tmp, f"job{cycle}.jsonl"), articles)
        expected = {article["id"] for article in articles}
        self.events.append((time.time(), f"job {cycle}"))
        job = subprocess.Popen([os.path.join(BIN, "herald-indexer"), "--db", self.live, "--jobs", "2", "--batch-size",
                                str(COMMIT_EVERY), feed], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = set()
        try:
            while job.poll() is None:
                found = self.found("/local", token)
                self.assertLessEqual(found, expected)
                seen.add(len(found))
                time.sleep(0.05)
        finally:
            if job.poll() is None:
                job.kill()
            out, err = job.communicate()
        self.assertEqual(job.returncode, 0, err[-2000:])
        finished = time.monotonic()
        self.events.append((time.time(), f"job {cycle} done"))
        wait_until(lambda: self.found("/local", token) == expected, timeout=VISIBLE_WITHIN,
                   what=f"cycle {cycle}'s articles on /local/")
        visible = time.monotonic() - finished
        self.assertEqual(self.found("/mixed", token), expected)
        # A reader sees whole commits only.
        self.assertTrue(all(count % COMMIT_EVERY == 0 for count in seen), sorted(seen))
        return visible, sorted(seen)

    def shard_restart(self):
        """Kills and restarts the shard; the window in which /mixed/ may say 503."""
        down_at = time.time()
        self.shard.kill()
        # The documented answer while a shard is down (without --allow-partial).
        wait_until(lambda: self.get("/mixed/search?q=election").status == 503, timeout=RECOVER_WITHIN,
                   what="/mixed/ to answer 503 with its shard down")
        reply = self.get("/mixed/search?q=election")
        self.assertEqual(reply.status, 503)
        self.assertIn("unavailable", json.loads(reply.body)["error"])
        self.assertEqual(self.get("/local/search?q=election").status, 200)
        time.sleep(SHARD_DOWN_SECONDS)
        self.shard.start()
        restarted = time.monotonic()
        wait_until(lambda: self.get("/mixed/search?q=election").status == 200, timeout=RECOVER_WITHIN,
                   what="/mixed/ to answer 2xx after the shard's restart")
        recovered = time.monotonic() - restarted
        return (down_at, time.time()), recovered

    def test_serving_under_churn(self):
        tokens = [f"churnword{cycle:02d}" for cycle in range(CYCLES)]
        self.events = []
        script = os.path.join(self.tmp, "churn.lua")
        with open(script, "w") as f:
            f.write(LUA % {"paths": ", ".join(json.dumps(p) for p in wrk_paths(tokens))})
        self.assertEqual(self.get("/mixed/search?q=election").status, 200)
        started = time.time()
        load = subprocess.Popen([WRK, "--threads", "2", "--connections", str(CONNECTIONS),
                                 "--duration", f"{DEADLINE + 60}s", "--timeout", "60s", "--script", script,
                                 self.nginx.url("/")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        windows, visible, recovered, rss = [], [], [], []
        try:
            for cycle, token in enumerate(tokens):
                self.assertLess(time.time() - started, DEADLINE, f"the churn took over {DEADLINE}s")
                self.compact_and_swap()
                delay, seen = self.batch_job(cycle, token)
                visible.append(delay)
                window, recovery = self.shard_restart()
                windows.append(window)
                recovered.append(recovery)
                time.sleep(1)  # a second of plain load
                rss.append(self.quiet_rss(load))
                print(f"soak: cycle {cycle}: commits seen {seen}, all visible {delay:.2f}s after the job, "
                      f"shard back {recovery:.2f}s after its restart, RSS KiB local/mixed {rss[-1]}", flush=True)
                self.assertEqual(self.local.proc.poll(), None, self.local.stderr()[-2000:])
                self.assertEqual(self.mixed.proc.poll(), None, self.mixed.stderr()[-2000:])
            # Everything committed is still there, through both searchers.
            for token in tokens:
                self.assertEqual(len(self.found("/local", token)), JOB_ARTICLES, token)
            health = json.loads(self.get("/local/health").body)
            self.assertEqual(health["status"], "ok")
        finally:
            stopped = time.time()
            if load.poll() is None:
                load.send_signal(signal.SIGINT)  # wrk stops and reports
            try:
                out, err = load.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                load.kill()
                out, err = load.communicate()
        self.assertEqual(load.returncode, 0, err)
        results = [line for line in out.splitlines() if line.startswith("WRK-RESULT ")]
        self.assertTrue(results, out + err)
        result = json.loads(results[-1][len("WRK-RESULT "):])
        result["failures"] = [line[len("WRK-FAILURE "):] for line in out.splitlines()
                              if line.startswith("WRK-FAILURE ")]
        self.check_statuses(result, windows, stopped)
        self.report(result, stopped - started, visible, recovered, rss)
        if SANITIZED:
            print("soak: RSS bound not checked under sanitizers (their allocators inflate and hold memory)")
        else:
            for n, name in enumerate(("local", "mixed")):
                before, after = rss[min(WARMUP_CYCLES, len(rss)) - 1][n], rss[-1][n]
                self.assertLessEqual(after, before * RSS_GROWTH,
                                     f"the {name} searcher grew from {before} KiB after warm-up to {after} KiB")

    def check_statuses(self, result, windows, stopped):
        """wrk's own counts, then nginx's log line by line: 2xx, or 503 from
        /mixed/ inside a shard-down window."""
        self.assertEqual({k: v for k, v in result["errors"].items() if k != "status"},
                         {"connect": 0, "read": 0, "write": 0, "timeout": 0}, result)
        self.assertTrue(result["requests"] > 0, result)
        wrong = []
        with open(self.nginx_log) as f:
            for line in f:
                moment, status, uri = line.split(" ", 2)
                moment, uri = float(moment), uri.split('"')[1]
                if status.startswith("2"):
                    continue
                if status == "499" and moment >= stopped:  # wrk hung up on requests in flight at its stop
                    continue
                if status == "503" and uri.startswith("/mixed/") and \
                        any(down - LOG_CLOCK_SLACK <= moment <= up + GRACE for down, up in windows):
                    continue
                wrong.append(line.strip() + " " + self.last_event(moment))
        self.assertEqual(wrong[:20], [], f"{len(wrong)} answers outside 2xx / 503 while the shard was down; "
                                         f"bodies {result['failures']}")
        unexpected = {s: n for s, n in result["statuses"].items() if not s.startswith("2") and s != "503"}
        self.assertEqual(unexpected, {}, result)
        self.assertEqual(result["errors"]["status"], result["statuses"].get("503", 0), result)

    def quiet_rss(self, load):
        """The searchers' VmRSS with no request in flight: wrk is paused
        (SIGSTOP) until nginx has logged nothing for 1.5 s (the searcher
        hands freed memory back once a second after requests), so the figure
        is what the searchers keep between requests."""
        load.send_signal(signal.SIGSTOP)
        try:
            size, still_since, paused = -1, time.monotonic(), time.monotonic()
            while time.monotonic() - still_since < 1.5:
                self.assertLess(time.monotonic() - paused, 60, "requests still answered 60 s after pausing wrk")
                time.sleep(0.1)
                if os.path.getsize(self.nginx_log) != size:
                    size, still_since = os.path.getsize(self.nginx_log), time.monotonic()
            return [rss_kib(server.proc.pid) for server in (self.local, self.mixed)]
        finally:
            load.send_signal(signal.SIGCONT)

    def last_event(self, moment):
        before = [(t, what) for t, what in self.events if t <= moment]
        return f"({moment - before[-1][0]:.3f}s after {before[-1][1]})" if before else "(before the churn)"

    def report(self, result, seconds, visible, recovered, rss):
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(result["statuses"].items()))
        errors = sum(v for k, v in result["errors"].items() if k != "status")
        print(f"soak: {seconds:.0f}s of load, {CYCLES} cycles, {result['requests']} requests "
              f"({result['requests'] / seconds:.0f}/s), statuses {{{statuses}}}, socket errors {errors}, "
              f"latency p50 {result['latency_ms']['p50']} ms p99 {result['latency_ms']['p99']} ms "
              f"max {result['latency_ms']['max']} ms")
        print(f"soak: new articles all visible {min(visible):.2f}-{max(visible):.2f}s after their job's exit; "
              f"shard recovered {min(recovered):.2f}-{max(recovered):.2f}s after its restart")
        for n, name in enumerate(("local", "mixed")):
            before, after = rss[min(WARMUP_CYCLES, len(rss)) - 1][n], rss[-1][n]
            print(f"soak: {name} searcher RSS {before} KiB after warm-up ({WARMUP_CYCLES} cycles), {after} KiB "
                  f"at the end ({(after / before - 1) * 100:+.1f}%), by cycle {[r[n] for r in rss]}")
        sys.stdout.flush()


if __name__ == "__main__":
    missing = [name for name, path in (("wrk", WRK), ("xapian-tcpsrv", TCPSRV)) if not path]
    if missing:
        print(f"SKIPPED: {', '.join(missing)} not installed (scripts/install-deps.sh installs them)")
        sys.exit(SKIP)
    unittest.main(verbosity=2)
