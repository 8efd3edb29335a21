"""Articles carrying script payloads in their title, source, author, url
(`javascript:`), body and a keyword field are indexed and shown by every
front end: the HTML page (loaded in headless Chromium), the Atom feed, the
JSON and the terminal. Nothing executes, no payload becomes markup, no
`javascript:` URL becomes a link, and the page carries its
Content-Security-Policy header. Skipped (exit 77) when Chromium cannot start."""
import json
import os
import shutil
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from herald_cli import index, main, run, write_jsonl
from test_web_charts import dump_dom, require_chromium
from web_servers import Nginx, Searcher, http

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


class ScriptInjectionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_chromium()
        cls.tmp = tempfile.mkdtemp(prefix="herald-xss-")
        cls.profile = os.path.join(cls.tmp, "chromium")
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, "--keyword", "bias", write_jsonl(os.path.join(cls.tmp, "xss.jsonl"), hostile_articles()))
        cls.searcher = cls.nginx = None
        try:
            cls.searcher = Searcher(cls.tmp, "xss", cls.db)
            cls.nginx = Nginx(cls.tmp, {"/": cls.searcher.upstream})
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.nginx:
            cls.nginx.stop()
        if cls.searcher:
            cls.searcher.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

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

    def test_the_terminal_prints_no_control_sequences_of_the_payloads(self):
        out = run("searcher", "--db", self.db, "quarry", check=0).stdout
        self.assertIn("Quarry vote", out)
        self.assertNotIn("\x1b", out)  # piped: no ANSI; stored text cannot inject escapes


if __name__ == "__main__":
    main()
