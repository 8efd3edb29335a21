"""Hostile queries are bounded (issue 18): spoken to in FastCGI directly, with nothing in
front to filter the bytes, `herald-searcher --fastcgi` answers each named hostile case (3,000-term OR
lists, deep brackets, long NEAR chains and phrases, wildcards, --like on a multi-megabyte
article, every facet at once, the deepest page) with 2xx or a 400 whose message names the
limit, within a generous wall-clock bound; then a few thousand seeded random requests built
from query syntax, control bytes, NULs, invalid UTF-8 and odd Unicode, with random, repeated,
huge and negative parameters, odd paths and methods. Every answer must be 2xx or 4xx, the
server must stay up and its memory bounded. A few of the cases also go through `searcher
--json`, whose exit codes docs/operations.md documents.

HERALD_HOSTILE_SEED picks the random requests' seed (printed either way), HERALD_HOSTILE_REQUESTS
their number (default 6000)."""
import json
import os
import random
import shutil
import socket
import struct
import tempfile
import time
import unittest

from herald_cli import BIN, CORPUS, SEED_ID, index, main, run, synthetic_articles, write_jsonl
from web_servers import Searcher

# Sanitizer builds run several times slower and hold far more memory (shadow, quarantine).
SANITIZED = b"__asan_init" in open(os.path.join(BIN, "herald-searcher"), "rb").read()
SECONDS_PER_REQUEST = 30.0 if SANITIZED else 10.0
MEMORY_CAP_MIB = 3072 if SANITIZED else 512
RANDOM_REQUESTS = int(os.environ.get("HERALD_HOSTILE_REQUESTS", "6000"))
RANDOM_BUDGET_SECONDS = 75.0  # the random part stops early rather than run past ~2 minutes
TIME_LIMIT_MS = 2000  # the server's --time-limit
MAX_QUERY_BYTES = 8192  # the server's --max-query-bytes: above the searcher's own 4096, so its limits show
HUGE_ID = "huge-article"
HUGE_WORDS = 600_000  # ~4.6 MB of body, 60,000 distinct words

# --- a minimal FastCGI client (https://fastcgi-archives.github.io/FastCGI_Specification.html) ---
FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7
FCGI_HEADER = struct.Struct("!BBHHBx")  # version, type, request id, content length, padding length


def fcgi_record(rtype, content=b""):
    padding = -len(content) % 8
    return FCGI_HEADER.pack(1, rtype, 1, len(content), padding) + content + b"\0" * padding


def fcgi_length(n):
    return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)


def fcgi_params(params):
    body = b"".join(fcgi_length(len(n)) + fcgi_length(len(v)) + n + v for n, v in params)
    records = b"".join(fcgi_record(FCGI_PARAMS, body[i:i + 65528]) for i in range(0, len(body), 65528))
    return records + fcgi_record(FCGI_PARAMS)


def fcgi_request(address, path, query_string=b"", method=b"GET", timeout=120.0):
    """One request on its own connection. Returns (status, content type, body bytes, seconds)."""
    if isinstance(query_string, str):
        query_string = query_string.encode()
    params = [(b"REQUEST_METHOD", method), (b"DOCUMENT_URI", path), (b"SCRIPT_NAME", b""),
              (b"REQUEST_URI", path + (b"?" + query_string if query_string else b"")),
              (b"QUERY_STRING", query_string), (b"SERVER_PROTOCOL", b"HTTP/1.1"),
              (b"GATEWAY_INTERFACE", b"CGI/1.1"), (b"REMOTE_ADDR", b"127.0.0.1"), (b"HTTP_HOST", b"localhost")]
    request = fcgi_record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", 1, 0)) + fcgi_params(params) + fcgi_record(FCGI_STDIN)
    start = time.monotonic()
    stdout = []
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(request)
        buffer = b""
        while True:
            chunk = sock.recv(1 << 16)
            if not chunk:
                raise AssertionError(f"connection closed before FCGI_END_REQUEST: {path!r}?{query_string[:200]!r}")
            buffer += chunk
            while len(buffer) >= FCGI_HEADER.size:
                _, rtype, _, length, padding = FCGI_HEADER.unpack_from(buffer)
                end = FCGI_HEADER.size + length + padding
                if len(buffer) < end:
                    break
                if rtype == FCGI_STDOUT:
                    stdout.append(buffer[FCGI_HEADER.size:FCGI_HEADER.size + length])
                buffer = buffer[end:]
                if rtype == FCGI_END_REQUEST:
                    seconds = time.monotonic() - start
                    head, _, body = b"".join(stdout).partition(b"\r\n\r\n")
                    status, content_type = 200, ""
                    for line in head.decode("latin-1").splitlines():
                        name, _, value = line.partition(":")
                        if name.lower() == "status":
                            status = int(value.split()[0])
                        if name.lower() == "content-type":
                            content_type = value.strip()
                    return status, content_type, body, seconds


def error_message(content_type, body):
    """The error a 4xx answer gives: JSON's "error", or the search page's error paragraph."""
    if content_type.startswith("application/json"):
        return json.loads(body)["error"]
    text = body.decode("utf-8")
    assert 'class="error"' in text, text[:500]
    return text.split('class="error"', 1)[1].split(">", 1)[1].split("<", 1)[0]


def memory_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field} for pid {pid}")


def encode(params):
    """Percent-encodes (name, value) pairs of str or bytes, every byte kept."""
    from urllib.parse import quote_from_bytes
    parts = []
    for name, value in params:
        name = name.encode("utf-8", "surrogatepass") if isinstance(name, str) else name
        value = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
        parts.append(quote_from_bytes(name, safe=b"") + "=" + quote_from_bytes(value, safe=b""))
    return "&".join(parts)


# --- the named hostile cases: (name, path, parameters) ----------------------------------------
def words(count, prefix="w"):
    return [f"{prefix}{n}" for n in range(count)]


def nested(depth, inner="gas"):
    return "(" * depth + inner + ")" * depth


def alternating(depth):
    """gas AND (hub OR (turkey AND (gas OR ...))): brackets that really nest operators."""
    ops = ["AND", "OR"]
    text = "gas"
    for level in range(depth):
        text = f"hub {ops[level % 2]} ({text})"
    return text


ALL_FACETS = "source,tag,author,year,lang,bias"
HOSTILE_CASES = [
    ("wildcard a*", "/search", [("q", "a*")]),
    ("wildcard g* OR h* OR t*", "/search", [("q", "g* OR h* OR t*")]),
    ("wildcard alone *", "/search", [("q", "*")]),
    ("3,000-term OR list", "/search", [("q", " OR ".join(words(3000)))]),
    ("3,000 terms, no operators", "/search", [("q", " ".join(words(3000)))]),
    ("1,500 one-letter words (within the byte limit)", "/search", [("q", " ".join("abcdefghij"[n % 10]
                                                                                    for n in range(1500)))]),
    ("1,100 distinct words OR-ed (within the byte limit)", "/search",
     [("q", " ".join(f"{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}" for n in range(1100)))]),
    ("10,000 nested brackets", "/search", [("q", nested(10_000))]),
    ("2,000 nested brackets (within the byte limit)", "/search", [("q", nested(2000))]),
    ("100 nested brackets", "/search", [("q", nested(100))]),
    ("300 levels of alternating AND/OR brackets", "/search", [("q", alternating(300))]),
    ("2,000 unbalanced opening brackets", "/search", [("q", "(" * 2000 + "gas")]),
    ("2,000 closing brackets", "/search", [("q", "gas" + ")" * 2000)]),
    ("long NEAR chain of one common word", "/search", [("q", " NEAR ".join(["gas"] * 450))]),
    ("long NEAR/100 chain of distinct words", "/search", [("q", " NEAR/100 ".join(words(280)))]),
    ("NEAR chain past the byte limit", "/search", [("q", " NEAR ".join(["gas"] * 500))]),
    ("long ADJ chain", "/search", [("q", " ADJ ".join(["hub", "gas"] * 250))]),
    ("long phrase of one common word", "/search", [("q", '"' + " ".join(["gas"] * 1000) + '"')]),
    ("long phrase of distinct words", "/search", [("q", '"' + " ".join(words(700)) + '"')]),
    ("many short phrases", "/search", [("q", " ".join(['"gas hub"'] * 400))]),
    ("many fields", "/search", [("q", " ".join(["title:gas source:x tag:y"] * 150))]),
    ("many date ranges", "/search", [("q", " OR ".join(["date:2016..2017"] * 200))]),
    ("many NOTs", "/search", [("q", "gas " + " ".join(["NOT hub"] * 500))]),
    ("many love/hate signs", "/search", [("q", " ".join(["+gas -hub"] * 400))]),
    ("like a 4.6 MB article", "/search", [("like", HUGE_ID)]),
    ("like a 4.6 MB article with a query and every facet", "/search",
     [("like", HUGE_ID), ("q", "gas"), ("facets", ALL_FACETS), ("timeline", "day"), ("top_terms", "100")]),
    ("like a missing article", "/search", [("like", "no-such-article")]),
    ("every facet, timeline by day, 100 top terms", "/search",
     [("q", "gas OR hub OR turkey OR election"), ("facets", ALL_FACETS), ("timeline", "day"),
      ("top_terms", "100"), ("limit", "100")]),
    ("every facet with a filter-only query", "/search", [("source", "Daily Ledger"), ("facets", ALL_FACETS),
                                                       ("timeline", "week")]),
    ("offset at the cap", "/search", [("q", "gas OR election"), ("offset", "10000"), ("limit", "100")]),
    ("offset at the cap with every facet", "/search",
     [("q", "gas OR election"), ("offset", "10000"), ("limit", "100"), ("facets", ALL_FACETS)]),
    ("offset past the cap", "/search", [("q", "gas"), ("offset", "10001")]),
    ("offset 2^64", "/search", [("q", "gas"), ("offset", str(2 ** 64))]),
    ("limit 2^64", "/search", [("q", "gas"), ("limit", str(2 ** 64))]),
    ("1,024 source filters", "/search", [("q", "gas")] + [("source", f"s{n}") for n in range(1024)]),
    ("20,000 source filters", "/search", [("q", "gas")] + [("source", f"s{n}") for n in range(20_000)]),
    ("5,000 keyword filters", "/search", [("q", "gas")] + [("bias", f"b{n}") for n in range(5000)]),
    ("query of 8,192 bytes", "/search", [("q", "x" * MAX_QUERY_BYTES)]),
    ("query past --max-query-bytes", "/search", [("q", "x" * (MAX_QUERY_BYTES + 1))]),
    ("date range of two centuries by day", "/search", [("q", "gas"), ("from", "1900"), ("to", "2100"),
                                                      ("timeline", "day")]),
    ("year 1000 (outside the dates accepted)", "/search", [("q", "gas"), ("from", "1000")]),
    ("export of everything", "/export", [("q", "gas OR election OR hub")]),
    ("export of a 3,000-term OR list", "/export", [("q", " OR ".join(words(3000)))]),
    ("feed of 10,000 nested brackets", "/feed", [("q", nested(10_000))]),
    ("page of a 3,000-term OR list", "/", [("q", " OR ".join(words(3000)))]),
    ("page with every facet at the offset cap", "/", [("q", "gas"), ("offset", "10000"), ("facets", ALL_FACETS)]),
    ("compare ten long NEAR chains", "/compare", [("q", " NEAR ".join(["gas"] * 100))] * 10),
    ("compare eleven queries", "/compare", [("q", "gas")] * 11),
]


# --- random requests --------------------------------------------------------------------------
SYNTAX = ["gas", "hub", "Turkey", "election", "AND", "OR", "NOT", "XOR", "NEAR", "NEAR/3", "ADJ", "ADJ/2", "(",
          ")", '"', "+", "-", "*", ":", "title:", "source:", "author:", "tag:", "lang:", "id:", "date:", "bias:",
          "date:2016..", "date:..2017-02", "date:2020-13-45..x", "heraldword:0", "heraldword:99999", "..", "/",
          "\\", "'", "`", "{", "}", "[", "]", "<b>", "&", "=", "%", "?", "#", ";", ",", ".", "…", "™", "id:" + SEED_ID,
          "date:2016-03", "lang:ru", "Путин", "Erdoğan", "Zełenski", "NEAR/999999999999", "AND NOT", "OR OR"]
ODD = ["\u200f", "\u200e", "\u202e", "\u2066", "\u0301" * 30, "e\u0301", "\ufeff", "\ufffd", "\U0001f600",
       "\U0001f1fa\U0001f1f8", "\u200d", "\uff27\uff41\uff53", "\uff08", "\uff09", "\uff02", "\u3000", "\u00a0",
       "\u2028", "\t", "\n", "\x85", "ǅ", "ﬃ", "İ", "ß", "\u0345", "\U000e0001", "\U0010ffff", "\u06dd",
       "\u0e4e" * 10]
BAD = ["\u0000", "\x01", "\x1b[31m", "\x7f", "\r", "\ud800", "\udfff"]  # control bytes, lone surrogates
RAW_BYTES = [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x00", b"\x80" * 5,
             b"%", b"%zz", b"%0", b"&", b"=", b"+", b"%00", b"%FF", b"%C0%80"]
PARAMS = ["limit", "offset", "sort", "ranking", "from", "to", "source", "author", "tag", "lang", "facets",
          "collapse", "like", "recency", "timeline", "top_terms", "format", "bias"]
ODD_PARAMS = ["q", "Q", "qq", "", "q[]", "__proto__", "heraldword", "title", "id", "date", "x" * 300, "\u00e9", "lim\x00it"]
VALUES = {"limit": ["0", "1", "100", "101", "-1", "1e3", "0x10", str(2 ** 32), str(2 ** 64), "9" * 400, " 5", "5 "],
          "offset": ["0", "9999", "10000", "10001", "-5", str(2 ** 32 + 1), "9" * 400, "1.5"],
          "sort": ["relevance", "date", "-date", "+date", "DATE", ""],
          "ranking": ["herald", "bm25", "tfidf", ""],
          "from": ["2016", "2016-02-30", "0000", "9999-12-31", "2016..2017", "-1", "1e9", ""],
          "to": ["2017", "2016-13", "99999999", ""],
          "facets": [ALL_FACETS, "source,source", ",,,", "nope", "source," * 40, "year"],
          "collapse": ["true", "false", "maybe", ""],
          "like": [SEED_ID, HUGE_ID, "a000001", "", "../../etc/passwd"],
          "recency": ["30", "0", "-1", "nan", "inf", "1e308", "1e-308", "0.0001"],
          "timeline": ["day", "week", "month", "year", "hour", ""],
          "top_terms": ["0", "10", "100", "101", "-1"],
          "format": ["jsonl", "csv", "xml"],
          "lang": ["en", "ru", "english", "xx", ""]}
PATHS = [b"/search"] * 50 + [b"/", b"/export", b"/feed", b"/compare", b"/health", b"/metrics", b"/nope",
                             b"//search", b"/search/", b"/SEARCH", b"", b"/search\x00x", b"/\xff", b"/" + b"a" * 5000]
METHODS = [b"GET"] * 60 + [b"HEAD", b"POST", b"PUT", b"DELETE", b"OPTIONS", b"", b"G\x00ET", b"get"]


def random_text(rng, max_pieces=30):
    """Bytes: query syntax, odd Unicode (lone surrogates as their CESU-8 bytes), raw invalid UTF-8."""
    pieces = []
    for _ in range(rng.randint(0, rng.choice([3, 8, max_pieces]))):
        kind = rng.random()
        if kind < 0.65:
            piece = rng.choice(SYNTAX)
        elif kind < 0.9:
            piece = rng.choice(ODD)
        elif kind < 0.93:
            piece = rng.choice(BAD)
        elif kind < 0.96:
            pieces.append(rng.choice(RAW_BYTES))
            continue
        else:
            piece = "".join(chr(rng.randint(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.02:
            pieces.append(piece.encode("latin-1", "replace"))
        else:
            pieces.append(piece.encode("utf-8", "surrogatepass"))
    return rng.choice([b" ", b"", b"  ", b"\t"]).join(pieces)


def to_bytes(text):
    return text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text


def random_request(rng):
    params = []
    if rng.random() < 0.7:
        params.append(("q", random_text(rng)))
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 6, 12])):
        name = rng.choice(PARAMS) if rng.random() < 0.9 else rng.choice(ODD_PARAMS)
        if name in VALUES and rng.random() < 0.9:
            value = rng.choice(VALUES[name])
        elif rng.random() < 0.03:
            value = rng.choice(["gas " * 2000, "(" * 3000, " OR ".join(words(900)), "\x00" * 100])
        else:
            value = random_text(rng)
        params.append((to_bytes(name), to_bytes(value)))
    if rng.random() < 0.05:
        params += params  # every parameter repeated
    query_string = encode(params)
    if rng.random() < 0.05:  # a raw, unencoded query string
        query_string = random_text(rng).decode("latin-1")
    return rng.choice(PATHS), query_string.encode("latin-1"), rng.choice(METHODS)


class HostileQueriesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-hostile-")
        cls.db = os.path.join(cls.tmp, "db")
        articles = synthetic_articles(1500)
        for n, article in enumerate(articles):
            article["bias"] = ["left", "center", "right"][n % 3]
            article["authors"] = [f"Writer {n % 37}"]
        rng = random.Random(18)
        vocabulary = ["gas", "hub", "turkey"] + [f"v{n}x" for n in range(60_000)]
        articles.append({"id": HUGE_ID, "title": "Gas hub Turkey, the long version", "date": "2018-04-01",
                         "source": "Daily Ledger", "bias": "left",
                         "body": " ".join(rng.choice(vocabulary) for _ in range(HUGE_WORDS))})
        index(cls.db, "--keyword", "bias", CORPUS, write_jsonl(os.path.join(cls.tmp, "articles.jsonl"), articles))
        cls.server = Searcher(cls.tmp, "hostile", cls.db, "--time-limit", str(TIME_LIMIT_MS), "--max-query-bytes",
                              str(MAX_QUERY_BYTES), "--max-limit", "100")
        cls.pid = cls.server.proc.pid
        cls.address = cls.server.address

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.stop()
        finally:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def assert_alive(self):
        self.assertIsNone(self.server.proc.poll(), f"the searcher died; stderr:\n{self.server.stderr()[-3000:]}")

    def assert_memory_bounded(self):
        peak = memory_kib(self.pid, "VmHWM") // 1024
        self.assertLess(peak, MEMORY_CAP_MIB, f"peak RSS {peak} MiB")
        return peak

    def test_named_hostile_cases(self):
        print(f"\n{'case':<58} {'status':>6} {'seconds':>8} {'RSS MiB':>8}  message")
        for name, path, params in HOSTILE_CASES:
            with self.subTest(case=name):
                status, content_type, body, seconds = fcgi_request(self.address, path.encode(), encode(params))
                rss = memory_kib(self.pid, "VmRSS") // 1024
                message = ""
                if status >= 400:
                    message = error_message(content_type, body)
                print(f"{name:<58} {status:>6} {seconds:>8.3f} {rss:>8}  {message[:90]}")
                self.assertIn(status, (200, 400), body[:300])
                self.assertLess(seconds, SECONDS_PER_REQUEST, name)
                if status == 400:
                    self.assertGreater(len(message), 10)
                    self.assertNotIn("internal", message.lower())
                self.assert_alive()
        print(f"peak RSS after the named cases: {self.assert_memory_bounded()} MiB")

    def test_the_limits_say_what_they_are(self):
        def error(params, path=b"/search"):
            status, _, body, _ = fcgi_request(self.address, path, encode(params))
            self.assertEqual(status, 400, body[:300])
            return json.loads(body)["error"]

        self.assertEqual(error([("q", " ".join(["x"] * 1100))]), "query too long: 1100 words, the limit is 1024")
        self.assertEqual(error([("q", "gas")] + [("tag", "t")] * 1025),
                         "too many filter values: 1025 (source, author, tag, lang and keyword fields together), "
                         "the limit is 1024")
        self.assertEqual(error([("q", nested(65))]), "brackets nested too deep: 65 levels, the limit is 64")
        self.assertEqual(error([("q", "x" * 5000)]), "query too long: 5000 bytes, the limit is 4096")
        self.assertIn("reserved", error([("q", "heraldword:0")]))
        self.assertIn("offset: 10001 is past the deepest page allowed (10000)", error([("q", "gas"),
                                                                                      ("offset", "10001")]))

    def test_random_requests(self):
        seed = int(os.environ.get("HERALD_HOSTILE_SEED", random.randrange(2 ** 32)))
        print(f"\nrandom requests: seed {seed} (HERALD_HOSTILE_SEED={seed} repeats them)")
        rng = random.Random(seed)
        statuses = {}
        slowest = (0.0, None)
        started = time.monotonic()
        sent = 0
        for sent in range(1, RANDOM_REQUESTS + 1):
            path, query_string, method = random_request(rng)
            status, content_type, body, seconds = fcgi_request(self.address, path, query_string, method)
            statuses[status] = statuses.get(status, 0) + 1
            slowest = max(slowest, (seconds, (path, query_string[:200], method)))
            what = f"{method!r} {path[:100]!r}?{query_string[:300]!r}"
            self.assertTrue(200 <= status < 500, f"{status} for {what}: {body[:300]!r}")
            self.assertLess(seconds, SECONDS_PER_REQUEST, what)
            if status >= 400 and method != b"HEAD":
                self.assertTrue(error_message(content_type, body), what)
            if time.monotonic() - started > RANDOM_BUDGET_SECONDS:
                print(f"stopping at the {RANDOM_BUDGET_SECONDS:.0f} s budget")
                break
        elapsed = time.monotonic() - started
        self.assert_alive()
        peak = self.assert_memory_bounded()
        print(f"{sent} random requests in {elapsed:.1f} s; statuses {dict(sorted(statuses.items()))}; "
              f"slowest {slowest[0]:.3f} s ({slowest[1]!r}); peak RSS {peak} MiB")
        status, _, _, _ = fcgi_request(self.address, b"/health")
        self.assertEqual(status, 200)

    def test_broken_fastcgi_records_leave_the_server_up(self):
        broken = [b"", b"\x00" * 64, b"GET / HTTP/1.1\r\n\r\n",
                  fcgi_record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", 1, 0)),  # then silence, then close
                  fcgi_record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", 1, 0)) + b"\x01\x04\x00\x01\xff\xff",
                  fcgi_record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", 1, 0))
                  + fcgi_record(FCGI_PARAMS, b"\x7f\x7f" + b"x" * 20)]
        for data in broken:
            with socket.create_connection(self.address, timeout=10) as sock:
                sock.sendall(data)
                sock.shutdown(socket.SHUT_WR)
                try:
                    while sock.recv(4096):
                        pass
                except OSError:
                    pass
        self.assert_alive()
        status, _, _, _ = fcgi_request(self.address, b"/search", b"q=gas")
        self.assertEqual(status, 200)

    def test_command_line_hostile_cases(self):
        cases = [("3,000-term OR list", [" OR ".join(words(3000))], 2),
                 ("1,100 terms", [" ".join(f"t{n}" for n in range(1100))], 2),
                 ("10,000 nested brackets", [nested(10_000)], 2),
                 ("100 nested brackets", [nested(100)], 2),
                 ("wildcard", ["a*"], 0),
                 ("control bytes", ["gas\x01hub"], 2),
                 ("long NEAR chain", [" NEAR ".join(["gas"] * 450)], 0),
                 ("heraldword:0", ["heraldword:0"], 2),
                 ("--like a 4.6 MB article, every facet", ["--like", HUGE_ID, "--facets", ALL_FACETS,
                                                           "--timeline", "day", "--top-terms", "100"], 0),
                 ("offset at the web's cap", ["--offset", "10000", "--limit", "1000", "gas"], 0)]
        for name, args, expected in cases:
            with self.subTest(case=name):
                start = time.monotonic()
                proc = run("herald-searcher", "--db", self.db, "--json", "--time-limit", str(TIME_LIMIT_MS), *args)
                seconds = time.monotonic() - start
                print(f"\nCLI {name}: exit {proc.returncode} in {seconds:.2f} s"
                      + (f": {json.loads(proc.stdout)['error']}" if proc.returncode == 2 else ""))
                self.assertEqual(proc.returncode, expected, proc.stdout[-500:] + proc.stderr[-500:])
                self.assertLess(seconds, SECONDS_PER_REQUEST)
                self.assertNotIn("terminate called", proc.stderr)
                if expected == 2:
                    self.assertTrue(json.loads(proc.stdout)["error"])


if __name__ == "__main__":
    main()
