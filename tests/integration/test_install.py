"""Installing and packaging: `cmake --install` into a temporary DESTDIR, then
the sample indexed and searched with the *installed* binaries; the installed
man pages render without warnings and carry every option of --help; the
systemd units name the installed paths; the .deb built by CPack holds the
same files, Depends (from dpkg-shlibdeps) names the shared libraries the
binaries link, it installs in under 5 MB and beside Debian's sphinxsearch
(whose /usr/bin/indexer the old command names collided with), its binaries
run, and lintian finds no error. The shipped systemd units are rated by
`systemd-analyze security` at exposure 3.0 or below ("OK").

HERALD_BUILD is the build directory (set by ctest); HERALD_SANITIZED=1 marks a
sanitizer build, whose binaries are installed and run but not packaged."""
import glob
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
# The installed size the package may reach (KiB, dpkg's Installed-Size).
MAX_INSTALLED_KIB = 5 * 1024
# systemd-analyze security: 3.0 and below is rated "OK" or better.
MAX_UNIT_EXPOSURE = 3.0
# Libraries Debian ships shared, linked as such (not embedded copies).
SHARED_LIBRARIES = {
    "herald-indexer": ("libxapian", "libicuuc", "libicui18n", "libstemmer", "libutf8proc", "libzstd", "libz",
                       "libcld2", "libhunspell"),
    "herald-searcher": ("libxapian", "libicuuc", "libicui18n", "libstemmer", "libutf8proc", "libzstd", "libfcgi",
                        "liburiparser"),
}
# Their packages in Depends (dpkg-shlibdeps), by name pattern.
SHARED_LIBRARY_PACKAGES = (r"libxapian30", r"libicu\d+", r"libstemmer0d", r"libutf8proc\d", r"libzstd1",
                           r"libfcgi0ldbl|libfcgi\d", r"liburiparser1", r"libcld2-0", r"libhunspell-[\d.]+-\d+")
SPHINXSEARCH_DEBS = "/var/cache/herald-test-debs/sphinxsearch_*.deb"
MAN_PAGES = ("herald-indexer", "herald-searcher", "herald-serve-shard")
# What both the install tree and the .deb hold, relative to the prefix.
INSTALLED_FILES = (
    "bin/herald-indexer",
    "bin/herald-searcher",
    "bin/herald-serve-shard",
    "share/man/man1/herald-indexer.1.gz",
    "share/man/man1/herald-searcher.1.gz",
    "share/man/man1/herald-serve-shard.1.gz",
    "share/bash-completion/completions/herald-indexer",
    "share/bash-completion/completions/herald-searcher",
    "share/herald/synonyms.txt",
    "share/doc/herald/README.md",
    "share/doc/herald/copyright",
    "share/doc/herald/changelog.gz",
    "share/doc/herald/examples/herald-searcher.service",
    "share/doc/herald/examples/herald-shard@.service",
    "share/doc/herald/examples/nginx-herald.conf",
    # The manual the README links to.
    *(f"share/doc/herald/docs/{name}" for name in sorted(os.listdir(os.path.join(REPO, "docs")))
      if name.endswith((".md", ".png"))),
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
        for program in ("herald-indexer", "herald-searcher", "herald-serve-shard"):
            self.assertTrue(os.access(self.installed(f"bin/{program}"), os.X_OK), program)

    def test_manifest_lists_every_installed_file(self):
        # `xargs rm < build/install_manifest.txt` uninstalls (docs/install.md), so the
        # units written at install time must be listed like the rest.
        self.assertEqual(self.manifest, self.installed_files())

    def test_installed_binaries_index_and_search_the_sample(self):
        indexer, searcher = self.installed("bin/herald-indexer"), self.installed("bin/herald-searcher")
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
        for program in ("herald-indexer", "herald-searcher"):
            dynamic = checked(["readelf", "-d", self.installed(f"bin/{program}")]).stdout
            self.assertNotIn(BUILD, dynamic)
            self.assertNotRegex(dynamic, r"R(UN)?PATH")

    def test_binaries_link_debian_shared_libraries(self):
        for program, libraries in SHARED_LIBRARIES.items():
            with self.subTest(program=program):
                dynamic = checked(["readelf", "-d", self.installed(f"bin/{program}")]).stdout
                needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
                for library in libraries:
                    self.assertTrue(any(name.startswith(library + ".so") or name.startswith(library + "-")
                                        for name in needed), f"{library} not in {needed}")

    def test_version_of_installed_binaries(self):
        for program in ("herald-indexer", "herald-searcher"):
            lines = checked([self.installed(f"bin/{program}"), "--version"]).stdout.splitlines()
            self.assertEqual(len(lines), 3, lines)
            self.assertRegex(lines[0], rf"^{program} \(Herald\) \d+\.\d+\.\d+$")
            self.assertRegex(lines[1], r"^Xapian \d+\.\d+\.\d+$")
            self.assertRegex(lines[2], r"^database schema \d+ \(reads \d+ and \d+\)$")

    def test_man_pages_render_without_warnings_and_match_help_both_ways(self):
        helps = {
            "herald-indexer": "".join(checked([self.installed("bin/herald-indexer"), *sub, "--help"]).stdout
                               for sub in ((), ("compact",), ("stats",))),
            "herald-searcher": checked([self.installed("bin/herald-searcher"), "--help"]).stdout,
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
        self.assertIn(f"ExecStart={PREFIX}/bin/herald-searcher --db ", searcher_unit)
        self.assertIn(f"install -m 644 {PREFIX}/share/doc/herald/examples/herald-searcher.service", searcher_unit)
        with open(os.path.join(examples, "herald-shard@.service")) as unit:
            shard_unit = unit.read()
        self.assertIn(f"exec {PREFIX}/bin/herald-serve-shard ", shard_unit)
        for unit_text in (searcher_unit, shard_unit):
            self.assertNotIn("@HERALD", unit_text)
            self.assertNotIn("/usr/local/bin", unit_text)

    def test_shard_unit_derives_its_port_from_the_instance(self):
        # The unit's command line, as systemd would run it for instance 08
        # (/bin/sh is dash on Debian: no bash arithmetic), printing instead.
        with open(self.installed("share/doc/herald/examples/herald-shard@.service")) as unit:
            exec_start = next(line for line in unit.read().splitlines() if line.startswith("ExecStart="))
        script = re.fullmatch(r"ExecStart=/bin/sh -c '(.*)'", exec_start).group(1)
        script = script.replace("%i", "08").replace(f"exec {PREFIX}/bin/herald-serve-shard ", "echo ")
        env = dict(os.environ, HERALD_DB="/srv/db", HERALD_SHARD_ADDRESS="10.0.0.2")
        printed = checked(["/bin/sh", "-c", script], env=env).stdout
        self.assertEqual(printed, "/srv/db/shard-08 7008 10.0.0.2\n")

    @unittest.skipIf(shutil.which("systemd-analyze") is None, "systemd-analyze is not installed")
    def test_units_are_hardened(self):
        examples = self.installed("share/doc/herald/examples")
        for unit in ("herald-searcher.service", "herald-shard@.service"):
            with self.subTest(unit=unit):
                path = os.path.join(examples, unit)
                with open(path) as unit_file:
                    settings = set(unit_file.read().splitlines())
                for setting in ("DynamicUser=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                                "NoNewPrivileges=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                                "MemoryDenyWriteExecute=yes", "SystemCallFilter=@system-service",
                                "ReadOnlyPaths=/var/lib/herald"):
                    self.assertIn(setting, settings)
                proc = subprocess.run(["systemd-analyze", "security", "--offline=true", path], capture_output=True,
                                      text=True, timeout=TIMEOUT)
                rating = re.search(r"Overall exposure level for \S+: (\d+\.\d+) (\w+)", proc.stdout)
                self.assertIsNotNone(rating, proc.stdout + proc.stderr)
                self.assertLessEqual(float(rating.group(1)), MAX_UNIT_EXPOSURE, proc.stdout)
                self.assertIn(rating.group(2), ("OK", "SAFE"))

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

    def test_installed_size_and_shared_library_depends(self):
        installed_kib = int(self.field("Installed-Size"))
        self.assertLessEqual(installed_kib, MAX_INSTALLED_KIB)
        depends = [entry.split()[0] for entry in self.field("Depends").split(", ")]
        for package in SHARED_LIBRARY_PACKAGES:
            self.assertTrue(any(re.fullmatch(package, name) for name in depends), f"{package} not in {depends}")

    def test_installs_beside_sphinxsearch(self):
        # A scratch dpkg root: dpkg checks file ownership across packages, so
        # a collision fails exactly as on a real system. Sphinx is unpacked
        # only (its postinst needs a whole system); Herald has no maintainer
        # scripts, so it is installed (unpacked and configured).
        sphinx = sorted(glob.glob(SPHINXSEARCH_DEBS))
        if not sphinx:
            self.fail(f"no {SPHINXSEARCH_DEBS} (scripts/install-deps.sh downloads it)")
        root = os.path.join(self.tmp, "root")
        admin = os.path.join(root, "var/lib/dpkg")
        for folder in ("info", "updates", "triggers"):
            os.makedirs(os.path.join(admin, folder))
        for name in ("status", "available"):
            open(os.path.join(admin, name), "w").close()
        dpkg = ["dpkg", f"--root={root}", "--log=/dev/null", "--force-not-root", "--force-depends"]
        self.assertEqual(len(sphinx), 1, sphinx)
        checked([*dpkg, "--unpack", sphinx[0]])
        self.assertTrue(os.path.exists(os.path.join(root, "usr/bin/indexer")))
        checked([*dpkg, "--install", self.deb])
        status = checked(["dpkg-query", f"--admindir={admin}", "-W", "-f=${Package} ${Status}\n"]).stdout
        self.assertIn("herald install ok installed", status)
        self.assertIn("sphinxsearch install ok unpacked", status)
        for program in ("herald-indexer", "herald-searcher", "herald-serve-shard"):
            self.assertTrue(os.access(os.path.join(root, "usr/bin", program), os.X_OK), program)

    def test_packaged_binaries_run(self):
        checked(["dpkg-deb", "--extract", self.deb, self.tmp])
        searcher = os.path.join(self.tmp, "usr/bin/herald-searcher")
        self.assertIn("(Herald)", checked([searcher, "--version"]).stdout)
        self.assertNotIn("not stripped", checked(["file", searcher]).stdout)
        with open(os.path.join(self.tmp, "usr/share/doc/herald/examples/herald-searcher.service")) as unit:
            self.assertIn("ExecStart=/usr/bin/herald-searcher ", unit.read())

    def test_lintian_finds_no_errors_or_warnings(self):
        if shutil.which("lintian") is None:
            self.fail("lintian is not installed (scripts/install-deps.sh installs it)")
        proc = subprocess.run(["lintian", "--info", "--tag-display-limit", "0", self.deb], capture_output=True,
                              text=True, timeout=TIMEOUT)
        flagged = [line for line in proc.stdout.splitlines() if line.startswith(("E:", "W:"))]
        self.assertEqual(flagged, [], proc.stdout)
        # Built with Debian's default hardening flags (bind-now is not one of them).
        for tag in ("hardening-no-fortify-functions", "hardening-no-relro", "hardening-no-pie"):
            self.assertNotIn(tag, proc.stdout)
        # lintian exits 1 when it reports an error, 2 when it could not run.
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)

if __name__ == "__main__":
    main()
