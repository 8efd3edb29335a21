"""Sharded indexes searched together through Xapian's remote backend: real
xapian-tcpsrv processes on loopback, each serving one shard of the sample
corpus plus the BBC corpus (when ../shared is present), compared with one
unsharded database of the same articles; a shard stopped and restarted
mid-test, from the command line and through the FastCGI endpoint."""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.parse

from herald_cli import BIN, CORPUS, SEED_ID, SHARED, index, main, run, synthetic_articles, write_jsonl
from web_servers import Nginx, Searcher, free_port, http, wait_until, can_connect

BBC = os.path.join(SHARED, "corpus", "bbc")
SHARDS = 3
QUERIES = ["gas hub Turkey", "election campaign", '"prime minister"', "Blair Brown", "music award", "oil prices",
           "football AND chelsea", "mobile phone", "title:economy", "tax NOT vat"]


def fnv1a_shard(article_id, count):
    """shards.cpp's shard_of: FNV-1a 64 of the id's UTF-8 bytes, modulo the count."""
    value = 0xcbf29ce484222325
    for byte in article_id.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return value % count


def search(dbs, *query, extra=(), check=0):
    args = [arg for db in dbs for arg in ("--db", db)]
    proc = run("herald-searcher", *args, "--json", *extra, *query, check=check)
    return json.loads(proc.stdout), proc


class TcpServer:
    def __init__(self, db):
        self.db, self.port = db, free_port()
        self.label = f"tcp://127.0.0.1:{self.port}"
        self.start()

    def start(self):
        self.proc = subprocess.Popen(["xapian-tcpsrv", "--port", str(self.port), "--interface", "127.0.0.1",
                                      "--quiet", self.db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     # On SIGTERM xapian-tcpsrv signals its whole process group: not ours.
                                     start_new_session=True)
        wait_until(lambda: self.proc.poll() is not None or can_connect(("127.0.0.1", self.port)),
                   what=f"xapian-tcpsrv on {self.port}")
        if self.proc.poll() is not None:
            raise AssertionError(f"xapian-tcpsrv exited {self.proc.returncode}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def assert_same_ranking(test, expected, actual, what):
    """Same scores in the same order; ids may differ only among equal scores
    (ties are broken by document id, which sharding renumbers)."""
    e, a = expected["results"], actual["results"]
    test.assertEqual(len(e), len(a), what)
    for x, y in zip(e, a):
        test.assertAlmostEqual(x["score"], y["score"], delta=1e-9 * max(1.0, abs(x["score"])), msg=what)

    def groups(results):
        by_score, collapsed = {}, set()
        for r in results:
            key = round(r["score"], 6)
            by_score.setdefault(key, set()).add(r["id"])
            if r["duplicates"]:
                collapsed.add(key)
        # The first and last tie groups may be cut by the page's edges.
        edges = {round(results[0]["score"], 6), round(results[-1]["score"], 6)} if results else set()
        return by_score, collapsed | edges
    (e_groups, e_skip), (a_groups, a_skip) = groups(e), groups(a)
    # Collapsing keeps one of identical copies, which one follows document ids
    # (and over remote shards, "duplicates" counts only copies in the same shard).
    skip = e_skip | a_skip
    test.assertEqual({k: v for k, v in e_groups.items() if k not in skip},
                     {k: v for k, v in a_groups.items() if k not in skip}, what)


class ShardsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-shards-")
        cls.inputs = [CORPUS] + ([BBC] if os.path.isdir(BBC) else [])
        if len(cls.inputs) == 1:
            print(f"note: {BBC} is absent; testing over the bundled sample only")
        cls.single = os.path.join(cls.tmp, "single")
        cls.sharded = os.path.join(cls.tmp, "sharded")
        index(cls.single, *cls.inputs)
        cls.index_summary = index(cls.sharded, "--shards", str(SHARDS), "--jobs", "2", *cls.inputs).stderr
        cls.shard_dirs = [os.path.join(cls.sharded, f"shard-{i:02}") for i in range(SHARDS)]
        cls.servers = []
        try:
            cls.servers = [TcpServer(d) for d in cls.shard_dirs]
        except Exception:
            cls.tearDownClass()
            raise
        cls.remote = [s.label for s in cls.servers]

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers:
            server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def doccount(self, db):
        out = subprocess.run(["xapian-delve", db], capture_output=True, text=True, check=True).stdout
        return int([l for l in out.splitlines() if l.startswith("number of documents")][0].split("=")[1])

    # --- sharded indexing ---------------------------------------------------

    def test_articles_are_split_by_id_hash_and_listed_in_the_stub(self):
        with open(os.path.join(self.sharded, "herald.stub")) as f:
            listed = [l.split() for l in f if l.strip() and not l.startswith("#")]
        self.assertEqual(listed, [["auto", f"shard-{i:02}"] for i in range(SHARDS)])
        counts = [self.doccount(d) for d in self.shard_dirs]
        self.assertEqual(sum(counts), self.doccount(self.single))
        self.assertTrue(all(c > 0 for c in counts), counts)
        for shard, directory in enumerate(self.shard_dirs):
            self.assertEqual(subprocess.run(["xapian-check", directory], capture_output=True).returncode, 0)
            found, _ = search([directory], "the", extra=("--limit", "30", "--no-collapse"))
            for hit in found["results"]:
                self.assertEqual(fnv1a_shard(hit["id"], SHARDS), shard, hit["id"])

    def test_updates_and_deletes_reach_the_right_shard(self):
        work = os.path.join(self.tmp, "work")
        shutil.copytree(self.sharded, work)
        articles = synthetic_articles(30, id_prefix="upd")
        feed = os.path.join(self.tmp, "update.jsonl")
        write_jsonl(feed, articles)
        before = self.doccount(os.path.join(work, "herald.stub"))
        index(work, feed)  # no --shards: the directory says how many
        self.assertEqual(self.doccount(os.path.join(work, "herald.stub")), before + 30)
        articles[0]["title"] = "Quuxelbrand treaty revised"
        write_jsonl(feed, articles)
        index(work, feed)
        found, _ = search([work], "Quuxelbrand")
        self.assertEqual([r["id"] for r in found["results"]], [articles[0]["id"]])
        self.assertEqual(found["results"][0]["shard"], f"shard-{fnv1a_shard(articles[0]['id'], SHARDS):02}")
        index(work, "--delete", articles[0]["id"])
        self.assertEqual(self.doccount(os.path.join(work, "herald.stub")), before + 29)
        wrong = index(work, "--shards", "2", feed, check=2)
        self.assertIn("3 shards", wrong.stderr)
        piped = index(work, "-", stdin="", check=2)
        self.assertIn("standard input", piped.stderr)

    # --- searching across shards ----------------------------------------------

    def test_rankings_equal_the_unsharded_database(self):
        for query in QUERIES:
            for extra in (("--no-collapse", "--limit", "20"), ("--limit", "10", "--offset", "5")):
                expected, _ = search([self.single], query, extra=extra)
                for dbs in ([self.sharded], self.remote):
                    with self.subTest(query=query, extra=extra, dbs=dbs[0]):
                        assert_same_ranking(self, expected, search(dbs, query, extra=extra)[0], query)

    def test_seed_first_through_remote_shards_with_shard_labels(self):
        found, _ = search(self.remote, "gas hub Turkey")
        first = found["results"][0]
        self.assertEqual(first["id"], SEED_ID)
        self.assertEqual(first["shard"], self.remote[fnv1a_shard(SEED_ID, SHARDS)])
        self.assertFalse(found["partial"])
        self.assertEqual(found["missing_shards"], [])

    def test_facets_spelling_and_more_like_this_across_shards(self):
        extra = ("--facets", "source,year,tag", "--no-collapse")
        expected, _ = search([self.single], "the", extra=extra)
        for dbs in ([self.sharded], self.remote):
            actual, _ = search(dbs, "the", extra=extra)
            for name in ("source", "year", "tag"):
                self.assertEqual(sorted(map(json.dumps, actual["facets"][name])),
                                 sorted(map(json.dumps, expected["facets"][name])), (dbs[0], name))
            self.assertEqual(search(dbs, "goverment")[0]["corrected_query"],
                             search([self.single], "goverment")[0]["corrected_query"])
            related, _ = search(dbs, extra=("--like", SEED_ID, "--limit", "5"))
            self.assertTrue(related["results"])
            self.assertNotIn(SEED_ID, [r["id"] for r in related["results"]])

    def test_top_terms_over_remote_shards(self):
        extra = ("--top-terms", "10", "--limit", "0")
        expected, _ = search([self.single], "minister", extra=extra)
        sharded, _ = search([self.sharded], "minister", extra=extra)
        remote, _ = search(self.remote, "minister", extra=extra)
        self.assertTrue(expected["top_terms"])
        self.assertEqual(remote["top_terms_foreground"], sharded["top_terms_foreground"])
        # "minister" also lists Ministry articles through its name key, and says so.
        cut = lambda result: [w for w in result["warnings"] if "variant spelling" not in w]
        for warning in cut(remote) + cut(sharded):
            self.assertIn("time budget", warning)  # a slow machine (sanitizers) counts fewer phrases
        if not cut(remote) and not cut(sharded):
            # Remote shards give what the same shards give locally (term statistics gathered in one match).
            self.assertEqual(remote["top_terms"], sharded["top_terms"])
        # One database ranks ties in its own document order, so its foreground may differ at the edge.
        terms = lambda result: {t["term"] for t in result["top_terms"]}
        self.assertGreaterEqual(len(terms(expected) & terms(remote)), 6, (expected["top_terms"], remote["top_terms"]))

    def test_recency_over_remote_shards_ranks_as_locally(self):
        for half_life in ("30", "365"):
            extra = ("--recency", half_life, "--no-collapse", "--limit", "20")
            expected, _ = search([self.single], "minister", extra=extra)
            for dbs in ([self.sharded], self.remote):
                with self.subTest(half_life=half_life, dbs=dbs[0]):
                    assert_same_ranking(self, expected, search(dbs, "minister", extra=extra)[0], "minister")

    def test_name_variants_over_remote_shards_as_locally(self):
        # "minister" also finds articles with "Ministry" through its name key:
        # listed, not counted, and over remote shards (Xapian's spies only) too.
        extra = ("--no-collapse", "--facets", "source")
        local, _ = search([self.sharded], "minister", extra=extra)
        remote, _ = search(self.remote, "minister", extra=extra)
        if local["name_variants"] == 0:
            self.skipTest("no name variants of 'minister' in this corpus")
        self.assertEqual(remote["name_variants"], local["name_variants"])
        self.assertEqual(remote["total"], local["total"])
        self.assertEqual(remote["facets"], local["facets"])
        counted, _ = search(self.remote, "minister", extra=extra + ("--count-name-variants",))
        self.assertEqual(counted["total"], local["total"] + local["name_variants"])

    def test_oldest_first_over_shards(self):
        local, _ = search([self.sharded], "minister", extra=("--sort", "date", "--limit", "50"))
        dates = [r["date"] for r in local["results"]]
        self.assertIn(None, dates)
        self.assertTrue(all(d is None for d in dates[dates.index(None):]), dates)
        self.assertFalse(any("undated" in warning for warning in local["warnings"]), local["warnings"])
        # Xapian 1.4's remote protocol cannot carry the key that puts undated
        # articles last: the order is the plain value order, and says so.
        remote, _ = search(self.remote, "minister", extra=("--sort", "date", "--limit", "50"))
        self.assertEqual(len(remote["results"]), len(local["results"]))
        self.assertTrue(any("undated" in warning for warning in remote["warnings"]), remote["warnings"])

    def test_a_stopped_shard_is_an_error_or_a_flagged_partial_answer(self):
        full, _ = search(self.remote, "election campaign", extra=("--limit", "50"))
        down = self.servers[1]
        down.stop()
        try:
            _, proc = search(self.remote, "election campaign", extra=("--timeout", "2000"), check=3)
            self.assertIn(down.label, proc.stderr)
            self.assertIn("unavailable", proc.stderr)
            partial, proc = search(self.remote, "election campaign",
                                   extra=("--allow-partial", "--timeout", "2000", "--limit", "50"))
            self.assertTrue(partial["partial"])
            self.assertEqual(partial["missing_shards"], [down.label])
            self.assertIn("warning", proc.stderr)
            self.assertTrue(partial["results"])
            self.assertNotIn(down.label, {r["shard"] for r in partial["results"]})
            expected = [r["id"] for r in full["results"] if r["shard"] != down.label]
            self.assertEqual([r["id"] for r in partial["results"]][:10], expected[:10])
        finally:
            down.start()
        restored, _ = search(self.remote, "election campaign", extra=("--limit", "50"))
        self.assertEqual([r["id"] for r in restored["results"]], [r["id"] for r in full["results"]])

    def test_fastcgi_endpoint_over_remote_shards(self):
        remote_args = [a for label in self.remote for a in ("--db", label)]
        strict = Searcher(self.tmp, "strict", remote_args[1], *remote_args[2:], "--timeout", "2000")
        lenient = Searcher(self.tmp, "lenient", remote_args[1], *remote_args[2:], "--timeout", "2000",
                           "--allow-partial")
        nginx = Nginx(self.tmp, {"/strict/": strict.upstream, "/lenient/": lenient.upstream})
        path = "/search?" + urllib.parse.urlencode({"q": "gas hub Turkey"})
        down = self.servers[fnv1a_shard(SEED_ID, SHARDS)]
        try:
            for prefix in ("/strict", "/lenient"):
                answer = json.loads(http(nginx.url(prefix + path)).body)
                self.assertEqual(answer["results"][0]["id"], SEED_ID)
            # Recency travels to xapian-tcpsrv as Xapian's own posting source.
            fresh = http(nginx.url("/strict/search?" + urllib.parse.urlencode({"q": "minister", "recency": "30"})))
            self.assertEqual(fresh.status, 200, fresh.body)
            down.stop()
            self.assertEqual(http(nginx.url("/strict" + path)).status, 503)
            partial = http(nginx.url("/lenient" + path))
            self.assertEqual(partial.status, 200)
            body = json.loads(partial.body)
            self.assertTrue(body["partial"])
            self.assertEqual(body["missing_shards"], [down.label])
            self.assertNotIn(SEED_ID, [r["id"] for r in body["results"]])
            health = json.loads(http(nginx.url("/lenient/health")).body)
            self.assertEqual(health["status"], "degraded")
            down.start()

            def recovered(prefix):
                reply = http(nginx.url(prefix + path))
                return reply.status == 200 and json.loads(reply.body)["results"][0]["id"] == SEED_ID \
                    and not json.loads(reply.body)["partial"]
            wait_until(lambda: recovered("/strict"), timeout=10, what="the strict endpoint to recover")
            wait_until(lambda: recovered("/lenient"), timeout=10, what="the lenient endpoint to reconnect")
        finally:
            down.start() if down.proc.poll() is not None else None
            nginx.stop()
            strict.stop()
            lenient.stop()


def dated_articles():
    """60 dated articles, each with a word of its own, "budget" in all, "tariff" in every third; every
    tenth is a later copy of the one nine before it (the same text, another id and date)."""
    articles = []
    for n in range(60):
        source = n - 9 if n % 10 == 9 else n
        tariff = " Tariff talks went on." if source % 3 == 0 else ""
        articles.append({"id": f"dated-{n}", "title": f"Report {source} uniqueword{source}",
                         "body": f"The budget vote number {source} was held.{tariff} uniqueword{source} stays.",
                         "date": f"{1990 + n % 7}-{1 + n % 12:02d}-{1 + n % 28:02d}"})
    return articles


def brute_force_years(articles, word, collapse):
    """Matches of `word` by year, counted from the articles themselves: with `collapse`, copies (the same
    title and body) once, in the year of the earliest."""
    earliest = {}
    for article in articles:
        if word not in (article["title"] + " " + article["body"]).lower().replace(".", " ").split():
            continue
        key = (article["title"], article["body"]) if collapse else article["id"]
        earliest[key] = min(earliest.get(key, article["date"]), article["date"])
    years = {}
    for date in earliest.values():
        years[date[:4]] = years.get(date[:4], 0) + 1
    return years


class LocalShardTimelines(unittest.TestCase):
    """Timelines and compare over local shards (--shards N searched as one directory) count each article
    on its own day and copy group: the same buckets as one database, and as a brute-force count."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-shard-timelines-")
        cls.articles = dated_articles()
        path = write_jsonl(os.path.join(cls.tmp, "dated.jsonl"), cls.articles)
        cls.single = os.path.join(cls.tmp, "single")
        index(cls.single, path)
        cls.sharded = os.path.join(cls.tmp, "sharded")
        index(cls.sharded, "--shards", str(SHARDS), path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @staticmethod
    def years(timeline):
        return {b["period"]: b["count"] for b in timeline["buckets"] if b["count"]}

    def test_timelines_match_one_database_and_a_brute_force_count(self):
        for word in ["budget", "tariff", "uniqueword5", "uniqueword12", "uniqueword0"]:
            for collapse in (True, False):
                with self.subTest(word=word, collapse=collapse):
                    extra = ("--timeline", "year") + (() if collapse else ("--no-collapse",))
                    expected = brute_force_years(self.articles, word, collapse)
                    single, _ = search([self.single], word, extra=extra)
                    sharded, _ = search([self.sharded], word, extra=extra)
                    self.assertEqual(self.years(single["timeline"]), expected)
                    self.assertEqual(self.years(sharded["timeline"]), expected)
                    self.assertEqual(sharded["timeline"], single["timeline"])  # the archive's side too

    def test_compare_matches_one_database(self):
        extra = ("--timeline", "year", "--compare", "budget", "--compare", "tariff", "--compare", "uniqueword7")
        single, _ = search([self.single], extra=extra)
        sharded, _ = search([self.sharded], extra=extra)
        self.assertEqual(sharded["compare"], single["compare"])
        for entry in sharded["compare"]:
            self.assertEqual(self.years(entry["timeline"]), brute_force_years(self.articles, entry["query"], True))


if __name__ == "__main__":
    main()
