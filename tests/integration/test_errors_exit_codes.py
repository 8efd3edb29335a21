"""Bad input is reported with its place, the rest is indexed, exit codes tell what happened."""
import json
import os
import subprocess

from herald_cli import BIN, TempDirTest, document_count, index, main, run, search_json


class IndexerErrorsTest(TempDirTest):
    def test_broken_record_is_rejected_and_the_rest_indexed(self):
        path = self.write("mixed.jsonl", "\n".join([
            json.dumps({"id": "good-1", "title": "First", "body": "Fine."}),
            '{"id": "broken", "title": "Unterminated',
            json.dumps({"id": "empty"}),
            json.dumps({"id": "good-2", "title": "Second", "body": "Also fine.", "date": "not a date"}),
        ]) + "\n")
        proc = index(self.db, path, check=1)
        self.assertIn(f"{path}:2: invalid JSON", proc.stderr)
        self.assertIn(f"{path}:3: no title and no body", proc.stderr)
        self.assertIn(f"{path}:4: field 'date': unparseable date 'not a date'", proc.stderr)
        self.assertEqual(document_count(self.db), 2)
        self.assertEqual(subprocess.run(["xapian-check", self.db], capture_output=True).returncode, 0)

    def test_empty_and_latin1_text_files(self):
        empty = self.write("dir/empty.txt", "\n\n  \n")
        self.write("dir/latin1.txt", b"Price rise\n\nIt costs \xa310 more.\n", mode="wb")
        proc = index(self.db, os.path.join(self.tmp, "dir"), check=1)
        self.assertIn(f"{empty}: empty file", proc.stderr)
        self.assertIn("latin1.txt: not valid UTF-8; decoded as Latin-1", proc.stderr)
        self.assertIn("£10", search_json(self.db, "costs")["results"][0]["snippet"])

    def test_missing_input_path(self):
        proc = index(self.db, os.path.join(self.tmp, "nope.jsonl"), check=1)
        self.assertIn("nope.jsonl: no such file or directory", proc.stderr)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("herald-indexer", "--db", self.db).returncode, 2)  # no PATH
        self.assertEqual(run("herald-indexer", "--db", self.db, "--field", "bogus=x", "-", stdin="").returncode, 2)
        self.assertEqual(run("herald-indexer", "--db", self.db, "--format", "xml", "-", stdin="").returncode, 2)

    def test_locked_database_exits_2(self):
        # A first indexer waiting on its standard input holds the write lock.
        holder = subprocess.Popen([os.path.join(BIN, "herald-indexer"), "--db", self.db, "-"], stdin=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(100):
                if os.path.exists(os.path.join(self.db, "flintlock")):
                    break
                subprocess.run(["sleep", "0.05"])
            proc = index(self.db, "-", stdin='{"id":"x","title":"t"}\n', check=2)
            self.assertIn("locked", proc.stderr)
        finally:
            holder.communicate('{"id":"y","title":"held"}\n', timeout=60)
        self.assertEqual(holder.returncode, 0)

    def test_reserved_keyword_names_are_refused(self):
        # Issue 30: "heraldword", the searcher's own query field, was accepted,
        # and no search of the database worked afterwards.
        for name in ("heraldword", "title"):
            proc = index(self.db, "--keyword", name, "-", stdin='{"id":"x","title":"t"}\n', check=2)
            self.assertIn(f"keyword field '{name}': the name is one of Herald's own fields", proc.stderr)

    def test_stdin_json_lines_with_field_mapping(self):
        lines = json.dumps({"ID": "a1", "headline": "Vote count", "text": "Counting continues.",
                            "topic": "elections", "authors": "Ann Lee, Bo Chan"}) + "\n"
        index(self.db, "--field", "id=ID", "--field", "title=headline", "--field", "body=text",
              "--field", "tags=topic", "-", stdin=lines)
        self.assertEqual([r["id"] for r in search_json(self.db, "counting")["results"]], ["a1"])
        self.assertEqual([r["id"] for r in search_json(self.db, "tag:elections")["results"]], ["a1"])
        self.assertEqual([r["id"] for r in search_json(self.db, 'author:"ann lee"')["results"]], ["a1"])


class SearcherErrorsTest(TempDirTest):
    def test_missing_database_exits_2_with_json_error(self):
        proc = run("herald-searcher", "--db", os.path.join(self.tmp, "absent"), "--json", "anything")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("cannot open database", json.loads(proc.stdout)["error"])

    def test_bad_queries_exit_2_without_a_crash(self):
        index(self.db, "-", stdin='{"id":"x","title":"Some title","body":"Some body"}\n')
        for query in ["", "   ", "x" * 5000]:
            proc = run("herald-searcher", "--db", self.db, "--json", query)
            self.assertEqual(proc.returncode, 2, query[:20])
            self.assertIn("error", json.loads(proc.stdout))
            self.assertNotIn("terminate called", proc.stderr)

    def test_options_are_checked_like_the_web_parameters(self):
        index(self.db, "-", stdin='{"id":"x","title":"Some title","body":"Some body"}\n')
        cases = [
            (["--facets", "source,source"], "facets: a facet is named more than once"),
            (["--sort", "sideways"], "sort: must be relevance, date or -date, not 'sideways'"),
            (["--facets", "colour"], "unknown facet 'colour'"),
        ]
        for options, message in cases:
            proc = run("herald-searcher", "--db", self.db, "--json", *options, "title")
            self.assertEqual(proc.returncode, 2, options)
            self.assertIn(message, json.loads(proc.stdout)["error"], options)

    def test_a_database_recording_a_reserved_keyword_name_is_refused_by_name(self):
        # As an indexer from before "heraldword" was reserved left it: every
        # search failed inside Xapian (add_prefix and add_boolean_prefix).
        index(self.db, "--keyword", "bias", "-", stdin='{"id":"x","title":"Some title","bias":"left"}\n')
        subprocess.run(["xapian-metadata", "set", self.db, "herald.keywords", "bias,heraldword"], check=True)
        for options in ([], ["--json"], ["--export", "csv"]):
            proc = run("herald-searcher", "--db", self.db, *options, "title")
            self.assertEqual(proc.returncode, 2, options)
            self.assertIn("database db records a keyword field Herald cannot search (keyword field 'heraldword'",
                          proc.stderr, options)
            self.assertIn("herald.keywords", proc.stderr, options)
            self.assertNotIn("InvalidOperationError", proc.stderr + proc.stdout, options)
        proc = run("herald-searcher", "--db", self.db, "--json", "title")
        self.assertIn("'heraldword'", json.loads(proc.stdout)["error"])

    def test_zero_matches_is_success(self):
        index(self.db, "-", stdin='{"id":"x","title":"Some title","body":"Some body"}\n')
        result = search_json(self.db, "zzzunmatched")
        self.assertEqual((result["total"], result["results"]), (0, []))


if __name__ == "__main__":
    main()
