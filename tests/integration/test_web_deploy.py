"""The shipped deployment on loopback: `herald-searcher --fastcgi` on a Unix socket,
as deploy/herald-searcher.service.in runs it, behind deploy/nginx-herald.conf
as shipped (only its addresses moved to the test's). The socket admits its
owner and group only; the public server refuses /metrics, which its own
loopback listener serves; /export and /feed answer 429 past their rate and
connection limits, per client address (each test asks from its own 127.x
address, so the limits' counts do not mix)."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

from herald_cli import BIN, CORPUS, SEED_ID, index, main, write_jsonl
from web_servers import (SHIPPED_SITE, SHIPPED_UNIT, Nginx, Searcher, ServedTestCase, free_port, shipped_site,
                         wait_until)

NOBODY = 65534
SYSCALL_LINE = re.compile(r"^\d+\s+(?:<\.\.\. )?([a-z0-9_]+)[( ]")
BULK_ARTICLES = 8
BULK_BODY_BYTES = 1 << 20  # so an export outgrows the socket buffers of a client that does not read


def bulk_articles():
    """Articles with long bodies: their export holds its connection open
    until the client reads it."""
    return [{"id": f"bulk/{n}", "title": f"Bulk export {n}", "date": "2020-01-01", "source": "Bulk Desk",
             "body": "bulkexport text. " + "." * BULK_BODY_BYTES} for n in range(BULK_ARTICLES)]


def get(port, path, source="127.0.0.1", method="GET"):
    """(status, body) of one request to nginx, sent from loopback address `source`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        connection.request(method, path)
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


def connects_as(path, uid, groups):
    """Whether a process of user `uid` in `groups` may connect to the Unix socket at `path`."""
    probe = ("import os, socket, sys\n"
             f"os.setgroups({list(groups)}); os.setgid({NOBODY}); os.setuid({uid})\n"
             "s = socket.socket(socket.AF_UNIX)\n"
             "try:\n    s.connect(sys.argv[1])\nexcept PermissionError:\n    sys.exit(13)\n")
    return subprocess.run([sys.executable, "-c", probe, path], timeout=30).returncode == 0


class ShippedDeploymentTest(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-deploy-")
        os.chmod(cls.tmp, 0o755)  # the socket's own mode decides who connects, not its folder
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, CORPUS, write_jsonl(os.path.join(cls.tmp, "bulk.jsonl"), bulk_articles()))
        cls.metrics_port = free_port()
        cls.serve(lambda: Searcher(cls.tmp, "deployed", cls.db, listen="unix"),
                  lambda searcher: Nginx(cls.tmp, {}, site=shipped_site(searcher.address, cls.metrics_port)))

    def get(self, path, source="127.0.0.1", method="GET"):
        return get(self.nginx.port, path, source, method)

    def nginx_errors(self):
        with open(os.path.join(self.nginx.prefix, "error.log")) as f:
            return f.read()

    def test_the_unit_and_the_site_name_the_same_socket(self):
        with open(SHIPPED_UNIT) as f:
            unit = f.read()
        with open(SHIPPED_SITE) as f:
            site = f.read()
        listen = re.search(r"^ExecStart=\S+/herald-searcher .*--listen (\S+)", unit, re.MULTILINE).group(1)
        self.assertEqual(listen, "/run/herald/searcher.sock")
        self.assertIn(f"server unix:{listen};", site)
        self.assertIn("RuntimeDirectory=herald\n", unit)
        self.assertIn("RuntimeDirectoryMode=0750\n", unit)
        self.assertIn("Group=herald\n", unit)

    def test_search_and_the_page_are_served(self):
        status, body = self.get("/search?" + urllib.parse.urlencode({"q": "gas hub Turkey"}))
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["results"][0]["id"], SEED_ID)
        status, body = self.get("/")
        self.assertEqual(status, 200)
        self.assertIn(b"Herald", body)
        self.assertEqual(self.get("/search?q=gas", method="POST")[0], 403)  # limit_except

    def test_the_socket_admits_its_owner_and_group_only(self):
        mode = os.stat(self.searcher.address)
        self.assertTrue(stat.S_ISSOCK(mode.st_mode))
        self.assertEqual(stat.S_IMODE(mode.st_mode), 0o660)
        self.assertEqual((mode.st_uid, mode.st_gid), (os.geteuid(), os.getegid()))
        if os.geteuid() != 0:
            self.skipTest("connecting as other users needs root")
        self.assertTrue(connects_as(self.searcher.address, NOBODY, [mode.st_gid]), "a member of the group")
        self.assertFalse(connects_as(self.searcher.address, NOBODY, []), "another user")

    def test_metrics_are_refused_publicly_and_served_on_their_loopback_port(self):
        for source in ("127.0.0.1", "127.0.0.9"):
            with self.subTest(source=source):
                self.assertEqual(self.get("/metrics", source)[0], 403)
        status, body = get(self.metrics_port, "/metrics")
        self.assertEqual(status, 200)
        self.assertIn(b"herald_http_requests_total", body)
        self.assertEqual(get(self.metrics_port, "/search?q=gas")[0], 404)  # that port serves nothing else

    def test_exports_past_the_rate_limit_are_429(self):
        path = "/export?q=Turkey&format=csv"
        statuses = [self.get(path, "127.0.0.2")[0] for _ in range(10)]
        # 1 + burst 5 at once, then one every 6 s.
        self.assertEqual(statuses[:6], [200] * 6, statuses)
        self.assertIn(429, statuses)
        self.assertRegex(self.nginx_errors(),
                         r'limiting requests, excess: [\d.]+ by zone "herald_export_rate", client: 127\.0\.0\.2,')
        self.assertEqual(self.get(path, "127.0.0.3")[0], 200, "another address has its own count")

    def test_feeds_past_the_rate_limit_are_429(self):
        statuses = [self.get("/feed?q=minister", "127.0.0.4")[0] for _ in range(30)]
        # 1 + burst 10 at once, then one a second.
        self.assertEqual(statuses[:11], [200] * 11, statuses)
        self.assertIn(429, statuses)
        self.assertRegex(self.nginx_errors(),
                         r'limiting requests, excess: [\d.]+ by zone "herald_feed_rate", client: 127\.0\.0\.4,')

    def test_downloads_past_the_connection_limit_are_429(self):
        source = "127.0.0.5"
        held = []
        try:
            for _ in range(2):  # exports in progress: their client does not read them
                client = socket.socket()
                client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                client.bind((source, 0))
                client.connect(("127.0.0.1", self.nginx.port))
                client.sendall(b"GET /export?q=bulkexport&format=csv HTTP/1.1\r\nHost: herald\r\n\r\n")
                self.assertTrue(client.recv(12).startswith(b"HTTP/1.1 200"))
                held.append(client)
            self.assertEqual(self.get("/export?q=bulkexport&format=jsonl", source)[0], 429)
            self.assertEqual(self.get("/feed?q=minister", source)[0], 429)  # one budget for both
            self.assertIn('limiting connections by zone "herald_downloads", client: 127.0.0.5', self.nginx_errors())
            self.assertEqual(self.get("/feed?q=minister", "127.0.0.6")[0], 200, "another address")
            self.assertEqual(self.get("/search?q=minister", source)[0], 200, "searches are not limited")
        finally:
            for client in held:
                client.close()
        # Closed downloads free their places.
        wait_until(lambda: self.get("/feed?q=minister", source)[0] == 200, timeout=10, what="the places to free")


def syscall_groups():
    """systemd's system call groups (`systemd-analyze syscall-filter`), nested groups left as "@name"."""
    listing = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True, check=True,
                             timeout=60).stdout
    groups, current = {}, None
    for line in listing.splitlines():
        if line.startswith("@"):
            current = groups.setdefault(line.strip(), set())
        elif not line.startswith(" "):
            current = None  # a blank line, or the trailing notes on unlisted calls
        elif current is not None and not line.strip().startswith("#"):
            current.add(line.strip())
    return groups


def expand(names, groups):
    calls = set()
    for name in names:
        calls |= expand(groups[name], groups) if name.startswith("@") else {name}
    return calls


def unit_filter(unit_text):
    """The calls the unit's SystemCallFilter= lines allow, as systemd reads
    them in order: allow lists add, ~deny lists take away (from every known
    call when a deny list comes first), an empty value resets."""
    groups = syscall_groups()
    every_call = expand(groups, groups)
    allowed = None
    for line in unit_text.splitlines():
        if not line.startswith("SystemCallFilter="):
            continue
        value = line.split("=", 1)[1].strip()
        if not value:
            allowed = None
        elif value.startswith("~"):
            allowed = (every_call if allowed is None else allowed) - expand(value[1:].split(), groups)
        else:
            allowed = (allowed or set()) | expand(value.split(), groups)
    return every_call if allowed is None else allowed


def unit_options(unit_text):
    """The searcher's options in the unit's ExecStart= (continuation lines
    joined), less those the test sets itself (database, socket, log)."""
    command = re.search(r"^ExecStart=(.*?)(?<!\\)$", unit_text.replace("\\\n", " "), re.MULTILINE).group(1)
    words, options = command.split()[1:], []
    while words:
        word = words.pop(0)
        if word in ("--db", "--listen", "--access-log"):
            words.pop(0)
        elif word != "--fastcgi":
            options.append(word)
    return options


@unittest.skipIf(shutil.which("strace") is None or shutil.which("systemd-analyze") is None,
                 "needs strace and systemd-analyze (scripts/install-deps.sh installs them)")
@unittest.skipIf(any(marker in open(os.path.join(BIN, "herald-searcher"), "rb").read()
                     for marker in (b"__asan_init", b"__tsan_init")),
                 "sanitizer runtimes make system calls of their own (and LeakSanitizer refuses ptrace)")
class ShippedUnitSystemCallsTest(ServedTestCase):
    """The shipped unit's SystemCallFilter= would not refuse the searcher a
    call it makes: the searcher serves every kind of request under strace,
    and each call it made is in the filter's allow list. (systemd itself
    cannot run here; the calls a refusal would hit are what matter.)"""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-syscalls-")
        cls.db = os.path.join(cls.tmp, "db")
        cls.trace = os.path.join(cls.tmp, "trace")
        index(cls.db, CORPUS)
        with open(SHIPPED_UNIT) as unit:
            cls.unit = unit.read()
        cls.serve(lambda: Searcher(cls.tmp, "traced", cls.db, *unit_options(cls.unit), listen="unix", threads=None,
                                   wrapper=["strace", "-f", "-qq", "-o", cls.trace]))

    def test_every_call_is_allowed_by_the_unit(self):
        for path in ("/search?q=gas+hub+Turkey&facets=source&timeline=month", "/?q=gas+hub", "/search?q=zzyzx",
                     "/export?q=gas&format=csv", "/export?q=gas&format=jsonl", "/feed?q=gas", "/metrics",
                     "/health", "/search?q=gas&top_terms=5&compare=hub"):
            status, _ = get(self.nginx.port, path)
            self.assertLess(status, 500, path)
        self.searcher.signal(signal.SIGHUP)  # reopens the access log
        self.assertEqual(get(self.nginx.port, "/search?q=hub")[0], 200)
        self.assertEqual(self.searcher.stop(), 0, self.searcher.stderr())
        allowed = unit_filter(self.unit)
        self.assertIn("--time-limit", unit_options(self.unit))  # the unit's own options were run
        with open(self.trace) as trace:
            made = {match.group(1) for match in map(SYSCALL_LINE.match, trace) if match}
        self.assertTrue(made & {"accept", "accept4"}, made)  # the trace holds the serving
        self.assertEqual(sorted(made - allowed), [])


if __name__ == "__main__":
    main()
