"""The README's and the manual's promises: exactly the README's two set-up
commands (README "Set up on a fresh Debian machine"), a README short enough for
a newcomer that links every page of the manual in docs/, an install page
(docs/install.md) that covers source and package installs, deploy steps that
name files the install really puts under share/doc/herald/examples/, and
relative links that all lead to files in the repository. Needs no build."""
import glob
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from herald_cli import REPO, main  # noqa: E402

MAX_README_LINES = 150
# [text](target) and ![alt](target); the target ends at the first space or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)


def read(relative):
    with open(os.path.join(REPO, relative), encoding="utf-8") as text_file:
        return text_file.read()


def readme():
    return read("README.md")


def docs_pages():
    """docs/*.md, relative to the repository."""
    return sorted(os.path.relpath(path, REPO) for path in glob.glob(os.path.join(REPO, "docs", "*.md")))


def manual():
    """README.md and docs/*.md: relative path -> text."""
    return {page: read(page) for page in ["README.md", *docs_pages()]}


def section(text, heading):
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def relative_links(text):
    """The link targets of a Markdown text outside code blocks and code spans
    that point into the repository: no scheme (http:, https:, mailto:) and not
    a bare #anchor."""
    prose = re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))
    targets = []
    for target in LINK.findall(prose):
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
            continue
        targets.append(target)
    return targets


class Readme(unittest.TestCase):
    def test_exactly_the_two_setup_commands(self):
        setup = section(readme(), "## Set up on a fresh Debian machine").split("\n### ", 1)[0]
        self.assertEqual(re.findall(r"```sh\n(.*?)```", setup, re.DOTALL),
                         ["bash scripts/demo.sh\n", "bash scripts/test.sh\n"])

    def test_readme_is_short(self):
        lines = readme().count("\n") + (0 if readme().endswith("\n") else 1)
        self.assertLessEqual(lines, MAX_README_LINES)

    def test_readme_links_every_docs_page(self):
        pages = docs_pages()
        self.assertTrue(pages)
        linked = {os.path.normpath(target.split("#", 1)[0]) for target in relative_links(readme())}
        self.assertEqual([page for page in pages if page not in linked], [])

    def test_install_page_covers_source_and_package(self):
        install = read(os.path.join("docs", "install.md"))
        for needed in ("cmake --install build", "cpack -G DEB", "apt install ./build/herald_",
                       "/usr/share/doc/herald/examples/herald-searcher.service"):
            self.assertIn(needed, install)

    def test_deploy_steps_name_installed_examples(self):
        texts = manual()
        examples = set()
        for text in texts.values():
            examples |= set(re.findall(r"share/doc/herald/examples/([\w@.-]+)", text))
        self.assertTrue(examples)
        shipped = {name[:-3] if name.endswith(".in") else name for name in os.listdir(os.path.join(REPO, "deploy"))}
        self.assertEqual(sorted(examples - shipped), [])
        for page, text in texts.items():
            self.assertNotIn("deploy/herald-searcher.service`", text, page)  # only its template is in the tree

    def test_relative_links_resolve(self):
        broken = []
        for page, text in manual().items():
            folder = os.path.dirname(os.path.join(REPO, page))
            for target in relative_links(text):
                path = target.split("#", 1)[0]
                if not path:
                    continue
                if not os.path.exists(os.path.normpath(os.path.join(folder, path))):
                    broken.append(f"{page}: {target}")
        self.assertEqual(broken, [])

    def test_link_finder(self):
        text = ("[a](docs/a.md) ![b](docs/b.png) [c](https://xapian.org) [d](#anchor) [e](mailto:x@y)\n"
                "[f](docs/f.md#part) `[g](in/code.md)`\n```\n[h](in/block.md)\n```\n")
        self.assertEqual(relative_links(text), ["docs/a.md", "docs/b.png", "docs/f.md#part"])


if __name__ == "__main__":
    main()
