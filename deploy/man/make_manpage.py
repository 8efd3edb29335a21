#!/usr/bin/env python3
"""Builds a man page from a Herald binary's own --help (with help2man), so the
page can never drift from the options the binary accepts.

    make_manpage.py BINARY DESCRIPTION STATIC_SECTIONS OUTPUT.1 [VERSION_LINE]

STATIC_SECTIONS is a help2man include file (deploy/man/*.h2m) with what --help
does not say: environment, files, examples, see also. Subcommands (indexer
compact, herald-indexer stats) get a COMMANDS section from their own --help. Writes
OUTPUT.1 and OUTPUT.1.gz (gzip -9n, as Debian installs man pages). Without
VERSION_LINE, the first line of BINARY --version gives the version. $HELP2MAN
names the help2man to run (default: the one on PATH).
"""
import gzip
import os
import re
import subprocess
import sys


def run_help(binary, *args):
    return subprocess.run([binary, *args, "--help"], check=True, capture_output=True, text=True).stdout


def roff_escape(text):
    return text.replace("\\", "\\e").replace("-", "\\-")


def sections(help_text):
    """Splits CLI11 help into {heading: [lines]} for headings such as 'Options:'."""
    found, current = {}, None
    for line in help_text.splitlines():
        if re.match(r"^\S.*:$", line):
            current = found.setdefault(line[:-1], [])
        elif current is not None:
            current.append(line)
    return found


def entries(lines):
    """Yields (term, description) from CLI11's two-column option lists, where a
    long term puts its description on the next, indented line."""
    term, words = None, []
    for line in lines:
        if not line.strip():
            continue
        match = re.match(r"^  (\S.*?)(?:\s{2,}(\S.*))?$", line)
        if match and not line.startswith(" " * 5):
            if term is not None:
                yield term, " ".join(words)
            term, words = match.group(1), [match.group(2)] if match.group(2) else []
        elif term is not None:
            words.append(line.strip())
    if term is not None:
        yield term, " ".join(words)


def subcommand_helps(binary, help_text):
    """{name: --help text} of each subcommand the help lists."""
    names = [name for name, _ in entries(sections(help_text).get("Subcommands", []))]
    return {name: run_help(binary, name) for name in names}


def commands_section(helps):
    """A roff COMMANDS section: each subcommand's synopsis, purpose and options."""
    if not helps:
        return ""
    out = [".SH COMMANDS"]
    for sub_help in helps.values():
        purpose = sub_help.splitlines()[0]
        usage = next(line for line in sub_help.splitlines() if line.startswith("Usage: "))
        out.append(f'.SS "{roff_escape(usage[len("Usage: "):])}"')
        out.append(roff_escape(purpose))
        parts = sections(sub_help)
        for heading in ("Positionals", "Options"):
            for term, text in entries(parts.get(heading, [])):
                if term.startswith("-h,--help"):
                    continue
                out.append(".TP")
                out.append(f"\\fB{roff_escape(term)}\\fR")
                out.append(roff_escape(text))
    return "\n".join(out) + "\n"


def defined_options(help_text):
    return set(re.findall(r"^\s+(?:-\w,)?(--?[a-z][a-z-]*)", help_text, re.MULTILINE))


def tidy(page, options, commands):
    """Turns help2man's reading of CLI11's layout into a conventional man page."""
    # CLI11's headings stay subsections of OPTIONS in help2man; exit codes and
    # the query language are sections of their own, and the list of
    # subcommands gives way to COMMANDS (each one's synopsis and options),
    # placed before EXIT STATUS.
    page = re.sub(r'^\.SS "Subcommands:"\n(?:(?!\.S[HS] ).*\n)*', "", page, flags=re.MULTILINE)
    page = page.replace('.SS "Exit codes:"', commands + '.SH "EXIT STATUS"')
    page = page.replace('.SS "Query language:"\n.IP', '.SH "QUERY LANGUAGE"\n.PP')
    page = page.replace('.SS "Positionals:"', '.SS "Arguments"')
    page = re.sub(r'^\.SS "(.*):"$', r'.SS "\1"', page, flags=re.MULTILINE)
    # help2man sets web routes (/search) in italics as if they were files, and
    # any word after a minus in bold as if it were an option (-excluded, -date).
    page = re.sub(r"\\fI\\,(/[a-z]+)\\/\\fP", r"\1", page)
    page = re.sub(r"\\fB((?:\\-)+[a-z][a-z\\-]*)\\fR",
                  lambda bold: bold.group(0) if bold.group(1).replace("\\-", "-") in options else bold.group(1),
                  page)
    return page


def main():
    binary, description, static_sections, output = sys.argv[1:5]
    help_text = run_help(binary)
    if len(sys.argv) > 5:
        version_line = sys.argv[5]
    else:
        version_line = subprocess.run([binary, "--version"], check=True, capture_output=True,
                                      text=True).stdout.splitlines()[0]
    page = subprocess.run(
        [os.environ.get("HELP2MAN", "help2man"), "--no-info", "--name", description, "--version-string",
         version_line, "--include", static_sections, binary],
        check=True, capture_output=True, text=True).stdout
    subcommands = subcommand_helps(binary, help_text)
    options = set().union(*(defined_options(text) for text in [help_text, *subcommands.values()]))
    page = tidy(page, options, commands_section(subcommands))
    if "EXIT STATUS" not in page:
        sys.exit(f"{binary} --help has no 'Exit codes:' section for the man page's EXIT STATUS")
    with open(output, "w", encoding="utf-8") as out:
        out.write(page)
    with open(output + ".gz", "wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9,
                                                          fileobj=raw, mtime=0) as compressed:
        compressed.write(page.encode("utf-8"))


if __name__ == "__main__":
    main()
