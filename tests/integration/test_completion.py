"""Bash completion (deploy/bash-completion/): every option each --help lists is offered, and no
other; options that take a value complete that value (choices, files or nothing), flags do not;
subcommands and their own options. Run in `bash --norc --noprofile`, so without the bash-completion
package's helpers, as a user without that package would."""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import BIN, REPO, TempDirTest, main, parse_help, run  # noqa: E402

COMPLETIONS = os.path.join(REPO, "deploy", "bash-completion")

# Sources the completion file ($1), fills COMP_* as bash does for a Tab after the words given
# (the last one, maybe empty, is the word under the cursor), calls the function `complete -p`
# names for the command and prints COMPREPLY one a line.
DRIVER = r'''
source "$1" || exit 1
COMP_CWORD=$2
shift 2
COMP_WORDS=("$@")
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
spec=$(complete -p "$1") || exit 1
func=${spec#*-F }
func=${func%% *}
"$func" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" || exit 1
((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}"
'''


def help_of(*argv):
    return parse_help(run(*argv, "--help", check=0).stdout)


class Completion(TempDirTest):
    def complete(self, line):
        """COMPREPLY for a Tab at the end of line (words split at spaces, as readline would;
        `--opt = value` for `--opt=value`, which readline splits at '=')."""
        words = line.split(" ")
        path = os.path.join(COMPLETIONS, words[0])
        env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
        proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", DRIVER, "driver", path,
                               str(len(words) - 1), *words],
                              capture_output=True, text=True, cwd=self.tmp, env=env, timeout=60)
        self.assertEqual(proc.returncode, 0, f"{line!r}: {proc.stderr}")
        self.assertEqual(proc.stderr, "", line)
        return sorted(proc.stdout.splitlines())

    def test_files_parse_and_need_no_bash_completion_helpers(self):
        for program in ("herald-indexer", "herald-searcher"):
            with self.subTest(program=program):
                path = os.path.join(COMPLETIONS, program)
                proc = subprocess.run(["bash", "-n", path], capture_output=True, text=True)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                with open(path) as f:
                    self.assertNotRegex(f.read(), r"_init_completion|_filedir|_get_comp_words_by_ref")

    def test_options_match_help_exactly(self):
        for argv in (["herald-indexer"], ["herald-indexer", "compact"], ["herald-indexer", "stats"], ["herald-searcher"]):
            with self.subTest(argv=argv):
                takes_value, _, _ = help_of(*argv)
                line = " ".join(argv)
                self.assertIn("--help", takes_value)
                self.assertEqual(self.complete(line + " -"), sorted(takes_value))
                self.assertEqual(self.complete(line + " --"),
                                 sorted(o for o in takes_value if o.startswith("--")))

    def test_options_that_take_a_value_complete_no_options_and_flags_do(self):
        for argv in (["herald-indexer"], ["herald-indexer", "compact"], ["herald-indexer", "stats"], ["herald-searcher"]):
            takes_value, _, _ = help_of(*argv)
            for option, valued in takes_value.items():
                with self.subTest(argv=argv, option=option):
                    offered = self.complete(" ".join(argv + [option, "--"]))
                    if valued:
                        self.assertEqual(offered, [])
                    else:
                        self.assertIn("--help", offered)

    def test_choices_shown_by_help(self):
        for program in ("herald-indexer", "herald-searcher"):
            _, choices, _ = help_of(program)
            self.assertTrue(choices, program)
            for option, values in choices.items():
                with self.subTest(program=program, option=option):
                    self.assertEqual(self.complete(f"{program} {option} "), sorted(values))

    def test_choices(self):
        expected = {
            "herald-indexer --format ": "text jsonl json csv tsv",
            "herald-indexer --id-prefix ": "none dirname",
            "herald-indexer --strategy ": "auto segments direct",
            "herald-indexer --progress ": "auto tty json none",
            "herald-indexer --format js": "jsonl json",
            "herald-indexer --format = js": "jsonl json",
            "herald-indexer --strategy =": "auto segments direct",
            "herald-searcher --sort ": "relevance date -date",
            "herald-searcher --sort -": "-date",
            "herald-searcher --ranking ": "herald bm25",
            "herald-searcher --timeline ": "day week month year",
            "herald-searcher --export ": "jsonl csv",
            "herald-searcher --facets ": "source tag author year lang",
            "herald-searcher --facets source,ta": "source,tag",
            "herald-searcher --facets year,source,": "year,source,source year,source,tag year,source,author "
                                              "year,source,year year,source,lang",
        }
        for line, values in expected.items():
            with self.subTest(line=line):
                self.assertEqual(self.complete(line), sorted(values.split()))

    def test_subcommands(self):
        _, _, subcommands = help_of("herald-indexer")
        self.assertEqual(sorted(subcommands), ["compact", "stats"])
        self.assertEqual(self.complete("herald-indexer "), sorted(subcommands))  # the directory is empty
        self.assertEqual(self.complete("herald-indexer --db x st"), ["stats"])
        self.assertIn("--json", self.complete("herald-indexer stats --"))
        self.assertIn("--json", self.complete("herald-indexer --db x stats --db y --"))
        self.assertIn("--single-file", self.complete("herald-indexer --format = csv compact --"))
        self.assertEqual(self.complete("herald-indexer stats "), [])

    def test_files_and_directories(self):
        os.makedirs(os.path.join(self.tmp, "archive.db"))
        self.write("news.jsonl", "")
        self.write("my synonyms.txt", "")
        everything = ["archive.db", "my synonyms.txt", "news.jsonl"]
        self.assertEqual(self.complete("herald-searcher --db ar"), ["archive.db"])
        self.assertEqual(self.complete(f"herald-searcher --db {self.tmp}/ar"), [f"{self.tmp}/archive.db"])
        self.assertEqual(self.complete("herald-searcher --json --db = ar"), ["archive.db"])
        self.assertEqual(self.complete("herald-indexer --db "), everything)
        self.assertEqual(self.complete("herald-indexer stats --db "), everything)
        self.assertEqual(self.complete("herald-indexer --synonyms my"), ["my synonyms.txt"])
        self.assertEqual(self.complete("herald-indexer --delete-from n"), ["news.jsonl"])
        self.assertEqual(self.complete("herald-indexer --db x "), sorted(everything + ["compact", "stats"]))
        self.assertEqual(self.complete("herald-indexer --db x compact "), everything)
        for option in ("--listen", "--access-log"):
            self.assertEqual(self.complete(f"herald-searcher {option} n"), ["news.jsonl"], option)

    def test_numbers_and_free_text_complete_nothing(self):
        self.write("5", "")  # a file named like a number is still not offered for a number
        for line in ("herald-searcher --limit ", "herald-searcher --limit 5", "herald-searcher --offset ", "herald-indexer --jobs ",
                     "herald-indexer -j ", "herald-indexer --batch-size 5", "herald-searcher --source ", "herald-searcher gas ",
                     "herald-searcher --db x gas hub ", "herald-indexer --field "):
            with self.subTest(line=line):
                self.assertEqual(self.complete(line), [])

    def test_prefixes(self):
        self.assertEqual(self.complete("herald-searcher --ex"), ["--export"])
        self.assertEqual(self.complete("herald-indexer --delete"), ["--delete", "--delete-from"])
        self.assertEqual(self.complete("herald-indexer stats --j"), ["--json"])


if __name__ == "__main__":
    main()
