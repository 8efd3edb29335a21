"""Exports over real news: the first 3000 AllSides articles, where a common
query matches thousands. Skipped (exit 77) when ../shared is absent."""
import csv
import io
import json
import os
import subprocess

from herald_cli import TempDirTest, index, main, require_shared, run, search_json

ALLSIDES = require_shared("corpus", "allsides", "articles.jsonl.zst")
ARTICLES = 3000


class AllSidesExportTest(TempDirTest):
    def test_exports_hold_exactly_the_collapsed_matches(self):
        head = os.path.join(self.tmp, "head.jsonl")
        subprocess.run(f"zstd -dc '{ALLSIDES}' | head -n {ARTICLES} > '{head}'", shell=True, check=True)
        proc = index(self.db, "--field", "id=ID", "--field", "body=content_original", "--field", "tags=topic", head,
                     check=None)
        self.assertIn(proc.returncode, (0, 1), proc.stderr[-2000:])
        for args in (["the"], ["president"], ["--sort", "-date", "said"], ["--no-collapse", "the"]):
            with self.subTest(args=args):
                total = search_json(self.db, "--facets", "year", *args)["total"]
                if args != ["president"]:
                    self.assertGreater(total, 1000)
                out = run("herald-searcher", "--db", self.db, "--export", "jsonl", *args, check=0).stdout
                lines = out.splitlines()
                self.assertEqual(len(lines), total)
                records = [json.loads(line) for line in lines]
                self.assertEqual(len({r["id"] for r in records}), total)
                self.assertTrue(any(r["url"] and r["source"] and r["date"] for r in records))
        # Some copies are folded: collapsing leaves fewer matches than not.
        collapsed = search_json(self.db, "--facets", "year", "the")["total"]
        self.assertLessEqual(collapsed, search_json(self.db, "--facets", "year", "--no-collapse", "the")["total"])
        text = run("herald-searcher", "--db", self.db, "--export", "csv", "the", check=0).stdout
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        self.assertEqual(len(rows), collapsed)
        self.assertEqual(len({r["id"] for r in rows}), collapsed)


if __name__ == "__main__":
    main()
