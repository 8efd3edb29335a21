"""News analysis over real news: the first AllSides articles indexed with
their outlet's bias as a keyword field (`--keyword bias`). Timelines add up
to exact totals with shares in [0, 1], exports hold exactly those totals,
bias facets add up and `bias:left` finds only left-rated articles, and
compared queries share their periods, through the command line and the web.
Skipped (exit 77) when ../shared is absent."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

from herald_cli import index, main, require_shared, run, search_json
from web_servers import Nginx, Searcher, http

ALLSIDES = require_shared("corpus", "allsides", "articles.jsonl.zst")
ARTICLES = 4000
FIELDS = ["--field", "id=ID", "--field", "body=content_original", "--field", "tags=topic",
          "--field", "bias=bias_text", "--keyword", "bias"]
QUERIES = ["trump", "border wall", "the"]


def check_timeline(test, timeline, total, interval):
    test.assertEqual(timeline["interval"], interval)
    buckets = timeline["buckets"]
    test.assertEqual(sum(b["count"] for b in buckets) + timeline["undated"], total)
    for bucket in buckets:
        test.assertGreaterEqual(bucket["all"], bucket["count"])
        test.assertGreaterEqual(bucket["share"], 0.0)
        test.assertLessEqual(bucket["share"], 1.0)
        if bucket["all"]:
            test.assertAlmostEqual(bucket["share"], bucket["count"] / bucket["all"])
    if buckets:  # the first and last periods hold matches; gaps between are filled
        test.assertGreater(buckets[0]["count"], 0)
        test.assertGreater(buckets[-1]["count"], 0)
        periods = [b["period"] for b in buckets]
        test.assertEqual(periods, sorted(set(periods)))


class NewsAnalysisTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-analysis-")
        cls.db = os.path.join(cls.tmp, "db")
        head = os.path.join(cls.tmp, "head.jsonl")
        subprocess.run(f"zstd -dc '{ALLSIDES}' | head -n {ARTICLES} > '{head}'", shell=True, check=True)
        proc = index(cls.db, *FIELDS, head, check=None)
        if proc.returncode not in (0, 1):  # 1: some records rejected, reported
            raise AssertionError(proc.stderr[-2000:])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_timelines_add_up_to_the_exact_total(self):
        for query in QUERIES:
            exact = search_json(self.db, "--facets", "year", "--limit", "0", query)["total"]
            for interval in ("month", "year", "week"):
                with self.subTest(query=query, interval=interval):
                    found = search_json(self.db, "--timeline", interval, "--limit", "0", query)
                    self.assertEqual(found["total"], exact)
                    check_timeline(self, found["timeline"], found["total"], interval)
        self.assertGreater(exact, 1000)  # "the": thousands of matches

    def test_filters_narrow_the_archive_counts_too(self):
        everything = search_json(self.db, "--timeline", "year", "--limit", "0", "trump")["timeline"]
        left = search_json(self.db, "--timeline", "year", "--limit", "0", "--filter", "bias=left", "trump")["timeline"]
        all_by_year = {b["period"]: b["all"] for b in everything["buckets"]}
        for bucket in left["buckets"]:
            self.assertLessEqual(bucket["all"], all_by_year[bucket["period"]])
        self.assertLess(sum(b["all"] for b in left["buckets"]), sum(b["all"] for b in everything["buckets"]))

    def test_exports_print_exactly_the_timeline_total(self):
        total = search_json(self.db, "--timeline", "month", "--limit", "0", "the")["total"]
        self.assertGreater(total, 1000)
        lines = run("herald-searcher", "--db", self.db, "--export", "jsonl", "the", check=0).stdout.splitlines()
        self.assertEqual(len(lines), total)
        self.assertTrue(all("bias" in json.loads(line)["fields"] for line in lines[:50]))

    def test_bias_facets_add_up_and_bias_filters_keep_only_their_articles(self):
        for query in ("trump", "border wall"):
            found = search_json(self.db, "--facets", "bias", "--limit", "0", query)
            counts = {v["value"]: v["count"] for v in found["facets"]["bias"]}
            self.assertEqual(sum(counts.values()), found["total"])
            self.assertLessEqual({"left", "center", "right"}, set(counts))
            for side in ("left", "right"):
                with self.subTest(query=query, side=side):
                    typed = run("herald-searcher", "--db", self.db, "--export", "jsonl", f"{query} bias:{side}", check=0)
                    records = [json.loads(line) for line in typed.stdout.splitlines()]
                    self.assertEqual(len(records), counts[side])
                    self.assertEqual({r["fields"]["bias"] for r in records}, {side})
                    filtered = search_json(self.db, "--filter", f"bias={side}", "--limit", "0", "--facets", "bias",
                                           query)
                    self.assertEqual(filtered["total"], counts[side])
        shown = search_json(self.db, "--limit", "3", "trump")["results"]
        self.assertTrue(all(r["fields"]["bias"] in ("left", "center", "right") for r in shown))

    def test_the_database_records_its_keyword_fields(self):
        stats = json.loads(run("herald-indexer", "stats", "--db", self.db, "--json", check=0).stdout)
        self.assertEqual(stats["keyword_fields"], ["bias"])
        self.assertEqual(stats["schema"], "7")

    def test_unknown_keyword_fields_are_clear_errors(self):
        proc = run("herald-searcher", "--db", self.db, "--filter", "desk=metro", "trump", check=2)
        self.assertIn("unknown parameter or keyword field 'desk'", proc.stderr)
        self.assertIn("bias", proc.stderr)
        proc = run("herald-searcher", "--db", self.db, "--facets", "desk", "trump", check=2)
        self.assertIn("unknown facet 'desk'", proc.stderr)

    def test_compared_queries_share_their_periods(self):
        proc = run("herald-searcher", "--db", self.db, "--json", "--timeline", "month", "--compare", "border wall",
                   "--compare", "health care", "--compare", "zzzunmatched", check=0)
        compared = json.loads(proc.stdout)["compare"]
        self.assertEqual([c["query"] for c in compared], ["border wall", "health care", "zzzunmatched"])
        periods = [[b["period"] for b in c["timeline"]["buckets"]] for c in compared]
        self.assertEqual(periods[0], periods[1])
        self.assertEqual(periods[0], periods[2])
        self.assertEqual(compared[2]["total"], 0)
        for c in compared[:2]:
            alone = search_json(self.db, "--timeline", "month", "--limit", "0", c["query"])
            self.assertEqual(c["total"], alone["total"])
            by_period = {b["period"]: b["count"] for b in alone["timeline"]["buckets"]}
            for bucket in c["timeline"]["buckets"]:
                self.assertEqual(bucket["count"], by_period.get(bucket["period"], 0))
        text = run("herald-searcher", "--db", self.db, "--compare", "border wall", "--compare", "health care", check=0)
        self.assertIn('"border wall" by month', text.stdout)
        run("herald-searcher", "--db", self.db, "--compare", "a", "trump", check=2)

    def test_the_web_answers_as_the_command_line(self):
        server = Searcher(self.tmp, "analysis", self.db)
        nginx = None
        try:
            nginx = Nginx(self.tmp, {"/": server.upstream})
            url = nginx.url("/search?" + urllib.parse.urlencode({"q": "trump", "timeline": "month", "limit": 0,
                                                                 "bias": "right"}))
            web = json.loads(http(url).body)
            cli = search_json(self.db, "--timeline", "month", "--limit", "0", "--filter", "bias=right", "trump")
            self.assertEqual(web["timeline"], cli["timeline"])
            self.assertEqual(web["total"], cli["total"])
            url = nginx.url("/compare?" + urllib.parse.urlencode([("q", "border wall"), ("q", "health care"),
                                                                  ("timeline", "year")]))
            compared = json.loads(http(url).body)["compare"]
            self.assertEqual(len(compared), 2)
            self.assertEqual([b["period"] for b in compared[0]["timeline"]["buckets"]],
                             [b["period"] for b in compared[1]["timeline"]["buckets"]])
            bad = http(nginx.url("/search?q=trump&desk=metro"))
            self.assertEqual(bad.status, 400)
            self.assertIn("'desk'", json.loads(bad.body)["error"])
            self.assertEqual(http(nginx.url("/compare?timeline=month")).status, 400)
            self.assertEqual(http(nginx.url("/search?q=trump&timeline=fortnight")).status, 400)
        finally:
            if nginx:
                nginx.stop()
            server.stop()


if __name__ == "__main__":
    main()
