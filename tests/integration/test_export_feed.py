"""Exports (`herald-searcher --export jsonl|csv`, `/export`) and the Atom feed (`/feed`)
over the bundled sample plus a small JSON Lines file of awkward articles:
export counts equal the exact (collapsed) number of matches, CSV parses,
the web's cap says it cut, and the feed is well-formed, escaped Atom."""
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from herald_cli import BIN, CORPUS, index, main, run, search_json, write_jsonl
from web_servers import Searcher, ServedTestCase, http

ATOM = "{http://www.w3.org/2005/Atom}"
MAX_EXPORT = 5
MAX_LIMIT = 30
EVIL_TITLE = "Tom & Jerry <script>alert(1)</script> budget"
# An article whose text cells a spreadsheet would run as formulas.
FORMULA_ARTICLE = {"id": "formula/1", "title": '=HYPERLINK("http://evil.example","formulaprobe")',
                   "source": "@Formula Desk", "authors": ["+Ann Formula"], "tags": ["-fiscal"],
                   "body": "-2+3 formulaprobe", "date": "2017-04-05", "url": "https://example.com/formula"}
FORMULA_COLUMNS = ("title", "source", "authors", "tags", "body")


def awkward_articles():
    """Budget articles with commas, quotes, line breaks and markup in their
    fields, a javascript: URL, and two exact copies of one article."""
    articles = []
    for n in range(24):
        articles.append({
            "id": f"budget/{n:03d}",
            "title": f"Budget, \"round\" {n}" if n % 3 else f"Budget vote {n}\nsecond line",
            "body": f"The budget talks, day {n}. " + " ".join(f"word{n * 17 + k}" for k in range(15))
                    + f"\n\nMore on the budget: \"quoted\", {n}.",
            "date": f"2016-{1 + n % 12:02d}-{1 + n:02d}",
            "source": ["Daily Ledger", "Capitol Wire"][n % 2],
            "authors": ["Ann Lee", "Bo Ng"] if n % 4 == 0 else [],
            "tags": ["budget", "fiscal, policy"] if n % 2 else ["budget"],
            "url": f"https://example.com/budget/{n}?a=1&b=2",
        })
    articles.append({"id": "evil/1", "title": EVIL_TITLE, "body": "A budget cartoon.",
                     "date": "2017-03-04", "source": "Mischief Weekly", "url": "javascript:alert(1)"})
    original = {"id": "copy/0", "title": "Budget copy story", "body": "Identical budget text in three places. "
                + " ".join(f"copyword{k}" for k in range(20)), "date": "2015-05-05", "source": "Wire"}
    for n in range(3):
        articles.append(dict(original, id=f"copy/{n}"))
    articles.append(FORMULA_ARTICLE)
    return articles


def csv_rows(text):
    """The rows of a CSV export by id."""
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


def exact_total(db, *args):
    """The exact number of (collapsed) matches: facets make the match exhaustive."""
    return search_json(db, "--facets", "year", *args)["total"]


def export(db, fmt, *args):
    """The export's text, line ends as written (CSV's are CRLF)."""
    proc = subprocess.run([os.path.join(BIN, "herald-searcher"), "--db", db, "--export", fmt, *args], capture_output=True,
                          timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"export {fmt} {args} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout.decode("utf-8")


class ExportCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-export-")
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, CORPUS, write_jsonl(os.path.join(cls.tmp, "awkward.jsonl"), awkward_articles()))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    CASES = [
        ("budget",),
        ("the",),
        ("--no-collapse", "budget"),
        ("--source", "Daily Ledger", "budget"),
        ("--from", "2016-03", "--to", "2016-08", "budget"),
        ("--sort", "-date", "budget"),
        ("--sort", "date", "minister"),
        ("--lang", "en", "--source", "Wire"),
        ("nosuchwordanywhere",),
    ]

    def test_jsonl_has_one_parsable_line_per_match(self):
        for args in self.CASES:
            with self.subTest(args=args):
                total = exact_total(self.db, *args)
                lines = export(self.db, "jsonl", *args).splitlines()
                self.assertEqual(len(lines), total)
                records = [json.loads(line) for line in lines]
                self.assertEqual([r["rank"] for r in records], list(range(1, total + 1)))
                self.assertEqual(len({r["id"] for r in records}), total)
                # The same order as the search results' first page.
                first_page = [r["id"] for r in search_json(self.db, "--limit", "20", *args)["results"]]
                self.assertEqual([r["id"] for r in records[:20]], first_page)

    def test_collapsing_leaves_the_copies_out(self):
        collapsed = [json.loads(l)["id"] for l in export(self.db, "jsonl", "copyword3").splitlines()]
        every = [json.loads(l)["id"] for l in export(self.db, "jsonl", "--no-collapse", "copyword3").splitlines()]
        self.assertEqual(len(collapsed), 1)
        self.assertEqual(sorted(every), ["copy/0", "copy/1", "copy/2"])
        self.assertEqual(json.loads(export(self.db, "jsonl", "copyword3"))["duplicates"], 2)

    def test_jsonl_records_carry_every_article_field(self):
        records = {json.loads(l)["id"]: json.loads(l) for l in export(self.db, "jsonl", "budget").splitlines()}
        record = records["budget/004"]
        self.assertEqual(list(record), ["rank", "id", "score", "title", "date", "source", "url", "authors", "tags",
                                        "language", "duplicates", "shard", "body", "fields"])
        self.assertEqual(record["fields"], {})  # no keyword fields in this database
        self.assertEqual(record["authors"], ["Ann Lee", "Bo Ng"])
        self.assertEqual(record["date"], "2016-05-05")
        self.assertEqual(record["url"], "https://example.com/budget/4?a=1&b=2")
        self.assertIn("\n\nMore on the budget", record["body"])
        self.assertEqual(records["evil/1"]["title"], EVIL_TITLE)

    def test_csv_parses_with_a_header_and_one_row_per_match(self):
        for args in self.CASES:
            with self.subTest(args=args):
                total = exact_total(self.db, *args)
                text = export(self.db, "csv", *args)
                rows = list(csv.DictReader(io.StringIO(text, newline="")))
                self.assertEqual(len(rows), total)
                jsonl = [json.loads(l) for l in export(self.db, "jsonl", *args).splitlines()]
                self.assertEqual([r["id"] for r in rows], [r["id"] for r in jsonl])
                for row, record in zip(rows, jsonl):
                    self.assertEqual(row["title"], record["title"] or "")
                    self.assertEqual(row["body"], record["body"] or "")
                    self.assertEqual(row["authors"], "; ".join(record["authors"]))
                    self.assertEqual(row["tags"], "; ".join(record["tags"]))
        text = export(self.db, "csv", "budget")
        header = text.split("\r\n", 1)[0]
        self.assertEqual(header, "rank,id,score,title,date,source,url,authors,tags,language,duplicates,shard,body")
        self.assertTrue(text.endswith("\r\n"))
        # Commas, quotes and line breaks come back whole (the indexer makes titles one line).
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
        self.assertEqual(rows["budget/003"]["title"], "Budget vote 3 second line")
        self.assertEqual(rows["budget/001"]["title"], 'Budget, "round" 1')
        self.assertTrue(rows["budget/003"]["body"].endswith('\n\nMore on the budget: "quoted", 3.'))
        self.assertEqual(rows["budget/001"]["tags"], "budget; fiscal, policy")

    def test_csv_keeps_values_as_stored_unless_asked_to_make_them_formula_safe(self):
        stored = json.loads(export(self.db, "jsonl", "formulaprobe"))
        raw = csv_rows(export(self.db, "csv", "formulaprobe"))["formula/1"]
        safe = csv_rows(export(self.db, "csv", "--csv-safe", "formulaprobe"))["formula/1"]
        for column in FORMULA_COLUMNS:
            with self.subTest(column=column):
                value = stored[column] if isinstance(stored[column], str) else "; ".join(stored[column])
                self.assertIn(value[0], "=+-@")
                self.assertEqual(raw[column], value)
                self.assertEqual(safe[column], "'" + value)
        for column in ("id", "url", "date", "rank"):
            self.assertEqual(safe[column], raw[column])

    def test_csv_safe_is_for_csv_exports_only(self):
        for args, says in ((["--csv-safe", "budget"], "--export"),
                           (["--export", "jsonl", "--csv-safe", "budget"], "--csv-safe: only taken with --export csv")):
            with self.subTest(args=args):
                proc = run("herald-searcher", "--db", self.db, *args)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn(says, proc.stderr)
                self.assertEqual(proc.stdout, "")

    def test_bad_export_values_are_usage_errors(self):
        proc = run("herald-searcher", "--db", self.db, "--export", "xml", "budget")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("must be jsonl or csv, not 'xml'", proc.stderr)
        for extra in (["--limit", "5"], ["--json"], ["--offset", "3"], ["--facets", "year"]):
            with self.subTest(extra=extra):
                proc = run("herald-searcher", "--db", self.db, "--export", "csv", *extra, "budget")
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn("excludes", proc.stderr)
        proc = run("herald-searcher", "--db", self.db, "--export", "csv", "title:")
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stdout, "")


class ExportFeedWebTest(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-export-web-")
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, CORPUS, write_jsonl(os.path.join(cls.tmp, "awkward.jsonl"), awkward_articles()))
        cls.serve(lambda: Searcher(cls.tmp, "main", cls.db, "--max-export", str(MAX_EXPORT),
                                   "--max-limit", str(MAX_LIMIT)))

    def get(self, path, **params):
        return http(self.nginx.url(path + "?" + urllib.parse.urlencode(params, doseq=True)))

    def test_export_csv_is_a_capped_download(self):
        self.assertGreater(exact_total(self.db, "budget"), MAX_EXPORT)
        reply = self.get("/export", q="budget", format="csv")
        self.assertEqual(reply.status, 200, reply.body[:300])
        self.assertEqual(reply.headers["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(reply.headers["Content-Disposition"], 'attachment; filename="herald-export.csv"')
        self.assertEqual(reply.headers["X-Herald-Truncated"], "true")
        rows = list(csv.DictReader(io.StringIO(reply.text, newline="")))
        self.assertEqual(len(rows), MAX_EXPORT)
        cli = list(csv.DictReader(io.StringIO(export(self.db, "csv", "budget"), newline="")))
        self.assertEqual([r["id"] for r in rows], [r["id"] for r in cli[:MAX_EXPORT]])
        self.assertIn("cut at --max-export=5", self.searcher.stderr())

    def test_export_csv_makes_formula_cells_text(self):
        reply = self.get("/export", q="formulaprobe", format="csv")
        self.assertEqual(reply.status, 200, reply.body[:300])
        row = csv_rows(reply.text)["formula/1"]
        self.assertEqual(row, csv_rows(export(self.db, "csv", "--csv-safe", "formulaprobe"))["formula/1"])
        self.assertEqual(row["title"], "'" + FORMULA_ARTICLE["title"])
        self.assertEqual(row["source"], "'@Formula Desk")
        # JSON Lines are data, not cells: written as stored.
        record = json.loads(self.get("/export", q="formulaprobe", format="jsonl").text)
        self.assertEqual(record["title"], FORMULA_ARTICLE["title"])

    def test_export_jsonl_under_the_cap_is_whole(self):
        total = exact_total(self.db, "--source", "Wire", "--no-collapse")
        self.assertTrue(0 < total <= MAX_EXPORT)
        reply = self.get("/export", source="Wire", collapse="false", format="jsonl")
        self.assertEqual(reply.status, 200, reply.body[:300])
        self.assertEqual(reply.headers["Content-Type"], "application/x-ndjson")
        self.assertEqual(reply.headers["Content-Disposition"], 'attachment; filename="herald-export.jsonl"')
        self.assertIsNone(reply.headers["X-Herald-Truncated"])
        self.assertIsNone(reply.headers["Content-Length"])  # streamed, one record at a time
        lines = reply.text.splitlines()
        self.assertEqual(len(lines), total)
        self.assertEqual(lines, export(self.db, "jsonl", "--source", "Wire", "--no-collapse").splitlines())

    def test_head_of_an_export_has_its_headers_only(self):
        reply = http(self.nginx.url("/export?q=budget&format=csv"), method="HEAD")
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.body, b"")
        self.assertEqual(reply.headers["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(reply.headers["X-Herald-Truncated"], "true")

    def test_export_rejects_bad_parameters(self):
        for params, named in (({"q": "budget", "format": "xml"}, "format"),
                              ({"q": "budget", "format": ["csv", "jsonl"]}, "format"),
                              ({"q": "budget", "limit": "3"}, "limit"),
                              ({"q": "budget", "sort": "newest"}, "sort"),
                              ({"format": "csv"}, "empty query")):
            with self.subTest(params=params):
                reply = self.get("/export", **params)
                self.assertEqual(reply.status, 400)
                self.assertEqual(reply.headers["Content-Type"], "application/json; charset=utf-8")
                self.assertIn(named, json.loads(reply.body)["error"])

    def feed(self, **params):
        reply = self.get("/feed", **params)
        self.assertEqual(reply.status, 200, reply.body[:300])
        self.assertEqual(reply.headers["Content-Type"], "application/atom+xml; charset=utf-8")
        return reply, ET.fromstring(reply.body)

    def test_feed_is_atom_newest_first(self):
        reply, feed = self.feed(q="budget")
        self.assertEqual(feed.tag, ATOM + "feed")
        self.assertEqual(feed.find(ATOM + "title").text, "Herald: budget")
        self.assertTrue(feed.find(ATOM + "id").text.startswith("urn:herald:feed:"))
        self.assertEqual(feed.find(ATOM + "generator").text, "Herald")
        self.assertTrue(feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feed?q=budget"))
        entries = feed.findall(ATOM + "entry")
        self.assertEqual(len(entries), 20)  # the default, under --max-limit
        updated = [e.find(ATOM + "updated").text for e in entries]
        self.assertEqual(updated, sorted(updated, reverse=True))
        self.assertEqual(feed.find(ATOM + "updated").text, updated[0])
        for entry in entries:
            for child in ("id", "title", "updated", "author"):
                self.assertIsNotNone(entry.find(ATOM + child), child)
            self.assertRegex(entry.find(ATOM + "updated").text, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # The same query keeps its id; another gets another.
        self.assertEqual(self.feed(q="budget", limit="3")[1].find(ATOM + "id").text, feed.find(ATOM + "id").text)
        self.assertNotEqual(self.feed(q="budget vote")[1].find(ATOM + "id").text, feed.find(ATOM + "id").text)

    def test_feed_escapes_titles_and_links_only_web_urls(self):
        reply, feed = self.feed(q="cartoon")
        self.assertNotIn(b"<script", reply.body)
        self.assertNotIn(b"javascript:", reply.body)
        (entry,) = feed.findall(ATOM + "entry")
        self.assertEqual(entry.find(ATOM + "title").text, EVIL_TITLE)
        self.assertEqual(entry.find(ATOM + "id").text, "urn:herald:article:evil/1")
        self.assertIsNone(entry.find(ATOM + "link"))
        self.assertEqual(entry.find(f"{ATOM}author/{ATOM}name").text, "Mischief Weekly")
        self.assertEqual(entry.find(ATOM + "updated").text, "2017-03-04T00:00:00Z")

    def test_feed_entries_carry_links_authors_and_categories(self):
        _, feed = self.feed(q="budget", source="Daily Ledger", limit="100")
        entries = feed.findall(ATOM + "entry")
        self.assertEqual(len(entries), min(MAX_LIMIT, exact_total(self.db, "--source", "Daily Ledger", "budget")))
        by_id = {e.find(ATOM + "id").text: e for e in entries}
        entry = by_id["urn:herald:article:budget/004"]
        self.assertEqual(entry.find(ATOM + "link").get("href"), "https://example.com/budget/4?a=1&b=2")
        self.assertEqual([a.text for a in entry.findall(f"{ATOM}author/{ATOM}name")], ["Ann Lee", "Bo Ng"])
        terms = {(c.get("scheme"), c.get("term")) for c in entry.findall(ATOM + "category")}
        self.assertEqual(terms, {("urn:herald:tag", "budget"), ("urn:herald:source", "Daily Ledger")})
        self.assertIn("budget", entry.find(ATOM + "summary").text.lower())

    def test_feed_rejects_other_orders(self):
        reply = self.get("/feed", q="budget", sort="relevance")
        self.assertEqual(reply.status, 400)
        self.assertIn("sort", json.loads(reply.body)["error"])
        self.assertEqual(self.get("/feed", q="budget", sort="-date").status, 200)

    def test_search_is_unchanged_and_metrics_count_the_new_routes(self):
        self.assertEqual(json.loads(self.get("/search", q="budget").body), search_json(self.db, "budget"))
        self.get("/feed", q="budget")
        self.get("/export", q="budget")
        metrics = self.get("/metrics").text
        self.assertRegex(metrics, r'herald_http_requests_total\{route="feed",code="2xx"\} [1-9]')
        self.assertRegex(metrics, r'herald_http_requests_total\{route="export",code="2xx"\} [1-9]')


if __name__ == "__main__":
    main()
