"""Two plain-text files of one run that get the same id (politics/001.txt and
tech/001.txt, each folder an argument) are reported, naming both, and counted
in the summary and in --progress json; --id-prefix dirname keeps them apart;
the same file named twice, and a later run over unchanged files, stay silent."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import SHARED, TempDirTest, document_count, index, main, ranked_ids, summary_event  # noqa: E402

COLLISION = re.compile(r'^herald-indexer: warning: (\S+) replaces (\S+): same id "([^"]*)"$', re.M)
EARLIER = re.compile(r'^herald-indexer: warning: (\S+) replaces (\S+): same id "([^"]*)" \(indexed by an earlier run\)$',
                     re.M)


class IdCollisions(TempDirTest):
    def setUp(self):
        super().setUp()
        self.write("politics/001.txt", "Budget vote\n\nThe senate passed the budget after a long debate.\n")
        self.write("politics/002.txt", "Border treaty\n\nThe treaty on the border was signed.\n")
        self.write("tech/001.txt", "Chip plant\n\nA new chip plant opened beside the river.\n")
        self.write("tech/003.txt", "Phone ban\n\nSchools ban phones in class.\n")
        self.politics = os.path.join(self.tmp, "politics")
        self.tech = os.path.join(self.tmp, "tech")

    def collisions(self, stderr):
        return COLLISION.findall(stderr)

    def check_one_collision(self, stderr):
        self.assertEqual(self.collisions(stderr),
                         [(os.path.join(self.tech, "001.txt"), os.path.join(self.politics, "001.txt"), "001")],
                         stderr)
        self.assertEqual(summary_event(stderr)["id_collisions"], 1)

    def test_collision_reported_in_both_write_paths_and_shards(self):
        for strategy in ("segments", "direct"):
            with self.subTest(strategy=strategy):
                db = os.path.join(self.tmp, f"db-{strategy}")
                out = index(db, "--strategy", strategy, "--progress", "json", self.politics, self.tech).stderr
                self.check_one_collision(out)
                summary = summary_event(out)
                self.assertEqual(summary["added"] + summary["replaced"], 4)
                self.assertEqual(document_count(db), 3)  # the politics article is gone
                self.assertEqual(ranked_ids(db, "budget"), [])
                self.assertEqual(ranked_ids(db, "chip"), ["001"])
        sharded = os.path.join(self.tmp, "db-sharded")
        out = index(sharded, "--shards", "2", "--progress", "json", self.politics, self.tech).stderr
        self.check_one_collision(out)  # once, not once a shard

    def test_progress_events_and_text_summary_count_collisions(self):
        out = index(self.db, "--progress", "json", "--progress-interval", "1", self.politics, self.tech).stderr
        progress = [line for line in out.splitlines() if '"event":"progress"' in line]
        self.assertTrue(all('"id_collisions"' in line for line in progress), out)
        text = index(os.path.join(self.tmp, "db2"), self.politics, self.tech).stderr
        self.assertIn("1 id collisions", text)
        self.assertIn("--id-prefix dirname", text)

    def test_later_runs_and_repeated_files_stay_silent(self):
        index(self.db, self.politics, self.tech)
        again = index(self.db, "--progress", "json", self.politics, self.tech).stderr
        self.assertEqual(self.collisions(again), [])  # unchanged files are skipped
        self.assertEqual(summary_event(again)["id_collisions"], 0)
        # The same file reached twice is a deliberate re-index.
        same = index(os.path.join(self.tmp, "db2"), "--progress", "json", self.politics,
                     os.path.join(self.politics, "001.txt")).stderr
        self.assertEqual(self.collisions(same), [])
        self.assertEqual(summary_event(same)["id_collisions"], 0)
        # --force reads both again: the collision happens again, and is said again.
        forced = index(self.db, "--force", "--progress", "json", self.politics, self.tech).stderr
        self.check_one_collision(forced)

    def test_changed_file_replacing_an_unchanged_one_is_reported(self):
        index(self.db, self.politics, self.tech)
        self.write("politics/001.txt", "Budget vote, updated\n\nThe senate passed the budget at dawn.\n")
        out = index(self.db, "--progress", "json", self.politics, self.tech).stderr
        self.assertEqual(self.collisions(out),
                         [(os.path.join(self.politics, "001.txt"), os.path.join(self.tech, "001.txt"), "001")], out)
        self.assertEqual(ranked_ids(self.db, "budget"), ["001"])

    def test_collision_with_an_earlier_run_is_reported(self):
        for strategy in ("segments", "direct"):  # the first run's write path records which file owns an id
            with self.subTest(strategy=strategy):
                db = os.path.join(self.tmp, f"db-{strategy}")
                index(db, "--strategy", strategy, self.politics)
                out = index(db, "--progress", "json", self.tech).stderr
                self.assertEqual(EARLIER.findall(out),
                                 [(os.path.join(self.tech, "001.txt"), os.path.join(self.politics, "001.txt"), "001")],
                                 out)
                summary = summary_event(out)
                self.assertEqual((summary["id_collisions"], summary["added"], summary["replaced"]), (1, 1, 1))
                # Re-reading the file that now owns the id is an update, not a collision.
                forced = index(db, "--force", "--progress", "json", self.tech).stderr
                self.assertEqual(summary_event(forced)["id_collisions"], 0, forced)
                # The politics file, changed, takes the id back: reported the other way round.
                self.write("politics/001.txt", "Budget vote, updated\n\nThe senate passed the budget at dawn.\n")
                back = index(db, "--progress", "json", self.politics).stderr
                self.assertEqual(EARLIER.findall(back),
                                 [(os.path.join(self.politics, "001.txt"), os.path.join(self.tech, "001.txt"), "001")],
                                 back)
                self.write("politics/001.txt", "Budget vote\n\nThe senate passed the budget after a long debate.\n")
        # An article deleted since is replaced by nothing.
        index(self.db, self.politics)
        index(self.db, "--delete", "001")
        out = index(self.db, "--progress", "json", self.tech).stderr
        self.assertEqual(summary_event(out)["id_collisions"], 0, out)

    def test_id_prefix_dirname_keeps_both(self):
        out = index(self.db, "--id-prefix", "dirname", "--progress", "json", self.politics, self.tech).stderr
        self.assertEqual(self.collisions(out), [])
        self.assertEqual(summary_event(out)["id_collisions"], 0)
        self.assertEqual(document_count(self.db), 4)
        self.assertEqual(ranked_ids(self.db, "budget"), ["politics/001"])
        self.assertEqual(ranked_ids(self.db, "chip"), ["tech/001"])
        self.assertEqual(ranked_ids(self.db, "id:tech/003"), ["tech/003"])
        bad = index(self.db, "--id-prefix", "parent", self.politics, check=2).stderr
        self.assertIn("--id-prefix", bad)

    def test_bbc_politics_and_tech(self):
        bbc = os.path.join(SHARED, "corpus", "bbc")
        if not os.path.isdir(bbc):
            self.skipTest(f"{bbc} is absent (set HERALD_SHARED to the shared corpora)")
        politics, tech = os.path.join(bbc, "politics"), os.path.join(bbc, "tech")
        files = sum(len([n for n in os.listdir(d) if n.endswith(".txt")]) for d in (politics, tech))
        out = index(self.db, "--progress", "json", politics, tech).stderr
        collided = self.collisions(out)
        self.assertGreater(len(collided), 300)
        self.assertEqual(summary_event(out)["id_collisions"], len(collided))
        self.assertEqual(document_count(self.db), files - len(collided))
        kept = os.path.join(self.tmp, "kept")
        out = index(kept, "--id-prefix", "dirname", "--progress", "json", politics, tech).stderr
        self.assertEqual(summary_event(out)["id_collisions"], 0)
        self.assertEqual(document_count(kept), files)


if __name__ == "__main__":
    main()
