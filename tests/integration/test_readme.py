"""The README's promises about setting up and installing: exactly its two
set-up commands (README "Set up on a fresh Debian machine"), an Install
section that covers source and package installs, and deploy steps that name
files the install really puts under share/doc/herald/examples/."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import REPO, main  # noqa: E402


def readme():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as readme_file:
        return readme_file.read()


def section(text, heading):
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


class Readme(unittest.TestCase):
    def test_exactly_the_two_setup_commands(self):
        setup = section(readme(), "## Set up on a fresh Debian machine").split("\n### ", 1)[0]
        self.assertEqual(re.findall(r"```sh\n(.*?)```", setup, re.DOTALL),
                         ["bash scripts/demo.sh\n", "bash scripts/test.sh\n"])

    def test_install_section_covers_source_and_package(self):
        install = section(readme(), "## Install")
        for needed in ("cmake --install build", "cpack -G DEB", "apt install ./build/herald_",
                       "/usr/share/doc/herald/examples/herald-searcher.service"):
            self.assertIn(needed, install)

    def test_deploy_steps_name_installed_examples(self):
        examples = set(re.findall(r"share/doc/herald/examples/([\w@.-]+)", readme()))
        self.assertTrue(examples)
        shipped = {name[:-3] if name.endswith(".in") else name for name in os.listdir(os.path.join(REPO, "deploy"))}
        self.assertEqual(sorted(examples - shipped), [])
        self.assertNotIn("deploy/herald-searcher.service`", readme())  # only its template is in the tree


if __name__ == "__main__":
    main()
