"""Batch jobs when things go wrong, through the real binaries: an unreadable
folder is reported and the walk goes on (run as an unprivileged user, since
root reads anything)."""
import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import BIN, TIMEOUT, TempDirTest, document_count, search_json  # noqa: E402

NOBODY = 65534


def unprivileged_prefix():
    """The command prefix that runs a program as uid/gid 65534 (none when not
    root: permissions already apply), or None when no tool can switch."""
    if os.geteuid() != 0:
        return []
    for prefix in (["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"],
                   ["runuser", "-u", "nobody", "--"]):
        if shutil.which(prefix[0]) is None:
            continue
        probe = subprocess.run([*prefix, "id", "-u"], capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == str(NOBODY):
            return prefix
    return None


class UnreadableFolder(TempDirTest):
    def tearDown(self):
        for root, dirs, _ in os.walk(self.tmp):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
        super().tearDown()

    def test_each_unreadable_folder_rejected_and_the_rest_indexed(self):
        prefix = unprivileged_prefix()
        if prefix is None:
            print("SKIPPED: running as root and neither setpriv nor runuser can switch to uid 65534")
            raise unittest.SkipTest("no way to run as an unprivileged user")
        folders = "abcdefgh"
        for name in folders:
            self.write(f"in/{name}/story.txt", f"Story from desk {name}\n\nHarbour strike, desk {name}.\n")
        if os.geteuid() == 0:
            os.chmod(self.tmp, 0o755)
            for root, dirs, files in os.walk(self.tmp):
                for entry in dirs + files:
                    os.chown(os.path.join(root, entry), NOBODY, NOBODY)
            os.chown(self.tmp, NOBODY, NOBODY)
        unreadable = ("a", "e")  # whichever the walk meets first, both must be reported
        for name in unreadable:
            os.chmod(os.path.join(self.tmp, "in", name), 0)
        inputs = os.path.join(self.tmp, "in")
        proc = subprocess.run([*prefix, os.path.join(BIN, "indexer"), "--db", self.db, inputs],
                              capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 1, proc.stderr)  # 1: some records rejected
        rejections = [line for line in proc.stderr.splitlines() if "rejected:" in line]
        for name in unreadable:
            folder = os.path.join(inputs, name)
            self.assertTrue(any(f"{folder}: cannot read directory" in line for line in rejections), proc.stderr)
        self.assertEqual(len(rejections), len(unreadable), proc.stderr)
        self.assertEqual(document_count(self.db), len(folders) - len(unreadable))
        ids = {hit["id"] for hit in search_json(self.db, "harbour", extra=("--limit", "20"))["results"]}
        self.assertEqual(ids, {f"{name}/story" for name in folders if name not in unreadable})


if __name__ == "__main__":
    unittest.main(verbosity=2)
