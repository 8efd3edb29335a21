#!/usr/bin/env python3
"""Checks the dependency direction of Herald's source folders.

common/ includes nothing from indexer/ or searcher/; indexer/ and searcher/
never include each other. Every quoted include must name a file by its path
from the project root (or beside the including file), so the check sees
where it points. Run with --self-test to see it catch planted violations.
"""
import os
import re
import sys
import tempfile

FORBIDDEN = {
    "common": {"indexer", "searcher"},
    "indexer": {"searcher"},
    "searcher": {"indexer"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)
SOURCE_SUFFIXES = (".cpp", ".hpp", ".h", ".cc")


def top_folder(root, path):
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    return relative.split(os.sep)[0]


def violations(root):
    found = []
    for folder, forbidden in FORBIDDEN.items():
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for name in sorted(files):
                if not name.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as source:
                    text = source.read()
                for match in INCLUDE.finditer(text):
                    kind, target = match.groups()
                    line = text.count("\n", 0, match.start()) + 1
                    where = f"{os.path.relpath(path, root)}:{line}"
                    candidates = [os.path.join(root, target), os.path.join(directory, target)]
                    resolved = next((c for c in candidates if os.path.isfile(c)), None)
                    if resolved is None:
                        if kind == '"':
                            found.append(f"{where}: \"{target}\" is not a project file")
                        continue  # a system header
                    reached = top_folder(root, resolved)
                    if reached in forbidden:
                        found.append(f"{where}: {folder}/ must not include {reached}/ ({target})")
    return found


def self_test():
    with tempfile.TemporaryDirectory(prefix="herald-include-check-") as root:
        files = {
            "common/a.hpp": '#include <vector>\n#include "common/b.hpp"\n',
            "common/b.hpp": '#include "indexer/x.hpp"\n',  # reaches up
            "indexer/x.hpp": '#include "common/a.hpp"\n',
            "indexer/y.cpp": '#include "../searcher/s.hpp"\n',  # sideways, by a relative path
            "searcher/s.hpp": '#include "common/a.hpp"\n#include "missing.hpp"\n',
        }
        for name, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(name)), exist_ok=True)
            with open(os.path.join(root, name), "w", encoding="utf-8") as out:
                out.write(text)
        found = violations(root)
        expected = ["common/b.hpp:1", "indexer/y.cpp:1", "searcher/s.hpp:2"]
        caught = [e for e in expected if any(v.startswith(e + ":") for v in found)]
        if caught != expected or len(found) != len(expected):
            print("self-test failed: expected violations at", expected, "got", found)
            return 1
    print("self-test: planted violations caught")
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--self-test":
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    found = violations(root)
    for violation in found:
        print(violation)
    if found:
        print(f"{len(found)} include(s) break the dependency direction (ARCHITECTURE.md)")
        return 1
    print("include direction: common <- indexer, common <- searcher; no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
