"""Idempotent upserts, phrase search and accent folding through the real binaries."""
import json
import os

from herald_cli import CORPUS, TempDirTest, document_count, index, main, ranked_ids, search_json


def article(**fields):
    return json.dumps(fields, ensure_ascii=False)


class UpsertTest(TempDirTest):
    def test_indexing_twice_keeps_the_same_count(self):
        index(self.db, CORPUS)
        once = document_count(self.db)
        self.assertGreater(once, 5)
        proc = index(self.db, "--force", CORPUS)  # --force: re-read files even though unchanged
        self.assertEqual(document_count(self.db), once)
        self.assertIn(f"0 added, {once} replaced", proc.stderr)
        proc = index(self.db, CORPUS)  # unchanged files are skipped
        self.assertEqual(document_count(self.db), once)
        files = [name for name in os.listdir(CORPUS) if name.endswith((".txt", ".jsonl"))]
        self.assertIn(f"0 added, 0 replaced, {len(files)} skipped", proc.stderr)

    def test_same_id_replaces_content(self):
        first = self.write("a.jsonl", article(id="story-1", title="Senate passes budget", body="Old text.") + "\n")
        index(self.db, first)
        second = self.write("b.jsonl", article(id="story-1", title="Senate rejects budget", body="New text.") + "\n")
        index(self.db, second)
        self.assertEqual(document_count(self.db), 1)
        self.assertEqual(ranked_ids(self.db, "rejects"), ["story-1"])
        self.assertEqual(ranked_ids(self.db, "passes"), [])


class PhraseAndFoldingTest(TempDirTest):
    def setUp(self):
        super().setUp()
        lines = [
            article(id="accented", title="Talks in Ankara", body="President Erdoğan met the delegation."),
            article(id="plain", title="Talks in Ankara again", body="President Erdogan met the press."),
            article(id="phrase", title="Energy", body="Plans for a gas hub were announced."),
            article(id="reversed", title="Energy again", body="The hub for gas trading is elsewhere."),
        ]
        index(self.db, self.write("a.jsonl", "\n".join(lines) + "\n"))

    def test_accents_fold_both_ways(self):
        self.assertEqual(sorted(ranked_ids(self.db, "Erdogan")), ["accented", "plain"])
        self.assertEqual(sorted(ranked_ids(self.db, "Erdoğan")), ["accented", "plain"])
        self.assertEqual(sorted(ranked_ids(self.db, "ERDOĞAN")), ["accented", "plain"])

    def test_phrase_matches_word_order(self):
        self.assertEqual(ranked_ids(self.db, '"gas hub"'), ["phrase"])
        self.assertEqual(ranked_ids(self.db, '"hub gas"'), [])
        self.assertEqual(sorted(ranked_ids(self.db, "gas", "hub")), ["phrase", "reversed"])

    def test_boolean_operators_and_title_field(self):
        self.assertEqual(ranked_ids(self.db, "gas NOT trading"), ["phrase"])
        self.assertEqual(sorted(ranked_ids(self.db, "title:again")), ["plain", "reversed"])
        self.assertEqual(ranked_ids(self.db, "erdogan AND press"), ["plain"])

    def test_stemming_matches_other_forms(self):
        self.assertIn("phrase", ranked_ids(self.db, "announcing"))

    def test_snippet_highlights_folded_match(self):
        snippet = search_json(self.db, "erdogan")["results"]
        marked = {r["id"]: r["snippet"] for r in snippet}
        self.assertIn("<b>Erdoğan</b>", marked["accented"])
        self.assertIn("<b>Erdogan</b>", marked["plain"])


if __name__ == "__main__":
    main()
