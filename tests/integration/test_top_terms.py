"""Top terms (herald-searcher --top-terms N) through the real binaries.

On the bundled sample (corpus/): the JSON shape, and that every top term is a word or phrase as
articles write it (an exact phrase search finds it in at least `count` articles: no stem, no prefixed
term) and no stopword. On the first 3000 AllSides articles (skipped with a message when
../shared/corpus/allsides is absent): the top terms of a topic's articles are topical by the
AllSides topic labels, not by a word list: the articles holding a top term are concentrated in that
topic far above the topic's share of the archive, counted by the searcher itself (--facets tag)."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from herald_cli import CORPUS, SHARED, index, main, run, search_json

ALLSIDES = os.path.join(SHARED, "corpus", "allsides", "articles.jsonl.zst")
ALLSIDES_ARTICLES = 3000

# Function words of the sample's languages; none may be a top term or part of one.
STOPWORDS = {"the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "that", "this", "is", "was",
             "are", "be", "by", "at", "as", "it", "its", "from", "he", "she", "they", "we", "his", "her", "their",
             "would", "will", "has", "have", "had", "not", "but", "which", "who",
             "и", "в", "не", "на", "что", "с", "по", "как", "это", "і", "у", "та", "що", "w", "z", "się", "nie",
             "je", "se", "na", "да", "за", "от"}


def quoted(term):
    return f'"{term}"'


class TopTermsShape:
    """Checks shared by both corpora."""

    def assert_readable_terms(self, db, result, extra=()):
        """Shape, no stopword, and each term found as written in at least `count` articles."""
        self.assertIn("top_terms", result)
        self.assertIsInstance(result["top_terms"], list)
        self.assertGreater(result["top_terms_foreground"], 0)
        for entry in result["top_terms"]:
            self.assertEqual(set(entry), {"term", "count", "score"}, entry)
            term, count = entry["term"], entry["count"]
            self.assertIsInstance(term, str)
            self.assertIsInstance(count, int)
            self.assertGreaterEqual(count, 1)
            self.assertLessEqual(count, result["top_terms_foreground"])
            self.assertGreater(entry["score"], 0)
            words = term.split(" ")
            self.assertIn(len(words), (1, 2), term)
            for word in words:
                self.assertNotIn(word.lower(), STOPWORDS, term)
            # As written: an exact phrase search (no stemming) finds it in at least `count` articles
            # (a facet makes the total exact).
            found = search_json(db, quoted(term), extra=("--limit", "0", "--no-collapse", "--facets", "lang", *extra))
            self.assertGreaterEqual(found["total"], count, term)


class SampleCorpusTest(TopTermsShape, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="herald-top-terms-")
        cls.db = os.path.join(cls.tmp, "db")
        try:
            index(cls.db, "-q", CORPUS, check=None)
        except BaseException:  # tearDownClass does not run when setUpClass fails
            shutil.rmtree(cls.tmp, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_shape_and_readable_terms(self):
        for query in (["gas"], ["--lang", "en"], ["--lang", "ru"], ["Putin"]):
            with self.subTest(query=query):
                result = search_json(self.db, *query, extra=("--top-terms", "15"))
                self.assert_readable_terms(self.db, result)
                for entry in result["top_terms"]:
                    # The query's own word is not news about the query.
                    self.assertNotEqual(entry["term"].lower(), query[-1].lower())

    def test_terms_only_when_asked(self):
        self.assertNotIn("top_terms", search_json(self.db, "gas"))
        result = search_json(self.db, "gas", extra=("--top-terms", "0"))
        self.assertNotIn("top_terms", result)

    def test_bad_values_are_usage_errors(self):
        for value in ("101", "many", "-1"):
            with self.subTest(value=value):
                proc = run("herald-searcher", "--db", self.db, "--json", "--top-terms", value, "gas", check=2)
                self.assertIn("top_terms", proc.stderr)

    def test_human_output_lists_them_after_the_results(self):
        out = run("herald-searcher", "--db", self.db, "--top-terms", "5", "gas", check=0).stdout
        self.assertIn("Top terms (in the top ", out)
        self.assertLess(out.index("1. "), out.index("Top terms"))


class AllSidesTopicTest(TopTermsShape, unittest.TestCase):
    TOPIC = "immigration"

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(ALLSIDES):
            raise unittest.SkipTest(f"{ALLSIDES} is absent (set HERALD_SHARED to the shared corpora)")
        cls.tmp = tempfile.mkdtemp(prefix="herald-top-terms-allsides-")
        cls.db = os.path.join(cls.tmp, "db")
        try:
            head = subprocess.run(f"zstd -dc '{ALLSIDES}' | head -n {ALLSIDES_ARTICLES}", shell=True,
                                  capture_output=True, text=True, check=True).stdout
            index(cls.db, "-q", "--field", "id=ID", "--field", "body=content_original", "--field", "tags=topic",
                  "-", stdin=head, check=None)
        except BaseException:  # tearDownClass does not run when setUpClass fails
            shutil.rmtree(cls.tmp, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def topic_share(self, *query):
        """(articles of the topic, all articles) among the matches, exact through --facets."""
        result = search_json(self.db, *query, extra=("--facets", "tag", "--limit", "0"))
        in_topic = sum(v["count"] for v in result["facets"]["tag"] if v["value"] == self.TOPIC)
        return in_topic, result["total"]

    def base_rate(self):
        """The topic's share of the archive."""
        topic_articles, _ = self.topic_share(f"tag:{self.TOPIC}")
        archive = json.loads(run("herald-indexer", "stats", "--db", self.db, "--json", check=0).stdout)["documents"]
        self.assertGreater(topic_articles, 50)
        return topic_articles / archive

    def lifts(self, terms):
        """Each term's articles: the topic's share among them over its share of the archive."""
        base_rate = self.base_rate()
        lifts = {}
        for entry in terms:
            in_topic, total = self.topic_share(quoted(entry["term"]))
            self.assertGreater(total, 0, entry)
            lifts[entry["term"]] = (in_topic / total) / base_rate
        print(f"base rate of {self.TOPIC}: {base_rate:.3f}; lift of each top term: " +
              ", ".join(f"{term} {lift:.1f}x" for term, lift in lifts.items()))
        return lifts

    def test_top_terms_of_a_topic_are_concentrated_in_it(self):

        result = search_json(self.db, f"tag:{self.TOPIC}", extra=("--top-terms", "20", "--limit", "0"))
        terms = result["top_terms"]
        self.assertGreaterEqual(len(terms), 10, terms)
        self.assert_readable_terms(self.db, result)
        lifts = self.lifts(terms)
        # Most top terms are at least three times as concentrated in the topic as the archive is.
        concentrated = [term for term, lift in lifts.items() if lift >= 3]
        self.assertGreaterEqual(len(concentrated), 0.75 * len(terms), lifts)

    def test_word_query_terms_are_topical(self):
        # A topical word query: its matches are mostly not labelled with the topic, yet what they talk
        # about is.
        result = search_json(self.db, "asylum", extra=("--top-terms", "15", "--limit", "0"))
        terms = result["top_terms"]
        self.assertGreaterEqual(len(terms), 5, terms)
        for entry in terms:
            self.assertNotEqual(entry["term"].lower(), "asylum")
        lifts = self.lifts(terms)
        concentrated = [term for term, lift in lifts.items() if lift >= 3]
        self.assertGreaterEqual(len(concentrated), 0.6 * len(terms), lifts)


if __name__ == "__main__":
    main()
