"""Search features through the real binaries on the shared corpora (skipped, exit 77, when absent):
date ranges, sorting, recency, facets, filters, spelling, near-duplicate collapse, more-like-this."""
import collections
import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest

from herald_cli import CORPUS, REPO, SHARED, index, main, ranked_ids, require_shared, run, search_json

BBC = require_shared("corpus", "bbc")
ALLSIDES = require_shared("corpus", "allsides", "articles.jsonl.zst")
ALLSIDES_ARTICLES = 3000


def setUpModule():
    global TMP, BBC_DB, NEWS_DB, MIXED_DB
    TMP = tempfile.mkdtemp(prefix="herald-features-")
    BBC_DB = os.path.join(TMP, "bbc")
    NEWS_DB = os.path.join(TMP, "allsides")
    MIXED_DB = os.path.join(TMP, "mixed")
    index(BBC_DB, "--synonyms", os.path.join(REPO, "deploy", "synonyms.txt"), os.path.join(SHARED, "seeds"), BBC)
    head = subprocess.run(f"zstd -dc '{ALLSIDES}' | head -n {ALLSIDES_ARTICLES}", shell=True,
                          capture_output=True, text=True, check=True).stdout
    index(NEWS_DB, "-q", "--field", "id=ID", "--field", "body=content_original", "--field", "tags=topic", "-",
          stdin=head, check=None)
    # Undated BBC texts beside dated AllSides articles.
    index(MIXED_DB, os.path.join(BBC, "politics"), check=None)
    index(MIXED_DB, "-q", "--field", "id=ID", "--field", "body=content_original", "-", stdin=head, check=None)


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


def news(*query, extra=()):
    return search_json(NEWS_DB, *query, extra=extra)


class DateTest(unittest.TestCase):
    def assert_dates_within(self, results, first, last):
        self.assertTrue(results, "expected matches")
        for r in results:
            self.assertIsNotNone(r["date"], r["id"])
            self.assertTrue(first <= r["date"][:10] <= last, (r["id"], r["date"]))

    def test_date_range_in_query(self):
        result = news("date:2016-01-01..2016-06-30 election", extra=("--limit", "50"))
        self.assert_dates_within(result["results"], "2016-01-01", "2016-06-30")

    def test_partial_dates_and_open_ends(self):
        self.assert_dates_within(news("date:2016-03 senate", extra=("--limit", "50"))["results"],
                                 "2016-03-01", "2016-03-31")
        self.assert_dates_within(news("date:2019.. senate", extra=("--limit", "50"))["results"], "2019-01-01", "9999")
        self.assert_dates_within(news("senate", extra=("--from", "2015", "--to", "2015-06", "--limit", "50"))["results"],
                                 "2015-01-01", "2015-06-30")

    def test_sort_by_date(self):
        oldest_first = [r["date"] for r in news("immigration", extra=("--sort", "date", "--limit", "40"))["results"]]
        newest_first = [r["date"] for r in news("immigration", extra=("--sort", "-date", "--limit", "40"))["results"]]
        dated = [d for d in oldest_first if d]
        self.assertEqual(dated, sorted(dated))
        self.assertEqual(newest_first, sorted(newest_first, reverse=True))
        self.assertNotEqual(oldest_first[:5], newest_first[:5])

    def test_undated_articles_sort_last_both_ways_on_a_mixed_archive(self):
        for order in ("date", "-date"):
            results = search_json(MIXED_DB, '"prime minister"', extra=("--sort", order, "--limit", "1000"))["results"]
            dates = [r["date"] for r in results]
            self.assertTrue(any(d is None for d in dates), (order, "the page should reach the undated articles"))
            first_undated = dates.index(None)
            self.assertGreater(first_undated, 10, (order, dates))
            self.assertTrue(all(d is None for d in dates[first_undated:]), (order, dates))
            dated = dates[:first_undated]
            self.assertEqual(dated, sorted(dated, reverse=order == "-date"), order)

    def test_recency_favours_newer_articles(self):
        plain = [r["date"] for r in news("budget", extra=("--limit", "10"))["results"] if r["date"]]
        recent = [r["date"] for r in news("budget", extra=("--limit", "10", "--recency", "365"))["results"] if r["date"]]
        self.assertGreater(sorted(recent)[len(recent) // 2], sorted(plain)[len(plain) // 2])


class FacetAndFilterTest(unittest.TestCase):
    def test_facet_counts_add_up_to_matches(self):
        result = news("immigration", extra=("--facets", "source,year,tag", "--limit", "5"))
        total = result["total"]
        self.assertGreater(total, 50)
        for name in ("source", "year"):
            self.assertEqual(sum(v["count"] for v in result["facets"][name]), total, name)
        self.assertEqual(result["total_lower"], total)
        self.assertIn("immigration", [v["value"] for v in result["facets"]["tag"]])

    def test_facets_count_the_whole_match_set(self):
        small_page = news("senate", extra=("--facets", "source", "--limit", "1"))
        self.assertGreater(sum(v["count"] for v in small_page["facets"]["source"]), 1)

    def test_unknown_facet_is_rejected_with_the_known_ones(self):
        proc = run("herald-searcher", "--db", NEWS_DB, "--json", "--facets", "colour", "senate")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("known: source, tag, author, year, lang", proc.stderr)

    def test_source_options_or_within_and_across_fields(self):
        facets = news("senate", extra=("--facets", "source"))["facets"]["source"]
        first, second = facets[0]["value"], facets[1]["value"]
        result = news("senate", extra=("--source", first, "--source", second, "--limit", "100"))
        self.assertEqual({r["source"] for r in result["results"]}, {first, second})
        both = news("senate", extra=("--source", first, "--tag", "elections", "--limit", "100"))["results"]
        self.assertTrue(all(r["source"] == first for r in both))
        self.assertLess(len(both), len(result["results"]))

    def test_source_filter_in_query_is_case_and_accent_insensitive(self):
        source = news("senate", extra=("--facets", "source"))["facets"]["source"][0]["value"]
        results = news(f'source:"{source.upper()}" senate', extra=("--limit", "30"))["results"]
        self.assertTrue(results)
        self.assertTrue(all(r["source"] == source for r in results))


class SpellingTest(unittest.TestCase):
    def test_misspelt_name_gets_a_suggestion(self):
        self.assertIn("erdogan", search_json(BBC_DB, "Erdgan")["corrected_query"])
        self.assertIn("immigration", news("immigartion")["corrected_query"])

    def test_known_words_are_not_corrected(self):
        self.assertIsNone(search_json(BBC_DB, "gas hub Turkey")["corrected_query"])

    def test_human_output_says_did_you_mean(self):
        self.assertIn("Did you mean: erdogan", run("herald-searcher", "--db", BBC_DB, "Erdgan", check=0).stdout)


class CollapseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        by_digest = collections.defaultdict(list)
        for folder in sorted(os.listdir(BBC)):
            if not os.path.isdir(os.path.join(BBC, folder)):
                continue
            for name in sorted(os.listdir(os.path.join(BBC, folder))):
                with open(os.path.join(BBC, folder, name), "rb") as f:
                    by_digest[hashlib.sha256(f.read()).hexdigest()].append(f"{folder}/{name[:-4]}")
        cls.pairs = [ids for ids in by_digest.values() if len(ids) > 1]

    def test_identical_pairs_fold_to_one_hit(self):
        self.assertEqual(len(self.pairs), 98)
        shown = set(ranked_ids(BBC_DB, "lang:en", limit=1000)) | set(
            r["id"] for r in search_json(BBC_DB, "lang:en", extra=("--limit", "1000", "--offset", "1000"))["results"])
        shown |= set(r["id"] for r in search_json(BBC_DB, "lang:en", extra=("--limit", "1000", "--offset", "2000"))["results"])
        for pair in self.pairs:
            self.assertEqual(len(shown & set(pair)), 1, pair)

    def test_copies_are_counted_and_shown_with_no_collapse(self):
        first, second = self.pairs[0]
        title = search_json(BBC_DB, f"id:{first}")["results"][0]["title"]
        collapsed = search_json(BBC_DB, title)["results"]
        hit = [r for r in collapsed if r["id"] in (first, second)]
        self.assertEqual(len(hit), 1)
        self.assertGreaterEqual(hit[0]["duplicates"], 1)
        expanded = search_json(BBC_DB, title, extra=("--no-collapse",))["results"]
        self.assertEqual(len([r for r in expanded if r["id"] in (first, second)]), 2)

    def test_pages_are_stable_with_collapse_and_filters(self):
        top = ranked_ids(BBC_DB, "prime minister", limit=20)
        page1 = [r["id"] for r in search_json(BBC_DB, "prime minister", extra=("--limit", "10"))["results"]]
        page2 = [r["id"] for r in search_json(BBC_DB, "prime minister", extra=("--limit", "10", "--offset", "10"))["results"]]
        self.assertEqual(page1 + page2, top)


class MoreLikeThisTest(unittest.TestCase):
    def test_like_finds_other_coverage_of_the_same_event(self):
        # politics/064 and politics/161 both report the EU's December 2004 decision on Turkey.
        related = ranked_ids(BBC_DB, "--like", "politics/064", limit=5)
        self.assertIn("politics/161", related)
        self.assertNotIn("politics/064", related)

    def test_like_unknown_id_is_an_error(self):
        proc = run("herald-searcher", "--db", BBC_DB, "--json", "--like", "no/such")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no article with id", proc.stdout)


class SynonymTest(unittest.TestCase):
    def test_synonyms_expand_words_and_phrases(self):
        tmp = tempfile.mkdtemp(prefix="herald-syn-")
        try:
            db = os.path.join(tmp, "db")
            lines = "\n".join([
                '{"id": "a", "title": "Talks with the United States", "body": "x"}',
                '{"id": "b", "title": "Talks with the USA", "body": "y"}',
                '{"id": "c", "title": "The U.S. view", "body": "z"}',
                '{"id": "d", "title": "Britain votes", "body": "w"}',
            ]) + "\n"
            index(db, "--synonyms", os.path.join(REPO, "deploy", "synonyms.txt"), "-", stdin=lines)
            self.assertEqual(sorted(ranked_ids(db, "US")), ["a", "b", "c"])
            self.assertEqual(sorted(ranked_ids(db, "United States")), ["a", "b", "c"])
            self.assertEqual(ranked_ids(db, "UK"), ["d"])
            self.assertEqual(ranked_ids(db, '"united states"'), ["a"])  # quoted phrases are exact
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class MatchModeTest(unittest.TestCase):
    """Every unit of the query by default (docs/searching.md, "All words or any"), through the real binary."""

    def counted(self, *query, match=None):
        extra = ("--facets", "source", "--limit", "50") + (("--match", match) if match else ())
        return news(*query, extra=extra)

    def test_every_word_by_default_and_any_on_request(self):
        every = self.counted("senate", "election")
        both = news("senate AND election", extra=("--facets", "source"))["total"]
        either = news("senate OR election", extra=("--facets", "source"))["total"]
        self.assertEqual(every["match"], "all")
        self.assertEqual(every["total"], both)
        any_word = self.counted("senate", "election", match="any")
        self.assertEqual(any_word["match"], "any")
        self.assertEqual(any_word["total"], either)
        self.assertLess(both, either)
        # The list goes on past the counted articles to those with one of the words, flagged.
        flags = [r["all_words"] for r in every["results"]]
        self.assertEqual(flags, sorted(flags, reverse=True), "articles with every word come first")
        self.assertEqual(flags.count(True), min(both, 50))
        self.assertTrue(all(r["all_words"] is None for r in any_word["results"]))

    def test_no_article_with_every_word_falls_back_to_any_and_says_so(self):
        proc = run("herald-searcher", "--db", NEWS_DB, "--json", "--facets", "source", "senate", "zzyzxquark")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        import json
        result = json.loads(proc.stdout)
        self.assertEqual(result["match"], "any")
        self.assertEqual(result["total"], news("senate", extra=("--facets", "source"))["total"])
        self.assertIn("no article has all the words", " ".join(result["warnings"]))
        self.assertIn("no article has all the words", proc.stderr)

    def test_match_takes_all_or_any_only(self):
        proc = run("herald-searcher", "--db", NEWS_DB, "--match", "some", "senate")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("match: must be all or any", proc.stderr)


class BadQueryTest(unittest.TestCase):
    def test_malformed_queries_explain_and_exit_2(self):
        for query in ["title:", "source: x", '"unbalanced', "date:2020-13-45..x", "x" * 10000, "gas\x01hub",
                      "date:2020..2019"]:
            proc = run("herald-searcher", "--db", BBC_DB, "--json", query)
            self.assertEqual(proc.returncode, 2, repr(query[:30]))
            self.assertTrue(search_error(proc.stdout), repr(query[:30]))
            self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)

    def test_bad_options_exit_2(self):
        for args in (["--sort", "sideways", "x"], ["--from", "yesterday", "x"], ["--recency", "-3", "x"]):
            self.assertEqual(run("herald-searcher", "--db", BBC_DB, *args).returncode, 2, args)


def search_error(stdout):
    import json
    return json.loads(stdout).get("error")


if __name__ == "__main__":
    main()
