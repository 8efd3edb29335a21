"""The FastCGI endpoint behind a real nginx on loopback: the JSON API, the
HTML page, limits and errors, live reopening while the indexer commits,
the time limit, /health, /metrics, the access log and the SIGTERM drain.

Runs over the bundled sample (with the seed article); adds the BBC corpus
when ../shared is present."""
import json
import os
import shutil
import tempfile
import threading
import time
import unittest
import urllib.parse

from herald_cli import (CORPUS, SEED_ID, SHARED, index, main, run, search_json, synthetic_articles,
                        write_jsonl)
from web_servers import Nginx, Searcher, http, wait_until

BBC = os.path.join(SHARED, "corpus", "bbc")
MAX_LIMIT = 7  # the main searcher's --max-limit


def query(**params):
    return "?" + urllib.parse.urlencode(params, doseq=True)


class WebEndpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-web-")
        cls.db = os.path.join(cls.tmp, "db")
        inputs = [CORPUS]
        if os.path.isdir(BBC):
            inputs.append(BBC)
        else:
            print(f"note: {BBC} is absent; testing over the bundled sample only")
        index(cls.db, *inputs)
        cls.servers = []
        cls.nginx = None
        try:
            cls.main = cls.start(Searcher(cls.tmp, "main", cls.db, "--max-limit", str(MAX_LIMIT)))
            # A match of at least a microsecond always reaches this limit.
            cls.limited = cls.start(Searcher(cls.tmp, "limited", cls.db, "--time-limit", "0.001", listen="stdin"))
            cls.nginx = Nginx(cls.tmp, {"/": cls.main.upstream, "/limited/": cls.limited.upstream})
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def start(cls, searcher):
        cls.servers.append(searcher)
        return searcher

    @classmethod
    def tearDownClass(cls):
        if cls.nginx:
            cls.nginx.stop()
        for server in cls.servers:
            server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def get(self, path, method="GET"):
        return http(self.nginx.url(path), method=method)

    def get_json(self, path, status=200):
        reply = self.get(path)
        self.assertEqual(reply.status, status, reply.body[:500])
        self.assertEqual(reply.headers["Content-Type"], "application/json; charset=utf-8")
        return json.loads(reply.body)

    # --- JSON API -------------------------------------------------------

    def test_gas_hub_turkey_puts_the_seed_first(self):
        result = self.get_json("/search" + query(q="gas hub Turkey"))
        self.assertEqual(result["results"][0]["id"], SEED_ID)
        self.assertIn("<b>hub</b>", result["results"][0]["snippet"])

    def test_json_equals_the_command_line(self):
        cases = [
            ({"q": "gas hub Turkey"}, ["gas hub Turkey"]),
            ({"q": "election", "limit": "3", "offset": "2"}, ["--limit", "3", "--offset", "2", "election"]),
            ({"q": "the", "facets": "source,tag,year"}, ["--facets", "source,tag,year", "the"]),
            ({"q": "vote", "sort": "-date"}, ["--sort", "-date", "vote"]),
            ({"q": "minister", "sort": "date"}, ["--sort", "date", "minister"]),
            ({"q": "minister", "collapse": "false"}, ["--no-collapse", "minister"]),
            ({"source": "Example Wire Service", "from": "2022", "to": "2022-12"},
             ["--source", "Example Wire Service", "--from", "2022", "--to", "2022-12"]),
            ({"like": SEED_ID, "limit": "5"}, ["--like", SEED_ID, "--limit", "5"]),
            ({"q": "goverment"}, ["goverment"]),  # spelling suggestion
        ]
        for params, cli in cases:
            with self.subTest(params=params):
                self.assertEqual(self.get_json("/search" + query(**params)), search_json(self.db, *cli))

    def test_date_sorts_put_undated_articles_last(self):
        for order in ("date", "-date"):
            with self.subTest(sort=order):
                dates = [r["date"] for r in self.get_json("/search" + query(q="minister", sort=order))["results"]]
                self.assertIn(None, dates)
                first_undated = dates.index(None)
                self.assertGreater(first_undated, 0, dates)
                self.assertTrue(all(d is None for d in dates[first_undated:]), dates)
                self.assertEqual(dates[:first_undated], sorted(dates[:first_undated], reverse=order == "-date"))

    def test_bad_parameters_are_400_with_an_error(self):
        cases = {
            "limit=x": "limit",
            "offset=-1": "offset",
            "offset=999999": "offset",
            "sort=newest": "sort",
            "colour=red": "colour",
            "q=a&q=b": "q",
            "q=gas&facets=weather": "weather",
            "q=gas&from=yesterday": "yesterday",
            "q=%FF%FE": "UTF-8",
            "q=" + "a" * 1100: "1024",
            "": "empty query",
            "collapse=maybe&q=gas": "collapse",
            "q=gas&recency=-3": "recency",
            "q=gas&facets=tag,tag": "more than once",
        }
        for query_string, named in cases.items():
            with self.subTest(query_string=query_string[:40]):
                error = self.get_json("/search?" + query_string, status=400)
                self.assertEqual(list(error), ["error"])
                self.assertIn(named, error["error"])

    def test_limit_is_capped(self):
        result = self.get_json("/search" + query(q="the", limit=500))
        self.assertGreater(result["total"], MAX_LIMIT)
        self.assertEqual(len(result["results"]), MAX_LIMIT)

    def test_unknown_path_is_404_and_other_methods_405(self):
        self.assertEqual(self.get("/nothing-here").status, 404)
        self.assertEqual(self.get("/%FF").status, 404)  # not UTF-8: still a clean 404
        self.assertIn("error", json.loads(self.get("/nothing-here").body))
        posted = self.get("/search?q=gas", method="POST")
        self.assertEqual(posted.status, 405)
        self.assertEqual(posted.headers["Allow"], "GET, HEAD")
        self.assertEqual(self.get("/search?q=gas", method="DELETE").status, 405)

    def test_head_sends_headers_only(self):
        head = self.get("/search?q=gas", method="HEAD")
        self.assertEqual(head.status, 200)
        self.assertEqual(head.body, b"")
        self.assertEqual(int(head.headers["Content-Length"]), len(self.get("/search?q=gas").body))

    @unittest.skipIf(os.environ.get("HERALD_TSAN"), "Xapian's time limit runs on a glibc timer thread (SIGEV_THREAD) "
                     "that ThreadSanitizer does not know, which crashes inside TSan's allocator")
    def test_time_limit_flags_partial_results(self):
        # Xapian 1.4's limit ends the exhaustive counting that facets need.
        result = self.get_json("/limited/search" + query(q="the minister said", facets="source"))
        self.assertTrue(result["partial"])
        self.assertIn("time limit", result["warnings"][0])
        self.assertTrue(result["results"])
        self.assertFalse(self.get_json("/search" + query(q="the minister said", facets="source"))["partial"])
        self.assertIn("herald_search_partial_total 1", self.get("/limited/metrics").text)

    # --- HTML page ------------------------------------------------------

    def test_html_page_escapes_the_query(self):
        reply = self.get("/" + query(q="<script>alert(1)</script>"))
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.headers["Content-Type"], "text/html; charset=utf-8")
        self.assertIn("default-src 'none'", reply.headers["Content-Security-Policy"])
        self.assertNotIn("<script", reply.text.lower())
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", reply.text)

    def test_html_page_shows_results_facets_and_pages(self):
        page = self.get("/" + query(q="gas hub Turkey", limit=2, match="any")).text
        self.assertIn("Russia is Expanding and Strengthening Cooperation With Asia", page)
        # One article holds every word, more hold some: the page says both, and links the other set.
        self.assertRegex(page, r"of [0-9]+ articles with some of the words &middot; <a href=\"[^\"]*match=all[^\"]*\">1 with all</a>")
        self.assertIn("<b>hub</b>", page)
        self.assertIn('name="q" value="gas hub Turkey"', page)
        self.assertIn("<h3>source</h3>", page)
        next_link = page.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
        self.assertIn("offset=2", next_link)
        second = self.get("/" + next_link).text
        self.assertIn('<ol start="3">', second)
        self.assertIn('rel="prev"', second)

    def test_html_page_without_a_query_is_the_form(self):
        page = self.get("/").text
        self.assertIn('<form method="get"', page)
        self.assertIn("Search ", page)
        bad = self.get("/?limit=lots")
        self.assertEqual(bad.status, 400)
        self.assertIn("limit: &#39;lots&#39; is not a whole number", bad.text)

    # --- Operations -----------------------------------------------------

    def test_health(self):
        health = self.get_json("/health")
        self.assertEqual(health["status"], "ok")
        self.assertGreater(health["documents"], 10)
        self.assertRegex(health["last_commit"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_metrics_count_requests(self):
        before = self.get("/metrics").text
        self.get("/search?q=gas")
        self.get("/search?limit=x")
        after = self.get("/metrics").text
        self.assertIn("# TYPE herald_http_request_duration_seconds histogram", after)
        self.assertIn('herald_http_request_duration_seconds_bucket{le="+Inf"}', after)
        self.assertRegex(after, r"herald_documents \d+")
        # A faceted search reads the column store; its memory and build time are shown.
        self.get("/search?q=gas&facets=source")
        columns = self.get("/metrics").text
        self.assertRegex(columns, r"herald_column_store_bytes [1-9]\d*\n")
        self.assertRegex(columns, r"herald_column_store_build_seconds \d+\.\d{6}\n")

        def counter(text, name):
            for line in text.splitlines():
                if line.startswith(name + " "):
                    return int(line.split()[1])
            return 0
        for series in ('herald_http_requests_total{route="search",code="2xx"}',
                       'herald_http_requests_total{route="search",code="4xx"}'):
            self.assertEqual(counter(after, series), counter(before, series) + 1, series)

    def test_repeated_searches_come_from_the_cache(self):
        def hits():
            line = [l for l in self.get("/metrics").text.splitlines() if l.startswith("herald_cache_hits_total ")]
            return int(line[0].split()[1])
        first = self.get("/search" + query(q="cache probe minister")).body
        before = hits()
        for _ in range(3):
            self.assertEqual(self.get("/search" + query(q="cache probe minister")).body, first)
        self.assertGreaterEqual(hits(), before + 3)

    def test_access_log_has_a_line_per_request(self):
        self.get("/search" + query(q="access log probe"))
        wait_until(lambda: "access log probe" in self.main.access_log(), timeout=5, what="the access log line")
        line = [l for l in self.main.access_log().splitlines() if "access log probe" in l][-1]
        self.assertRegex(line, r'^\d{4}-\d\d-\d\dT[\d:.]+Z GET /search 200 [\d.]+ms results=\d+ '
                               r'q="access log probe"$')

    def test_new_articles_appear_while_serving(self):
        articles = synthetic_articles(600, id_prefix="live")
        articles[-1]["title"] = "Zyxquorbian referendum announced"
        feed = os.path.join(self.tmp, "live.jsonl")
        write_jsonl(feed, articles)
        statuses, stop = [], threading.Event()

        def hammer():
            while not stop.is_set():
                statuses.append(self.get("/search" + query(q="election budget", facets="source")).status)
        readers = [threading.Thread(target=hammer) for _ in range(2)]
        for reader in readers:
            reader.start()
        try:
            before = self.get_json("/health")["documents"]
            # Asked (and cached) before the articles exist: the answer must not outlive the commit.
            self.assertEqual(self.get_json("/search" + query(q="Zyxquorbian"))["results"], [])
            index(self.db, "--batch-size", "50", "--jobs", "1", feed)
        finally:
            stop.set()
            for reader in readers:
                reader.join()
        self.assertGreater(len(statuses), 5)
        self.assertEqual(set(statuses), {200})
        self.assertEqual(self.get_json("/health")["documents"], before + 600)
        found = self.get_json("/search" + query(q="Zyxquorbian"))
        self.assertEqual([r["id"] for r in found["results"]], [articles[-1]["id"]])


class ServerLifecycleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="herald-web-")
        self.db = os.path.join(self.tmp, "db")
        index(self.db, CORPUS)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_sigterm_drains_and_exits_zero(self):
        searcher = Searcher(self.tmp, "drain", self.db, listen="unix")
        nginx = Nginx(self.tmp, {"/": searcher.upstream})
        try:
            results = []

            def ask():
                results.append(http(nginx.url("/search" + query(q="the", facets="source,tag,year,author"))).status)
            askers = [threading.Thread(target=ask) for _ in range(20)]
            for asker in askers:
                asker.start()
            time.sleep(0.02)
            self.assertEqual(searcher.stop(), 0)
            for asker in askers:
                asker.join()
            self.assertIn("stopped after answering the requests in progress", searcher.stderr())
            self.assertFalse(os.path.exists(searcher.address), "the Unix socket is removed")
            # Requests the searcher accepted were answered; later ones find it gone (502).
            self.assertTrue(set(results) <= {200, 502}, results)
        finally:
            nginx.stop()
            searcher.stop()

    def test_a_database_replaced_on_disk_is_picked_up(self):
        # The indexer's bulk path renames a merged database into place;
        # reopen() alone would keep reading the old files.
        searcher = Searcher(self.tmp, "swap", self.db)
        nginx = Nginx(self.tmp, {"/": searcher.upstream})
        try:
            path = "/search" + query(q="Zorblaxian")
            for _ in range(4):  # every worker (they take turns) has the old database open
                self.assertEqual(json.loads(http(nginx.url(path)).body)["results"], [])
            feed = os.path.join(self.tmp, "extra.jsonl")
            articles = synthetic_articles(3, id_prefix="swap")
            articles[0]["title"] = "Zorblaxian summit opens"
            write_jsonl(feed, articles)
            rebuilt = os.path.join(self.tmp, "rebuilt")
            index(rebuilt, CORPUS, feed)
            os.rename(self.db, self.db + ".old")
            os.rename(rebuilt, self.db)
            for _ in range(4):
                found = json.loads(http(nginx.url(path)).body)
                self.assertEqual([r["id"] for r in found["results"]], [articles[0]["id"]])
        finally:
            nginx.stop()
            searcher.stop()

    def test_cannot_listen_is_exit_2(self):
        taken = Searcher(self.tmp, "first", self.db)
        try:
            proc = run("herald-searcher", "--db", self.db, "--fastcgi", "--listen", taken.upstream)
            self.assertEqual(proc.returncode, 2)
            self.assertIn(f"cannot listen on {taken.upstream}", proc.stderr)
        finally:
            taken.stop()
        proc = run("herald-searcher", "--db", self.db, "--fastcgi")  # stdin is not a socket
        self.assertEqual(proc.returncode, 2)
        self.assertIn("not a FastCGI socket", proc.stderr)
        proc = run("herald-searcher", "--db", os.path.join(self.tmp, "missing"), "--fastcgi", "--listen", "127.0.0.1:0")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("cannot open database", proc.stderr)


if __name__ == "__main__":
    main()
