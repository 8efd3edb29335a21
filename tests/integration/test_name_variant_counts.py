"""Name keys find variant spellings (and unrelated words that share a key:
"Asylum" for "Islam"); the hits list those articles after the exact forms,
but totals, facets, timelines, compare, top terms and exports leave them
out unless asked (--count-name-variants, web name_variants=count). Counts
are checked against a brute-force count of the articles in the corpus below
that hold an exact form (issue 30 item 6)."""
import json
import os
import re
import shutil
import tempfile
import unittest
import urllib.parse

from herald_cli import index, main, run, search_json, write_jsonl
from web_servers import Searcher, ServedTestCase, http

SOURCES = ("Kyiv Post", "Daily Ledger", "Capitol Wire")


def corpus():
    """Articles naming Zelensky exactly, others naming him only in a variant
    spelling (capitalised mid-sentence, so the indexer keys it), Islam and a
    capitalised Asylum (both key to 'aslm'), and articles with neither."""
    articles = []

    def add(number, body, year):
        articles.append({"id": f"a{number:02d}", "title": f"Report {number} from the capital",
                         "body": body, "date": f"{year}-0{1 + number % 9}-1{number % 9}",
                         "source": SOURCES[number % len(SOURCES)], "tags": ["ukraine" if number % 2 else "europe"],
                         "language": "en"})

    exact = ["On Monday the president Zelensky met envoys about the ceasefire.",
             "Talks stalled, and later President Zelensky spoke to parliament.",
             "The envoy said that Zelensky wants more air defence before winter.",
             "In the capital, crowds cheered when Zelensky arrived at the summit.",
             "Officials confirmed that Zelensky signed the ceasefire decree."]
    variants = ["On Monday the president Zelenskiy met envoys about the ceasefire.",
                "Talks stalled, and later President Zelenskyy spoke to parliament.",
                "The envoy said that Zelenskiy wants more grain corridors opened."]
    for n, body in enumerate(exact):
        add(n, body, 2019 + n % 3)
    for n, body in enumerate(variants, start=10):
        add(n, body, 2020 + n % 2)
    add(20, "Scholars of Islam met in the city to discuss the ceasefire and schools.", 2021)
    add(21, "The history of Islam in the region was the theme of the lecture.", 2020)
    add(22, "Officials at the Asylum Office said the ceasefire had cut the number of claims.", 2021)
    add(23, "The budget debate in parliament ran late into the night.", 2019)
    add(24, "A ceasefire was agreed by the two parties after the summit.", 2020)
    return articles


ARTICLES = corpus()


def holding(pattern, articles=ARTICLES):
    """Brute force: the articles whose text holds a word matching `pattern` exactly (any case)."""
    word = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    return {a["id"] for a in articles if word.search(a["title"] + "\n" + a["body"])}


EXACT = holding("zelensky")
VARIANTS = holding("zelenskiy|zelenskyy")
ISLAM = holding("islam")
ASYLUM = holding("asylum")
CEASEFIRE = holding("ceasefire")


def by_id(ids):
    return [a for a in ARTICLES if a["id"] in ids]


def source_counts(ids):
    counts = {}
    for article in by_id(ids):
        counts[article["source"]] = counts.get(article["source"], 0) + 1
    return counts


def year_counts(ids):
    counts = {}
    for article in by_id(ids):
        counts[article["date"][:4]] = counts.get(article["date"][:4], 0) + 1
    return counts


def facet(result, name):
    return {v["value"]: v["count"] for v in result["facets"][name]}


def timeline(result):
    return {b["period"]: b["count"] for b in result["timeline"]["buckets"] if b["count"]}


def index_corpus(cls, prefix):
    """The test corpus into a database of a new cls.tmp."""
    cls.tmp = tempfile.mkdtemp(prefix=prefix)
    cls.db = os.path.join(cls.tmp, "db")
    index(cls.db, write_jsonl(os.path.join(cls.tmp, "articles.jsonl"), ARTICLES))


class NameVariantCountsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        index_corpus(cls, "herald-variants-")
        # The corpus is what the counts are checked against.
        assert len(EXACT) == 5 and len(VARIANTS) == 3 and not EXACT & VARIANTS, (EXACT, VARIANTS)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def search(self, *args):
        return search_json(self.db, "--limit", "50", *args)

    def export_ids(self, *args):
        proc = run("herald-searcher", "--db", self.db, "--export", "jsonl", *args, check=0)
        return [json.loads(line)["id"] for line in proc.stdout.splitlines()]

    def test_hits_list_variants_after_exact_forms_but_do_not_count_them(self):
        result = self.search("Zelensky")
        ids = [hit["id"] for hit in result["results"]]
        self.assertEqual(set(ids), EXACT | VARIANTS)
        self.assertEqual(set(ids[:len(EXACT)]), EXACT)  # exact forms rank first
        self.assertEqual(result["total"], len(EXACT))
        self.assertEqual(result["name_variants"], len(VARIANTS))
        self.assertTrue(any("3 more articles match only a variant spelling" in w for w in result["warnings"]),
                        result["warnings"])

    def test_facets_timeline_and_top_terms_count_exact_forms_only(self):
        result = self.search("Zelensky", "--facets", "source,year", "--timeline", "year", "--top-terms", "5")
        self.assertEqual(result["total"], len(EXACT))
        self.assertEqual(result["total_lower"], result["total_upper"])
        self.assertEqual(facet(result, "source"), source_counts(EXACT))
        self.assertEqual(facet(result, "year"), year_counts(EXACT))
        self.assertEqual(timeline(result), year_counts(EXACT))
        self.assertEqual(result["name_variants"], len(VARIANTS))
        self.assertLessEqual(result["top_terms_foreground"], len(EXACT))
        self.assertEqual(len(result["results"]), len(EXACT | VARIANTS))

    def test_facets_alone_and_timeline_alone(self):
        self.assertEqual(facet(self.search("Zelensky", "--facets", "source"), "source"), source_counts(EXACT))
        result = self.search("Zelensky", "--timeline", "year")
        self.assertEqual(timeline(result), year_counts(EXACT))
        self.assertEqual(result["total"], len(EXACT))

    def test_export_takes_exact_forms_only(self):
        self.assertEqual(sorted(self.export_ids("Zelensky")), sorted(EXACT))
        self.assertEqual(sorted(self.export_ids("--count-name-variants", "Zelensky")), sorted(EXACT | VARIANTS))

    def test_count_name_variants_counts_them_as_before(self):
        result = self.search("--count-name-variants", "Zelensky", "--facets", "source", "--timeline", "year")
        both = EXACT | VARIANTS
        self.assertEqual(result["total"], len(both))
        self.assertEqual(result["name_variants"], 0)
        self.assertEqual(facet(result, "source"), source_counts(both))
        self.assertEqual(timeline(result), year_counts(both))
        self.assertFalse(any("variant spelling" in w for w in result["warnings"]))
        self.assertEqual({hit["id"] for hit in result["results"]}, both)

    def test_an_unrelated_word_with_the_same_key_is_listed_not_counted(self):
        # The case: "Asylum" keys to Islam's skeleton.
        result = self.search("Islam", "--facets", "year")
        self.assertEqual({hit["id"] for hit in result["results"]}, ISLAM | ASYLUM)
        self.assertEqual(result["total"], len(ISLAM))
        self.assertEqual(facet(result, "year"), year_counts(ISLAM))
        self.assertEqual(result["name_variants"], len(ASYLUM))
        self.assertEqual(sorted(self.export_ids("Islam")), sorted(ISLAM))

    def test_compare_counts_exact_forms_only(self):
        proc = run("herald-searcher", "--db", self.db, "--json", "--compare", "Zelensky", "--compare", "Islam",
                   "--timeline", "year", check=0)
        compared = json.loads(proc.stdout)
        self.assertEqual([t["total"] for t in compared["compare"]], [len(EXACT), len(ISLAM)])
        self.assertEqual(len(compared["warnings"]), 2, compared["warnings"])
        proc = run("herald-searcher", "--db", self.db, "--json", "--compare", "Zelensky", "--count-name-variants", check=0)
        self.assertEqual(json.loads(proc.stdout)["compare"][0]["total"], len(EXACT | VARIANTS))

    def test_a_query_without_names_is_unchanged(self):
        args = ("ceasefire", "--facets", "source", "--timeline", "year")
        default = self.search(*args)
        counted = self.search("--count-name-variants", *args)
        self.assertEqual(default, counted)
        self.assertEqual(default["total"], len(CEASEFIRE))
        self.assertEqual(default["name_variants"], 0)
        self.assertEqual({hit["id"] for hit in default["results"]}, CEASEFIRE)

    def test_an_excluded_name_counts_what_is_listed(self):
        # Keys widen the excluded side too: the counts stay within the hits.
        result = self.search("ceasefire", "NOT", "Zelensky", "--facets", "source")
        ids = {hit["id"] for hit in result["results"]}
        self.assertEqual(ids, CEASEFIRE - EXACT - VARIANTS)
        self.assertEqual(result["total"], len(ids))
        self.assertEqual(sum(facet(result, "source").values()), len(ids))

    def test_human_output_says_so(self):
        proc = run("herald-searcher", "--db", self.db, "Zelensky", check=0)
        self.assertIn(f"About {len(EXACT)} results for \"Zelensky\", and {len(VARIANTS)} with a variant spelling",
                      proc.stdout)
        self.assertIn("--count-name-variants", proc.stderr)


class NameVariantCountsWebTest(ServedTestCase):
    @classmethod
    def setUpClass(cls):
        index_corpus(cls, "herald-variants-web-")
        cls.serve(lambda: Searcher(cls.tmp, "main", cls.db))

    def get(self, path, **params):
        reply = http(self.nginx.url(path + "?" + urllib.parse.urlencode(params)))
        self.assertEqual(reply.status, 200, reply.body[:500])
        return reply.body.decode()

    def test_search_counts_exact_forms_unless_asked(self):
        result = json.loads(self.get("/search", q="Zelensky", facets="source", timeline="year", limit="20"))
        self.assertEqual(result["total"], len(EXACT))
        self.assertEqual(result["name_variants"], len(VARIANTS))
        self.assertEqual(facet(result, "source"), source_counts(EXACT))
        self.assertEqual(timeline(result), year_counts(EXACT))
        self.assertEqual({hit["id"] for hit in result["results"]}, EXACT | VARIANTS)
        counted = json.loads(self.get("/search", q="Zelensky", facets="source", name_variants="count"))
        self.assertEqual(counted["total"], len(EXACT | VARIANTS))
        self.assertEqual(counted["name_variants"], 0)
        self.assertEqual(facet(counted, "source"), source_counts(EXACT | VARIANTS))

    def test_export_and_compare(self):
        exported = [json.loads(line)["id"] for line in self.get("/export", q="Zelensky").splitlines()]
        self.assertEqual(sorted(exported), sorted(EXACT))
        exported = [json.loads(line)["id"]
                    for line in self.get("/export", q="Zelensky", name_variants="count").splitlines()]
        self.assertEqual(sorted(exported), sorted(EXACT | VARIANTS))
        compared = json.loads(self.get("/compare", q="Zelensky", timeline="year"))
        self.assertEqual(compared["compare"][0]["total"], len(EXACT))

    def test_page_shows_the_note_and_pages_through_the_variants(self):
        page = self.get("/", q="Zelensky", limit="5")
        self.assertIn(f"of {len(EXACT)} articles and {len(VARIANTS)} with a variant spelling of a name", page)
        self.assertIn("match only a variant spelling of a name", page)
        self.assertIn('rel="next"', page)  # the variants are on the next page

    def test_bad_value_is_400(self):
        reply = http(self.nginx.url("/search?q=Zelensky&name_variants=maybe"))
        self.assertEqual(reply.status, 400)
        self.assertIn("name_variants", json.loads(reply.body)["error"])


if __name__ == "__main__":
    main()
