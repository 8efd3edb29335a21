"""The product's defining query over the bundled sample corpus."""
import re

from herald_cli import CORPUS, SEED_ID, TempDirTest, index, main, ranked_ids, run, search_json


class SeedQueryTest(TempDirTest):
    def setUp(self):
        super().setUp()
        index(self.db, CORPUS)

    def test_gas_hub_turkey_ranks_seed_first(self):
        self.assertEqual(ranked_ids(self.db, "gas", "hub", "Turkey")[0], SEED_ID)

    def test_json_shape(self):
        result = search_json(self.db, "gas hub Turkey")
        self.assertEqual(list(result)[:4], ["query", "total", "offset", "results"])
        self.assertIn("corrected_query", result)
        self.assertEqual(result["query"], "gas hub Turkey")
        self.assertEqual(result["offset"], 0)
        # The list goes on past the counted articles with every word to those with some.
        self.assertGreaterEqual(result["total"], len([r for r in result["results"] if r["all_words"] is not False]))
        self.assertEqual(result["match"], "all")
        first = result["results"][0]
        self.assertEqual(list(first)[:8], ["rank", "id", "score", "title", "date", "source", "url", "snippet"])
        self.assertEqual(first["rank"], 1)
        self.assertEqual(first["title"], "Russia is Expanding and Strengthening Cooperation With Asia")
        self.assertIsNone(first["url"])  # the seed article has no url
        self.assertIn("<b>hub</b>", first["snippet"])
        scores = [r["score"] for r in result["results"]]
        self.assertEqual(scores, sorted(scores, reverse=True))

    def test_jsonl_articles_carry_dates_and_sources(self):
        dated = [r for r in search_json(self.db, "--limit", "50", "the")["results"] if r["date"]]
        self.assertTrue(dated, "the sample JSON Lines articles have dates")
        for r in dated:
            self.assertRegex(r["date"], r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$")

    def test_human_output_is_plain_when_piped(self):
        out = run("herald-searcher", "--db", self.db, "gas", "hub", "Turkey", check=0).stdout
        self.assertIn("1. Russia is Expanding and Strengthening Cooperation With Asia", out)
        self.assertNotIn("\033[", out)
        self.assertRegex(out, re.compile(r"About \d+ results"))

    def test_limit_and_offset_page_through_results(self):
        everything = ranked_ids(self.db, "the", limit=6)
        first_page = search_json(self.db, "--limit", "3", "the")["results"]
        second_page = search_json(self.db, "--limit", "3", "--offset", "3", "the")["results"]
        self.assertEqual([r["id"] for r in first_page + second_page], everything)
        self.assertEqual([r["rank"] for r in second_page], [4, 5, 6])

    def test_db_defaults_to_environment(self):
        import os
        import subprocess
        from herald_cli import BIN
        env = dict(os.environ, HERALD_DB=self.db)
        out = subprocess.run([os.path.join(BIN, "herald-searcher"), "--json", "gas hub Turkey"], env=env,
                             capture_output=True, text=True, check=True).stdout
        self.assertIn(SEED_ID, out)


if __name__ == "__main__":
    main()
