"""Bad input in a batch job: a truncated compressed file, a CSV row with the
wrong number of columns, a 50 MB single line, binary junk and an unreadable
directory are each reported with their place; the rest of the batch is
indexed and the exit code is 1."""
import json
import os
import random
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import (TempDirTest, document_count, dump, index, ranked_ids, synthetic_articles,  # noqa: E402
                        write_jsonl)


class BadInputsInABatch(TempDirTest):
    def test_each_problem_reported_rest_indexed(self):
        folder = os.path.join(self.tmp, "in")
        os.makedirs(folder)
        good = synthetic_articles(10, seed=1, id_prefix="good-")
        write_jsonl(os.path.join(folder, "good.jsonl"), good)

        # A zstd file cut short: the records before the cut are kept.
        packed = os.path.join(self.tmp, "packed.jsonl")
        write_jsonl(packed, synthetic_articles(400, seed=2, id_prefix="zst-"))
        whole = subprocess.run(["zstd", "-q", "-c", packed], capture_output=True, check=True).stdout
        with open(os.path.join(folder, "cut.jsonl.zst"), "wb") as f:
            f.write(whole[: len(whole) * 6 // 10])

        self.write("in/rows.csv", "id,title,body\ncsv-1,First row,Fine.\ncsv-2,Too,many,columns\n"
                                  "csv-3,Third row,Also fine.\n")

        with open(os.path.join(folder, "huge.jsonl"), "w") as f:
            f.write(json.dumps({"id": "huge-1", "title": "Before", "body": "Small."}) + "\n")
            f.write('{"id": "huge-2", "title": "Huge", "body": "' + "x" * (50 << 20) + '"}\n')
            f.write(json.dumps({"id": "huge-3", "title": "After", "body": "Small again."}) + "\n")

        rng = random.Random(4)
        with open(os.path.join(folder, "junk.jsonl"), "wb") as f:
            f.write(bytes(rng.randrange(256) for _ in range(4096)))
            f.write(b"\n" + json.dumps({"id": "junk-ok", "title": "Survivor", "body": "Kept."}).encode() + b"\n")

        locked_dir = os.path.join(folder, "private")
        os.makedirs(locked_dir)
        write_jsonl(os.path.join(locked_dir, "secret.jsonl"), synthetic_articles(2, seed=5, id_prefix="secret-"))
        os.chmod(locked_dir, 0)
        try:
            proc = index(self.db, folder, check=1)
        finally:
            os.chmod(locked_dir, 0o755)
        err = proc.stderr

        self.assertRegex(err, r"rejected: .*cut\.jsonl\.zst(:\d+)?: .*(truncated|corrupt)")
        self.assertRegex(err, r"rejected: .*rows\.csv:3: row has 4 columns, header has 3")
        self.assertRegex(err, r"rejected: .*huge\.jsonl:2: record longer than")
        self.assertRegex(err, r"rejected: .*junk\.jsonl:1: ")
        if os.geteuid() != 0:  # root reads any directory; the check only means something for other users
            self.assertRegex(err, r"rejected: .*private.*(denied|permission)")

        for query, expected in (("id:huge-3", ["huge-3"]), ("id:huge-1", ["huge-1"]), ("id:csv-3", ["csv-3"]),
                                ("id:junk-ok", ["junk-ok"]), ("id:good-000009", ["good-000009"]),
                                ("id:huge-2", []), ("id:csv-2", [])):
            self.assertEqual(ranked_ids(self.db, query), expected, query)
        kept_from_cut = [int(line[len("article Qzst-"):]) for line in dump(self.db).splitlines()
                         if line.startswith("article Qzst-")]
        self.assertTrue(kept_from_cut, "nothing kept from before the cut")
        self.assertEqual(kept_from_cut, list(range(len(kept_from_cut))), "records before the cut must all be kept")
        self.assertLess(len(kept_from_cut), 400)
        extra = 0 if os.geteuid() != 0 else 2
        self.assertEqual(document_count(self.db), 10 + len(kept_from_cut) + 2 + 2 + 1 + extra)


if __name__ == "__main__":
    unittest.main(verbosity=2)
