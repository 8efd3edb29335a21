"""Installing and packaging: `cmake --install` into a temporary DESTDIR, then
the sample indexed and searched with the *installed* binaries; the installed
man pages render without warnings and carry every option of --help; the
systemd units name the installed paths; the .deb built by CPack holds the
same files, Depends (from dpkg-shlibdeps) names libxapian, its binaries run,
and lintian finds no error.

HERALD_BUILD is the build directory (set by ctest); HERALD_SANITIZED=1 marks a
sanitizer build, whose binaries are installed and run but not packaged."""
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import CORPUS, REPO, SEED_ID, TempDirTest, main, parse_help  # noqa: E402

BUILD = os.environ.get("HERALD_BUILD", os.path.join(REPO, "build"))
PREFIX = "/opt/herald"
TIMEOUT = 600
MAN_PAGES = ("indexer", "searcher", "herald-serve-shard")
# What both the install tree and the .deb hold, relative to the prefix.
INSTALLED_FILES = (
    "bin/indexer",
    "bin/searcher",
    "bin/herald-serve-shard",
    "share/man/man1/indexer.1.gz",
    "share/man/man1/searcher.1.gz",
    "share/man/man1/herald-serve-shard.1.gz",
    "share/bash-completion/completions/indexer",
    "share/bash-completion/completions/searcher",
    "share/herald/synonyms.txt",
    "share/doc/herald/README.md",
    "share/doc/herald/copyright",
    "share/doc/herald/changelog.gz",
    "share/doc/herald/examples/herald-searcher.service",
    "share/doc/herald/examples/herald-shard@.service",
    "share/doc/herald/examples/nginx-herald.conf",
)


def checked(command, **kwargs):
    proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {proc.returncode}\n"
                             f"stdout: {proc.stdout[-3000:]}\nstderr: {proc.stderr[-3000:]}")
    return proc


def long_options(help_text):
    return {option for option in parse_help(help_text)[0] if option.startswith("--")}


class Installed(TempDirTest):
    """One install into a temporary DESTDIR, checked from several sides."""

    @classmethod
    def setUpClass(cls):
        cls.destdir = tempfile.mkdtemp(prefix="herald-install-")
        env = dict(os.environ, DESTDIR=cls.destdir)
        checked(["cmake", "--install", BUILD, "--prefix", PREFIX], env=env)
        cls.root = cls.destdir + PREFIX
        # Read now: the next install (cpack's included) rewrites it.
        with open(os.path.join(BUILD, "install_manifest.txt")) as manifest:
            cls.manifest = {line.strip() for line in manifest if line.strip()}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.destdir, ignore_errors=True)

    def installed(self, relative):
        return os.path.join(self.root, relative)

    def installed_files(self):
        found = set()
        for folder, _, files in os.walk(self.destdir):
            found.update(os.path.join(folder, name)[len(self.destdir):] for name in files)
        return found

    def test_every_file_is_installed_and_nothing_else(self):
        self.assertEqual(self.installed_files(), {f"{PREFIX}/{relative}" for relative in INSTALLED_FILES})
        for program in ("indexer", "searcher", "herald-serve-shard"):
            self.assertTrue(os.access(self.installed(f"bin/{program}"), os.X_OK), program)

    def test_manifest_lists_every_installed_file(self):
        # `xargs rm < build/install_manifest.txt` uninstalls (README), so the
        # units written at install time must be listed like the rest.
        self.assertEqual(self.manifest, self.installed_files())

    def test_installed_binaries_index_and_search_the_sample(self):
        indexer, searcher = self.installed("bin/indexer"), self.installed("bin/searcher")
        synonyms = self.installed("share/herald/synonyms.txt")
        checked([indexer, "--db", self.db, CORPUS])
        results = json.loads(checked([searcher, "--db", self.db, "--json", "gas", "hub", "Turkey"]).stdout)
        self.assertEqual(results["results"][0]["id"], SEED_ID)
        # The installed synonyms starter file loads: "usa" then finds an article
        # that only says "United States".
        article = self.write("us.jsonl", json.dumps({"id": "us-1", "title": "Trade talks",
                                                     "body": "The United States opened talks."}) + "\n")
        checked([indexer, "--db", self.db, "--synonyms", synonyms, article])
        found = json.loads(checked([searcher, "--db", self.db, "--json", "usa"]).stdout)
        self.assertEqual([result["id"] for result in found["results"]], ["us-1"])

    def test_installed_binaries_do_not_look_into_the_build_tree(self):
        for program in ("indexer", "searcher"):
            dynamic = checked(["readelf", "-d", self.installed(f"bin/{program}")]).stdout
            self.assertNotIn(BUILD, dynamic)
            self.assertNotRegex(dynamic, r"R(UN)?PATH")

    def test_version_of_installed_binaries(self):
        for program in ("indexer", "searcher"):
            lines = checked([self.installed(f"bin/{program}"), "--version"]).stdout.splitlines()
            self.assertEqual(len(lines), 3, lines)
            self.assertRegex(lines[0], rf"^{program} \(Herald\) \d+\.\d+\.\d+$")
            self.assertRegex(lines[1], r"^Xapian \d+\.\d+\.\d+$")
            self.assertRegex(lines[2], r"^database schema \d+ \(reads \d+ and \d+\)$")

    def test_man_pages_render_without_warnings_and_match_help_both_ways(self):
        helps = {
            "indexer": "".join(checked([self.installed("bin/indexer"), *sub, "--help"]).stdout
                               for sub in ((), ("compact",), ("stats",))),
            "searcher": checked([self.installed("bin/searcher"), "--help"]).stdout,
            "herald-serve-shard": checked([self.installed("bin/herald-serve-shard"), "--help"]).stdout,
        }
        for program in MAN_PAGES:
            with self.subTest(program=program):
                with gzip.open(self.installed(f"share/man/man1/{program}.1.gz"), "rt") as page_file:
                    page = page_file.read()
                render = subprocess.run(["groff", "-man", "-ww", "-z"], input=page, capture_output=True,
                                        text=True, timeout=TIMEOUT)
                self.assertEqual((render.returncode, render.stderr), (0, ""))
                self.assertTrue(re.search(rf'^\.TH {program.upper()} "1"', page, re.MULTILINE), program)
                for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES",
                                "SEE ALSO"):
                    self.assertTrue(re.search(rf'^\.SH "?{section}"?$', page, re.MULTILINE), section)
                text = page.replace("\\-", "-")
                # Every option of --help is in the page, and the page (its
                # examples and notes too) names no option --help does not.
                options = long_options(helps[program])
                self.assertTrue(options)
                self.assertEqual(sorted(option for option in options if option not in text), [])
                mentioned = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text))
                self.assertEqual(sorted(mentioned - set(re.findall(r"--[a-z][a-z-]*", helps[program]))), [])

    def test_units_name_the_installed_paths(self):
        examples = self.installed("share/doc/herald/examples")
        with open(os.path.join(examples, "herald-searcher.service")) as unit:
            searcher_unit = unit.read()
        self.assertIn(f"ExecStart={PREFIX}/bin/searcher --db ", searcher_unit)
        self.assertIn(f"install -m 644 {PREFIX}/share/doc/herald/examples/herald-searcher.service", searcher_unit)
        with open(os.path.join(examples, "herald-shard@.service")) as unit:
            shard_unit = unit.read()
        self.assertIn(f"exec {PREFIX}/bin/herald-serve-shard ", shard_unit)
        for unit_text in (searcher_unit, shard_unit):
            self.assertNotIn("@HERALD", unit_text)
            self.assertNotIn("/usr/local/bin", unit_text)

    def test_shard_helper_answers_help_and_refuses_a_non_database(self):
        helper = self.installed("bin/herald-serve-shard")
        self.assertIn("Usage: herald-serve-shard SHARD_DIRECTORY PORT [ADDRESS]", checked([helper, "--help"]).stdout)
        proc = subprocess.run([helper, self.tmp, "7999"], capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("is not a Xapian (glass) database", proc.stderr)


@unittest.skipIf(os.environ.get("HERALD_SANITIZED") == "1",
                 "sanitizer builds are not packaged: the normal build's run checks the .deb")
class DebianPackage(TempDirTest):
    """The .deb from `cpack -G DEB` over the same build."""

    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="herald-deb-")
        checked(["cpack", "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"), "-B", cls.out])
        debs = [name for name in os.listdir(cls.out) if name.endswith(".deb")]
        assert len(debs) == 1, debs
        cls.deb = os.path.join(cls.out, debs[0])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def field(self, name):
        return checked(["dpkg-deb", "--field", self.deb, name]).stdout.strip()

    def test_file_list(self):
        listing = checked(["dpkg-deb", "--contents", self.deb]).stdout.splitlines()
        files = {line.split()[-1].lstrip(".") for line in listing if not line.startswith("d")}
        self.assertEqual(files, {f"/usr/{relative}" for relative in INSTALLED_FILES})
        self.assertEqual({line.split()[1] for line in listing}, {"root/root"})

    def test_control_fields(self):
        self.assertEqual(self.field("Package"), "herald")
        self.assertRegex(self.field("Depends"), r"(^|, )libxapian30 \(>= [^)]+\)")
        self.assertIn("libc6", self.field("Depends"))
        self.assertIn("xapian-tools", self.field("Recommends"))
        description = self.field("Description")
        self.assertTrue(description.startswith("full-text search engine for political news archives\n"))
        self.assertTrue(all(len(line) <= 80 for line in description.splitlines()), description)
        control = subprocess.run(["dpkg-deb", "--ctrl-tarfile", self.deb], capture_output=True, check=True,
                                 timeout=TIMEOUT).stdout
        with tarfile.open(fileobj=io.BytesIO(control)) as members:
            names = {os.path.basename(name) for name in members.getnames()} - {"", "."}
        self.assertEqual(names, {"control", "md5sums"})  # no maintainer scripts: nothing to do at install

    def test_packaged_binaries_run(self):
        checked(["dpkg-deb", "--extract", self.deb, self.tmp])
        searcher = os.path.join(self.tmp, "usr/bin/searcher")
        self.assertIn("(Herald)", checked([searcher, "--version"]).stdout)
        self.assertNotIn("not stripped", checked(["file", searcher]).stdout)
        with open(os.path.join(self.tmp, "usr/share/doc/herald/examples/herald-searcher.service")) as unit:
            self.assertIn("ExecStart=/usr/bin/searcher ", unit.read())

    def test_lintian_finds_no_errors(self):
        if shutil.which("lintian") is None:
            self.fail("lintian is not installed (scripts/install-deps.sh installs it)")
        proc = subprocess.run(["lintian", "--tag-display-limit", "0", self.deb], capture_output=True,
                              text=True, timeout=TIMEOUT)
        errors = [line for line in proc.stdout.splitlines() if line.startswith("E:")]
        self.assertEqual(errors, [], proc.stdout)
        # lintian exits 1 when it reports an error, 2 when it could not run.
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)


if __name__ == "__main__":
    main()
