"""The search page's charts in a real browser: headless Chromium loads the
page through nginx and the FastCGI searcher, and the rendered DOM is
checked against the JSON API. The timeline has one bar per period whose
titles add up to /search?timeline=; the bias split equals the bias facet;
a bar's link narrows the page to its period and to its count.

Skipped (exit 77) when Chromium is absent or cannot start."""
import calendar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from html.parser import HTMLParser

from herald_cli import CORPUS, SKIP, index, main, write_jsonl
from web_servers import Searcher, ServedTestCase, http

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
BROWSER_TIMEOUT = 45
# Either word: the wire stories of the sample that mention a harbour are matched too.
QUERY = "harbour OR levy"
QUAY_ARTICLES = 120
BIASES = ("left", "center", "right")


def chromium_args(profile):
    # --no-sandbox: Chromium refuses to run as root with its sandbox.
    return [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}"]


def dump_dom(profile, url):
    """The DOM Chromium renders for `url`, serialised."""
    proc = subprocess.run(chromium_args(profile) + ["--dump-dom", url], capture_output=True, text=True,
                          timeout=BROWSER_TIMEOUT)
    if proc.returncode != 0:
        raise AssertionError(f"chromium exited {proc.returncode} on {url}: {proc.stderr[-2000:]}")
    return proc.stdout


def require_chromium():
    """Exits 77 with a message unless headless Chromium can render a page."""
    if not os.path.exists(CHROMIUM):
        print(f"SKIPPED: Chromium is not installed ({CHROMIUM}); scripts/install-deps.sh installs it")
        sys.exit(SKIP)
    profile = tempfile.mkdtemp(prefix="herald-chromium-")
    try:
        proc = subprocess.run(chromium_args(profile) + ["--dump-dom", "about:blank"], capture_output=True,
                              text=True, timeout=BROWSER_TIMEOUT)
        ok = proc.returncode == 0 and "<html" in proc.stdout
        why = proc.stderr[-500:]
    except (OSError, subprocess.TimeoutExpired) as error:
        ok, why = False, str(error)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not ok:
        print(f"SKIPPED: headless Chromium cannot start: {why}")
        sys.exit(SKIP)


def articles():
    """Made-up articles from January to November 2021 (none in June), each
    with a bias; one without, one with a hostile title."""
    out = []
    per_month = {1: 3, 2: 5, 3: 8, 4: 2, 5: 4, 7: 6, 8: 1, 9: 3, 10: 2, 11: 4}
    n = 0
    for month, count in per_month.items():
        for i in range(count):
            n += 1
            out.append({
                "id": f"levy-{n:03d}",
                "title": f"Harbour levy debate continues in the council, part {n}",
                "body": f"The council argued again over the harbour levy on cargo ships. Speaker {n} said "
                        f"the levy would fund the new breakwater.\n\nA vote is expected next month.",
                "date": f"2021-{month:02d}-{1 + (i * 3) % 27:02d}",
                "source": ("Coastal Courier", "Port Gazette")[n % 2],
                "bias": BIASES[n % 3] if n % 4 else BIASES[0],
            })
    # More matches of their own word than the page's top terms read (WebApp: the top 100).
    for n in range(1, QUAY_ARTICLES + 1):
        out.append({"id": f"quay-{n:03d}", "title": f"Quay repairs, week {n}", "date": "2020-06-01",
                    "body": f"Dockers repaired the old quay wall again, crane {n} lifting granite blocks.",
                    "source": "Dock Weekly"})
    out.append({"id": "levy-nobias", "title": "Harbour levy explained", "date": "2021-05-10",
                "body": "What the harbour levy is and who pays it.", "source": "Port Gazette"})
    out.append({"id": "levy-hostile", "title": "<script>alert('levy')</script> & \"harbour\"", "date": "2021-09-09",
                "body": "A harbour levy story with a hostile title.", "source": "<b>Bad & Co</b>",
                "bias": "<i>\"centre\"</i>"})
    return out


class Charts(HTMLParser):
    """The page's timeline bars (href, title) and stacked segments (title)
    per facet, and any script element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svg = None  # attributes of the chart being read
        self.interval = None
        self.href = None
        self.bars = []
        self.splits = {}
        self.title_of = None  # the dict whose title is being read
        self.scripts = 0
        self.total = None
        self.in_meta = False
        self.meta = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        elif tag == "svg" and attrs.get("class") in ("timeline", "stacked"):
            self.svg = attrs
            if attrs["class"] == "timeline":
                self.interval = attrs.get("data-interval")
            else:
                self.splits[attrs["data-facet"]] = []
        elif tag == "a" and self.svg is not None:
            self.href = attrs.get("href")
        elif tag == "rect" and self.svg is not None:
            rect = {"href": self.href, "title": ""}
            if self.svg["class"] == "timeline":
                self.bars.append(rect)
            else:
                self.splits[self.svg["data-facet"]].append(rect)
            self.title_of = rect
        elif tag == "title" and self.title_of is not None:
            self.title_of["reading"] = True
        elif tag == "p" and attrs.get("class") == "meta":
            self.in_meta = True
            self.meta = ""

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = None
        elif tag == "a":
            self.href = None
        elif tag == "title" and self.title_of is not None:
            self.title_of.pop("reading", None)
            self.title_of = None
        elif tag == "p" and self.in_meta:
            self.in_meta = False
            found = re.search(r"of (?:about )?(\d+) articles", self.meta)
            if found:
                self.total = int(found.group(1))

    def handle_data(self, data):
        if self.title_of is not None and self.title_of.get("reading"):
            self.title_of["title"] += data
        if self.in_meta:
            self.meta += data


def parse(dom):
    charts = Charts()
    charts.feed(dom)
    return charts


TITLE = re.compile(r"^(.*): (\d+) of (\d+) articles \(\d+\.\d%\)$")


def counts(rects):
    """[(label, count)] from the titles of bars or segments."""
    out = []
    for rect in rects:
        found = TITLE.match(rect["title"])
        if not found:
            raise AssertionError(f"unexpected title {rect['title']!r}")
        out.append((found.group(1), int(found.group(2))))
    return out


def period_bounds(period):
    """'2021-03' -> ('2021-03-01', '2021-03-31')."""
    year, month = map(int, period.split("-"))
    return f"{period}-01", f"{period}-{calendar.monthrange(year, month)[1]:02d}"


class WebChartsTest(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-charts-")
        cls.profile = os.path.join(cls.tmp, "chromium")
        cls.db = os.path.join(cls.tmp, "db")
        index(cls.db, "--keyword", "bias", write_jsonl(os.path.join(cls.tmp, "levy.jsonl"), articles()), CORPUS)
        cls.serve(lambda: Searcher(cls.tmp, "charts", cls.db))

    def api(self, **params):
        reply = http(self.nginx.url("/search?" + urllib.parse.urlencode(params)))
        self.assertEqual(reply.status, 200, reply.body[:500])
        return json.loads(reply.body)

    def page(self, query_string):
        url = self.nginx.url("/?" + query_string)
        return url, parse(dump_dom(self.profile, url))

    def test_page_has_no_script_and_a_strict_policy(self):
        reply = http(self.nginx.url("/?" + urllib.parse.urlencode({"q": QUERY})))
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.headers["Content-Security-Policy"],
                         "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
        self.assertNotIn("<script", reply.text)
        _, charts = self.page(urllib.parse.urlencode({"q": QUERY}))
        self.assertEqual(charts.scripts, 0)

    def test_page_top_terms_read_a_sample_of_the_matches(self):
        reply = http(self.nginx.url("/?" + urllib.parse.urlencode({"q": "quay"})))
        self.assertEqual(reply.status, 200)
        self.assertIn("Top terms <small>(in the top 100 matches)</small>", reply.text)
        # The API reads the top 200 unless asked otherwise.
        self.assertEqual(self.api(q="quay", top_terms=5)["top_terms_foreground"], QUAY_ARTICLES)

    def test_timeline_bars_and_bias_split_match_the_api(self):
        _, charts = self.page(urllib.parse.urlencode({"q": QUERY}))
        # January 2021 (the levy stories) to October 2022 (a wire story of
        # the sample mentions a harbour) is more than 8 months: a bar a month.
        self.assertEqual(charts.interval, "month")
        timeline = self.api(q=QUERY, timeline=charts.interval)["timeline"]
        expected = [(b["period"], b["count"]) for b in timeline["buckets"]]
        self.assertEqual(len(charts.bars), len(expected))
        self.assertEqual(len(expected), 22)
        self.assertEqual((expected[0][0], expected[-1][0]), ("2021-01", "2022-10"))
        self.assertEqual(counts(charts.bars), expected)
        self.assertIn(("2021-06", 0), expected)  # an empty month still has its bar
        self.assertEqual(sum(c for _, c in counts(charts.bars)), sum(c for _, c in expected))
        self.assertTrue(all(bar["href"] for bar in charts.bars))

        facet = self.api(q=QUERY, facets="bias")["facets"]["bias"]
        self.assertIn("bias", charts.splits)
        self.assertEqual(sorted(counts(charts.splits["bias"])),
                         sorted(((v["value"] if v["value"] is not None else "(none)"), v["count"]) for v in facet))
        # The hostile value came through as text, not markup.
        self.assertIn('<i>"centre"</i>', [label for label, _ in counts(charts.splits["bias"])])
        self.assertEqual(charts.scripts, 0)

    def test_a_bar_narrows_the_page_to_its_period(self):
        url, charts = self.page(urllib.parse.urlencode({"q": QUERY, "offset": "10"}))
        bar_counts = counts(charts.bars)
        period, count = max(bar_counts, key=lambda pc: pc[1])
        href = charts.bars[bar_counts.index((period, count))]["href"]
        narrowed_url = urllib.parse.urljoin(url, href)
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(narrowed_url).query)
        first, last = period_bounds(period)
        self.assertEqual(params["from"], [first])
        self.assertEqual(params["to"], [last])
        self.assertEqual(params["q"], [QUERY])
        self.assertNotIn("offset", params)

        narrowed = parse(dump_dom(self.profile, narrowed_url))
        self.assertEqual(narrowed.total, count)
        # A month of matches is drawn by day, every day within the period.
        self.assertEqual(narrowed.interval, "day")
        days = counts(narrowed.bars)
        self.assertTrue(all(first <= day <= last for day, _ in days), days)
        self.assertEqual(sum(c for _, c in days), count)
        self.assertEqual(self.api(q=QUERY, **{"from": first, "to": last})["total"], count)


if __name__ == "__main__":
    require_chromium()
    main()
