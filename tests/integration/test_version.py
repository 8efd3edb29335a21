"""`--version` of both binaries: Herald's version from CMake's project(), the
Xapian library they run with and the database schema, exit 0; `indexer
stats` names the Herald version that last wrote the database."""
import json
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import CORPUS, REPO, TempDirTest, index, main, run  # noqa: E402


def project_version():
    with open(os.path.join(REPO, "CMakeLists.txt")) as f:
        return re.search(r"project\(herald VERSION ([0-9.]+)", f.read()).group(1)


def xapian_version():
    out = subprocess.run(["xapian-config", "--version"], capture_output=True, text=True, check=True).stdout
    return out.split()[-1]


class Version(TempDirTest):
    def test_both_binaries_print_three_lines_and_exit_0(self):
        for program in ("herald-indexer", "herald-searcher"):
            with self.subTest(program=program):
                proc = run(program, "--version", check=0)
                self.assertEqual(proc.stdout.splitlines(), [
                    f"{program} (Herald) {project_version()}",
                    f"Xapian {xapian_version()}",
                    "database schema 7 (reads 6 and 7)",
                ], proc.stdout)

    def test_stats_name_the_last_writer(self):
        index(self.db, CORPUS)
        text = run("herald-indexer", "stats", "--db", self.db, check=0).stdout
        self.assertIn(f"written by:   Herald {project_version()}\n", text)
        stats = json.loads(run("herald-indexer", "stats", "--db", self.db, "--json", check=0).stdout)
        self.assertEqual(stats["written_by"], f"Herald {project_version()}")


if __name__ == "__main__":
    main()
