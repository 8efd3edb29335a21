"""Runs over the real shared corpora; skipped (exit 77) when ../shared is absent."""
import os
import subprocess

from herald_cli import (SEED_ID, SHARED, TempDirTest, document_count, index, main, ranked_ids,
                        require_shared, search_json)

BBC = require_shared("corpus", "bbc")


class BbcTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.shared_tmp = tempfile.mkdtemp(prefix="herald-bbc-")
        cls.bbc_db = os.path.join(cls.shared_tmp, "db")
        cls.proc = index(cls.bbc_db, os.path.join(SHARED, "seeds"), BBC)

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.shared_tmp, ignore_errors=True)

    def test_every_article_indexed_once(self):
        self.assertEqual(document_count(self.bbc_db), 2225 + 1)
        self.assertEqual(subprocess.run(["xapian-check", self.bbc_db], capture_output=True).returncode, 0)

    def test_seed_first_for_gas_hub_turkey(self):
        self.assertEqual(ranked_ids(self.bbc_db, "gas hub Turkey")[0], SEED_ID)

    def test_ids_are_relative_paths(self):
        self.assertIn("politics/064", ranked_ids(self.bbc_db, "Blair hails Turkey-EU talks deal"))

    def test_latin1_file_is_warned_not_dropped(self):
        self.assertIn("sport/199.txt: not valid UTF-8; decoded as Latin-1", self.proc.stderr)
        self.assertIn("sport/199", [r["id"] for r in search_json(self.bbc_db, "id:sport/199")["results"]])

    def test_accent_folding_across_corpora(self):
        for query in ("Erdogan", "Erdoğan"):
            ids = ranked_ids(self.bbc_db, query, limit=20)
            self.assertIn(SEED_ID, ids)  # the seed spells it both ways
            self.assertTrue(any(i.startswith("politics/") for i in ids), ids)

    def test_reindexing_the_corpus_is_idempotent(self):
        before = document_count(self.bbc_db)
        index(self.bbc_db, BBC)
        self.assertEqual(document_count(self.bbc_db), before)


class ReutersTest(TempDirTest):
    def test_converted_reuters_indexes_with_dates_and_topics(self):
        sgm = require_shared("corpus", "reuters21578", "reut2-000.sgm")
        from herald_cli import REPO
        converter = os.path.join(REPO, "corpus", "convert", "reuters_to_jsonl.py")
        jsonl = os.path.join(self.tmp, "reuters.jsonl")
        subprocess.run(["python3", converter, "-o", jsonl, sgm], check=True, capture_output=True)
        with open(jsonl) as f:
            records = sum(1 for _ in f)
        self.assertGreater(records, 900)
        index(self.db, jsonl)
        self.assertEqual(document_count(self.db), records)
        result = search_json(self.db, "cocoa", extra=("--tag", "cocoa", "--limit", "5"))
        self.assertTrue(result["results"])
        self.assertTrue(all(r["date"].startswith("1987-") and r["source"] == "Reuters" for r in result["results"]))


class AllSidesStdinTest(TempDirTest):
    def test_allsides_sample_through_stdin(self):
        allsides = require_shared("corpus", "allsides", "articles.jsonl.zst")
        head = subprocess.run(f"zstd -dc '{allsides}' | head -n 400", shell=True, capture_output=True,
                              text=True, check=True).stdout
        proc = index(self.db, "--field", "id=ID", "--field", "body=content_original", "--field", "tags=topic",
                     "-", stdin=head, check=None)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        self.assertEqual(document_count(self.db), 400)
        result = search_json(self.db, "--limit", "50", "president")
        self.assertTrue(any(r["date"] and r["source"] and r["url"] for r in result["results"]))


class SlavicNerTest(TempDirTest):
    """Articles in bg, cs, pl, ru, sl and uk: a query word matches its exact form in every language
    and its stems in each language the archive holds. Ground truth comes from the texts themselves
    (the annotations are not used)."""

    @classmethod
    def setUpClass(cls):
        import json
        import tempfile
        slavic = require_shared("corpus", "slavicner", "articles.jsonl.zst")
        cls.slavic_tmp = tempfile.mkdtemp(prefix="herald-slavic-")
        cls.slavic_db = os.path.join(cls.slavic_tmp, "db")
        index(cls.slavic_db, "-q", "--jobs", "2", "--field", "id=doc_id", "--field", "language=lang", slavic)
        lines = subprocess.run(["zstd", "-dc", slavic], capture_output=True, text=True, check=True).stdout
        cls.articles = [json.loads(line) for line in lines.splitlines()]

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.slavic_tmp, ignore_errors=True)

    def containing(self, word):
        import re
        pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
        return {a["doc_id"] for a in self.articles if pattern.search(a["title"] + "\n" + a["body"])}

    def found(self, *options):
        result = search_json(self.slavic_db, *options, extra=("--no-collapse", "--limit", "1000"))
        return {r["id"] for r in result["results"]}

    def test_moderna_is_found_in_every_language_that_names_it(self):
        expected = self.containing("Moderna")
        found = self.found("Moderna")
        self.assertGreaterEqual(len(found & expected), 0.9 * len(expected), (len(found & expected), len(expected)))
        languages = {a["lang"] for a in self.articles if a["doc_id"] in found}
        self.assertEqual(languages, {"bg", "cs", "pl", "ru", "sl", "uk"})

    def test_lang_facet_counts_each_language(self):
        result = search_json(self.slavic_db, "Moderna", extra=("--facets", "lang", "--no-collapse"))
        counts = {v["value"]: v["count"] for v in result["facets"]["lang"]}
        self.assertEqual(set(counts), {"bg", "cs", "pl", "ru", "sl", "uk"})
        self.assertEqual(sum(counts.values()), result["total"])
        self.assertTrue(all(r["language"] in counts for r in result["results"]))
        polish = search_json(self.slavic_db, "Moderna", extra=("--lang", "Polish", "--lang", "cs", "--no-collapse",
                                                               "--facets", "lang"))
        self.assertEqual({v["value"] for v in polish["facets"]["lang"]}, {"pl", "cs"})
        self.assertEqual(polish["total"], counts["pl"] + counts["cs"])

    def test_languages_are_detected_when_articles_name_none(self):
        import json
        from herald_cli import run
        slavic = require_shared("corpus", "slavicner", "articles.jsonl.zst")
        detected_db = os.path.join(self.slavic_tmp, "detected")
        index(detected_db, "-q", "--jobs", "2", "--field", "id=doc_id", slavic)  # its `lang` field is not read
        stats = json.loads(run("herald-indexer", "stats", "--db", detected_db, "--json").stdout)
        detected = {}
        for code in stats["languages"]:
            offset = 0
            while True:
                page = search_json(detected_db, extra=("--lang", code, "--no-collapse", "--limit", "1000",
                                                       "--offset", str(offset)))["results"]
                detected.update((r["id"], r["language"]) for r in page)
                if len(page) < 1000:
                    break
                offset += 1000
        right = sum(1 for a in self.articles if detected.get(a["doc_id"]) == a["lang"])
        self.assertGreaterEqual(right, 0.98 * len(self.articles), (right, len(self.articles)))
        self.assertEqual(sum(stats["languages"].values()), len(self.articles))

    def languages_found(self, query):
        found = self.found(query)
        return {a["lang"] for a in self.articles if a["doc_id"] in found}

    def test_names_cross_scripts(self):
        # Cyrillic queries reach Latin-script articles and Latin queries Cyrillic ones.
        self.assertTrue({"pl", "cs"} <= self.languages_found("Путин"))
        self.assertTrue({"ru", "bg", "pl", "cs", "sl"} <= self.languages_found("Putin"))
        self.assertEqual(self.found("Модерна"), self.found("Moderna"))

    def test_putin_reaches_all_six_languages(self):
        self.assertEqual(self.languages_found("Putin"), {"bg", "cs", "pl", "ru", "sl", "uk"})

    def containing_in(self, word, language):
        return {a["doc_id"] for a in self.articles if a["lang"] == language} & self.containing(word)

    def test_inflected_forms_meet_their_base_forms(self):
        # (query, inflected form in the text, language of the articles that hold it): every
        # article with the inflected form is found by the base form.
        cases = [
            ("Łotwa", "Łotwy", "pl"),      # Hunspell base form (pl_PL)
            ("Putin", "Putinem", "pl"),    # instrumental, Hunspell and Snowball's Polish rules
            ("Farage", "Farage'a", "pl"),  # apostrophe ending of a foreign name
            ("vlada", "vlade", "sl"),      # Slovenian genitive (sl_SI)
            ("Biden", "Bidna", "sl"),      # Slovenian mobile e: the name key
            ("Україна", "України", "uk"),  # Ukrainian genitive (uk_UA)
            ("Пенс", "Пенсу", "ru"),       # Russian dative (Snowball)
        ]
        for query, form, language in cases:
            with self.subTest(query=query, form=form):
                expected = self.containing_in(form, language)
                self.assertTrue(expected, "the corpus no longer holds " + form)
                self.assertLessEqual(expected, self.found(query))

    def test_language_option_narrows_stemming_not_the_exact_word(self):
        everywhere = self.found("Moderna")
        self.assertEqual(self.found("--language", "ru", "Moderna") & self.containing("Moderna"),
                         everywhere & self.containing("Moderna"))


if __name__ == "__main__":
    main()
