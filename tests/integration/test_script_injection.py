"""Articles carrying script payloads in their title, source, author, url
(`javascript:`), body and a keyword field are indexed and shown by every
front end: the HTML page (loaded in headless Chromium), the Atom feed, the
JSON and the terminal. Nothing executes, no payload becomes markup, no
`javascript:` URL becomes a link, and the page carries its
Content-Security-Policy header. Articles carrying control characters
(terminal escapes, list separators) in every stored field reach no output
raw: not the terminal, the exports, the page or the feed. Skipped (exit 77)
when Chromium cannot start (after the tests that need no browser)."""
import json
import os
import shutil
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from herald_cli import index, main, run, search_json, write_jsonl
from test_web_charts import dump_dom, require_chromium
from web_servers import Searcher, ServedTestCase, http

# Each payload, if it ran or became markup, would mark the document.
MARK = "document.body.setAttribute('data-pwned','1')"
PAYLOADS = [
    f"<script>{MARK}</script>",
    f"<img src=x onerror=\"{MARK}\">",
    f"\"><svg onload=\"{MARK}\">",
    f"'><iframe srcdoc=\"<script>{MARK}</script>\"></iframe>",
]
ATOM = "{http://www.w3.org/2005/Atom}"


def hostile_articles():
    out = []
    for n, payload in enumerate(PAYLOADS):
        out.append({
            "id": f"xss-{n}",
            # A terminal escape (set the window title, then red) in one title.
            "title": f"Quarry vote {payload} tonight" + ("\x1b]0;pwned\x07\x1b[31m" if n == 3 else ""),
            "body": f"The quarry vote {payload} was delayed.\n\nMore on the quarry {payload} later.",
            "source": f"Quarry Post {payload}",
            "authors": [f"Ann {payload}"],
            "url": f"javascript:{MARK}" if n % 2 == 0 else f"JavaScript:{MARK}",
            "date": f"2021-0{n + 1}-10",
            "bias": f"left{payload}",
        })
    return out


# Control characters for every stored field (issue 30): clear the screen,
# retitle the window, the C1 CSI, backspace, NUL, DEL, and the separators of
# the list-valued slots.
ESCAPES = ["\x1b[2J", "\x1b]0;pwned\x07", "\u009b31m", "\x08", "\x00", "\x7f", "\x1f", "\x1e"]


def control_articles():
    """'Ledger' articles with control characters in every field Herald stores."""
    return [{
        "id": f"esc-{n}{escape}",
        "title": f"Ledger vote{escape} tonight",
        "body": f"The ledger{escape} vote was delayed.\n\nMore on the ledger{escape} later.",
        "source": f"Ledger Post{escape}",
        "authors": [f"Mallory{escape}", "Ann Lee"],
        "tags": [f"budget{escape}"],
        "url": f"https://example.com/ledger/{n}{escape}",
        "date": f"2021-0{n + 1}-11",
        "bias": f"right{escape}",
    } for n, escape in enumerate(ESCAPES)]


def raw_controls(text, allowed="\n"):
    """The control characters (C0, DEL, C1) of `text` other than `allowed`."""
    return sorted({c for c in text if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed})


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


class ControlCharacterTest(unittest.TestCase):
    """Through the real indexer and searcher, no browser needed."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-controls-")
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, "--keyword", "bias", write_jsonl(os.path.join(cls.tmp, "controls.jsonl"), control_articles()))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_terminal_output_holds_no_raw_control_character(self):
        proc = run("herald-searcher", "--db", self.db, "ledger", "--no-collapse", "--facets", "author,tag,source,bias",
                   "--top-terms", "5", check=0)
        self.assertIn("Ledger vote", proc.stdout)
        self.assertIn("Mallory", proc.stdout)
        self.assertEqual(raw_controls(proc.stdout), [])
        self.assertEqual(raw_controls(proc.stderr), [])

    def test_json_and_exports_are_valid_and_hold_no_control_character(self):
        # The articles differ only by their control characters: not collapsed as copies.
        found = search_json(self.db, "ledger", extra=("--no-collapse", "--facets", "author,tag,source,bias"))
        self.assertEqual(found["total"], len(ESCAPES))
        strings = list(json_strings(found))
        self.assertEqual([s for s in strings if raw_controls(s)], [])
        ids = {r["id"] for r in found["results"]}
        self.assertIn("esc-0 [2J", ids)  # cleaned: the escape byte became a space
        jsonl = run("herald-searcher", "--db", self.db, "ledger", "--no-collapse", "--export", "jsonl", check=0).stdout
        records = [json.loads(line) for line in jsonl.splitlines()]
        self.assertEqual(len(records), len(ESCAPES))
        self.assertEqual([s for s in json_strings(records) if raw_controls(s)], [])
        csv = run("herald-searcher", "--db", self.db, "ledger", "--no-collapse", "--export", "csv", check=0).stdout
        self.assertEqual(raw_controls(csv, allowed="\r\n"), [])

    def test_separator_bytes_inside_values_stay_one_value(self):
        # Issue 30: "Alice\x1fBob" counted as authors Alice and Bob, and a
        # bias "right\x1fcountry\x1eUS" invented a `country` value.
        db = os.path.join(self.tmp, "separators")
        index(db, "--keyword", "bias", write_jsonl(os.path.join(self.tmp, "separators.jsonl"), [{
            "id": "sep-1", "title": "Harbour vote", "body": "The harbour vote.",
            "authors": ["Alice\x1fBob"], "bias": "right\x1fcountry\x1eUS"}]))
        found = search_json(db, "harbour", extra=("--facets", "author,bias"))
        self.assertEqual(found["facets"]["author"], [{"value": "Alice Bob", "count": 1}])
        self.assertEqual(found["facets"]["bias"], [{"value": "right country US", "count": 1}])
        by_author = search_json(db, extra=("--author", "Alice Bob"))
        self.assertEqual([r["id"] for r in by_author["results"]], ["sep-1"])
        by_bias = search_json(db, "harbour", extra=("--filter", "bias=right country US"))
        self.assertEqual([r["id"] for r in by_bias["results"]], ["sep-1"])


class Markup(HTMLParser):
    """Elements and attributes of a rendered DOM."""

    def __init__(self):
        super().__init__()
        self.tags, self.hrefs, self.event_handlers, self.body_attributes = [], [], [], {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name == "href" or name == "xlink:href":
                self.hrefs.append(value or "")
            if name.startswith("on"):
                self.event_handlers.append((tag, name))
        if tag == "body":
            self.body_attributes = dict(attrs)


class ScriptInjectionTest(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        require_chromium()
        cls.tmp = tempfile.mkdtemp(prefix="herald-xss-")
        cls.profile = os.path.join(cls.tmp, "chromium")
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, "--keyword", "bias",
              write_jsonl(os.path.join(cls.tmp, "xss.jsonl"), hostile_articles() + control_articles()))
        cls.serve(lambda: Searcher(cls.tmp, "xss", cls.db))

    def check_rendered(self, url):
        dom = dump_dom(self.profile, url)
        markup = Markup()
        markup.feed(dom)
        self.assertNotIn("data-pwned", markup.body_attributes, url)
        for tag in ("script", "img", "iframe"):
            self.assertNotIn(tag, markup.tags, url)
        self.assertEqual(markup.event_handlers, [], url)
        self.assertFalse([h for h in markup.hrefs if h.strip().lower().startswith("javascript:")], url)
        return dom

    def test_the_page_shows_payloads_as_text_and_runs_nothing(self):
        for parameters in ({"q": "quarry"}, {"q": "quarry", "bias": f"left{PAYLOADS[0]}"},
                           {"q": PAYLOADS[1]}, {"q": "quarry", "source": f"Quarry Post {PAYLOADS[2]}"}):
            with self.subTest(parameters=parameters):
                url = self.nginx.url("/?" + urllib.parse.urlencode(parameters))
                dom = self.check_rendered(url)
                self.assertIn("Quarry vote", dom)
                response = http(url)
                self.assertIn("default-src 'none'", response.headers.get("Content-Security-Policy", ""))
        # The payloads are on the page, as text.
        dom = dump_dom(self.profile, self.nginx.url("/?q=quarry"))
        self.assertIn("&lt;script&gt;", dom)

    def test_the_feed_and_json_carry_payloads_as_text(self):
        feed = http(self.nginx.url("/feed?q=quarry"))
        self.assertEqual(feed.status, 200)
        root = ET.fromstring(feed.body)  # well-formed despite the payloads
        entries = root.findall(f"{ATOM}entry")
        self.assertEqual(len(entries), len(PAYLOADS))
        titles = {e.find(f"{ATOM}title").text for e in entries}
        self.assertIn(f"Quarry vote {PAYLOADS[0]} tonight", titles)  # the text survives, escaped in the XML
        for entry in entries:
            for link in entry.findall(f"{ATOM}link"):
                self.assertFalse(link.get("href", "").lower().startswith("javascript:"))
        found = json.loads(http(self.nginx.url("/search?q=quarry")).body)
        self.assertEqual(found["total"], len(PAYLOADS))
        for result in found["results"]:
            self.assertNotIn("<script>", result["snippet"])  # snippets are HTML-escaped
        self.assertIn(PAYLOADS[0], " ".join(r["title"] for r in found["results"]))

    def test_the_page_feed_json_and_export_carry_no_control_character(self):
        page = http(self.nginx.url("/?" + urllib.parse.urlencode({"q": "ledger", "facets": "author,tag,source,bias",
                                                                  "collapse": "false"})))
        self.assertEqual(page.status, 200)
        self.assertIn("Mallory", page.text)
        self.assertEqual(raw_controls(page.text), [])
        feed = http(self.nginx.url("/feed?q=ledger&collapse=false"))
        self.assertEqual(len(ET.fromstring(feed.body).findall(f"{ATOM}entry")), len(ESCAPES))
        self.assertEqual(raw_controls(feed.text), [])
        found = json.loads(http(self.nginx.url("/search?q=ledger&facets=author,bias&collapse=false")).body)
        self.assertEqual(found["total"], len(ESCAPES))
        self.assertEqual([s for s in json_strings(found) if raw_controls(s)], [])
        csv = http(self.nginx.url("/export?q=ledger&format=csv&collapse=false")).text
        self.assertEqual(raw_controls(csv, allowed="\r\n"), [])

    def test_the_terminal_prints_no_control_sequences_of_the_payloads(self):
        out = run("herald-searcher", "--db", self.db, "quarry", check=0).stdout
        self.assertIn("Quarry vote", out)
        self.assertNotIn("\x1b", out)  # piped: no ANSI; stored text cannot inject escapes


if __name__ == "__main__":
    main()
