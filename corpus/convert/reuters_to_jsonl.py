#!/usr/bin/env python3
"""Convert Reuters-21578 SGML files to Herald JSON Lines.

Reads one or more Reuters-21578 ``reut2-NNN.sgm`` files and writes one JSON
object per line, in the field layout the Herald indexer reads natively:

    id        "reuters-<NEWID>"
    title     <TITLE>, entities decoded, whitespace collapsed, original case
    body      <BODY>, entities decoded, control characters removed, the
              trailing "Reuter"/"REUTER" signature stripped; the 1987 wire
              copy is hard-wrapped at ~70 columns, so wrapped lines are
              joined and paragraphs (indented lines) are separated by a
              blank line ("\\n\\n")
    date      <DATE> as ISO 8601, "26-FEB-1987 15:01:01.79" -> "1987-02-26T15:01:01"
    source    "Reuters"
    authors   from <AUTHOR>: "By Jane Doe, Reuters" -> ["Jane Doe"]
    tags      the <D> values of <TOPICS>
    places    the <D> values of <PLACES>
    language  "en"
    dateline  <DATELINE> without its trailing dash, e.g. "SALVADOR, Feb 26"

The collection has no URLs, so "url" is not emitted. Records with neither a
title nor a body (TEXT TYPE="UNPROC" tables) are skipped. A summary (records
read, written, skipped) is printed to stderr.

The files are SGML, not XML (no root element, control-character references
such as &#3;), so they are parsed leniently with regular expressions. They
are ASCII except for one 0xFC byte, and are decoded as Latin-1.

Standard library only. Example:

    python3 corpus/convert/reuters_to_jsonl.py \\
        ../shared/corpus/reuters21578/reut2-*.sgm > /tmp/reuters.jsonl
"""

import argparse
import collections
import datetime
import io
import json
import os
import re
import sys

SOURCE = "Reuters"
LANGUAGE = "en"

MONTHS = {name: number for number, name in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}

RECORD_OPEN_RE = re.compile(r"<REUTERS\b([^>]*)>", re.I)
RECORD_CLOSE_RE = re.compile(r"</REUTERS\s*>", re.I)
ATTRIBUTE_RE = re.compile(r'([A-Za-z][\w.-]*)\s*=\s*"([^"]*)"')
D_RE = re.compile(r"<D>(.*?)</D>", re.S | re.I)
TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
ENTITY_RE = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# Every C0/C1 control character except \n (tabs and form feeds become spaces first).
CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
CARET_M_RE = re.compile(r"\^M[ \t]*$", re.M)  # a literal "^M" (textified CR) at line ends
SPACES_RE = re.compile(r"[ \t]+")

# The wire signature: a last line holding only "Reuter", "REUTERS", "reuter...", or the
# truncated "REUTE", optionally followed by a time stamp such as "11:43/VB" ...
SIGNATURE_LINE_RE = re.compile(
    r"(?:\A|\n)[ \t]*(?:reuters?|reute)(?:\.{2,3})?(?:\d{1,2}:\d{2}/\w+|\d)?[ \t]*\Z", re.I)
# ... or appended to the last line: "... SIMAO NIL. REUTER", "... said. Reuter", a table
# row ending "0 REUTER".  "Reuters." with one full stop is left alone: "a bank official
# told\nReuters." is prose.
SIGNATURE_INLINE_RE = re.compile(
    r"(?:(?<=[.)\"'])[ \t]+(?i:reuters?)|[ \t]+REUTERS?)"
    r"(?:\.{2,3})?(?:\d{1,2}:\d{2}/\w+)?[ \t]*\Z")

DATE_RE = re.compile(r"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})")
TIME_RE = re.compile(r"\s+(\d+):(\d+):(\d+)")


def element(name, text):
    """The raw content of the first <name>...</name> in text, or None."""
    match = re.search(r"<%s\b[^>]*>(.*?)</%s\s*>" % (name, name), text, re.S | re.I)
    return match.group(1) if match else None


def decode_entities(text):
    """Decode &lt; &amp; &gt; &quot; &apos; and numeric references; keep unknown ones."""
    def replace(match):
        name = match.group(1)
        if name[0] != "#":
            return NAMED_ENTITIES.get(name.lower(), match.group(0))
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd"
        return chr(code)
    return ENTITY_RE.sub(replace, text)


def clean_text(raw):
    """Tags dropped, entities decoded, CR/tab handled, control characters removed."""
    text = decode_entities(TAG_RE.sub("", raw))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\t\x0b\x0c]", " ", text)
    text = CARET_M_RE.sub("", text)
    return CONTROL_RE.sub("", text)


def collapse(text):
    return " ".join(text.split())


def strip_signature(text):
    """Remove the trailing " Reuter" / " REUTER" wire signature, if any."""
    text = text.rstrip()
    for _ in range(3):  # some bodies carry the signature twice ("REUTER" then " Reuter")
        stripped = SIGNATURE_LINE_RE.sub("", text)
        if stripped == text:
            stripped = SIGNATURE_INLINE_RE.sub("", text)
        stripped = stripped.rstrip()
        if stripped == text:
            break
        text = stripped
    return text


def reflow(text):
    """Join hard-wrapped lines; an indented line or a blank line starts a paragraph."""
    paragraphs = []
    current = []
    for line in text.split("\n"):
        if not line.strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        if line[0] in " \t" and current:
            paragraphs.append(current)
            current = []
        current.append(line.strip())
    if current:
        paragraphs.append(current)
    return "\n\n".join(SPACES_RE.sub(" ", " ".join(lines)) for lines in paragraphs)


def keep_lines(text):
    """Keep the original line layout; only trim each line and drop blank edges."""
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")).strip()


def clean_body(raw, reflow_paragraphs=True):
    text = strip_signature(clean_text(raw))
    return reflow(text) if reflow_paragraphs else keep_lines(text)


def parse_date(raw):
    """'26-FEB-1987 15:01:01.79' -> ('1987-02-26T15:01:01', problem or None).

    Returns (None, problem) when no date can be read, and a date without a time
    ('1987-03-31') when only the time is unusable.
    """
    text = clean_text(raw)
    match = DATE_RE.match(text)
    if not match:
        return None, "unparseable date"
    day, month_name, year = match.groups()
    month = MONTHS.get(month_name.upper())
    try:
        date = datetime.date(int(year), month or 0, int(day))
    except ValueError:
        return None, "unparseable date"
    time = TIME_RE.match(text, match.end())
    if time:
        hour, minute, second = (int(part) for part in time.groups())
        if hour <= 23 and minute <= 59 and second <= 59:
            return datetime.datetime.combine(date, datetime.time(hour, minute, second)).isoformat(), None
    return date.isoformat(), "invalid or missing time; kept the day only"


def parse_authors(raw):
    """'    By Jane Doe and JOHN ROE, Reuters' -> ['Jane Doe', 'John Roe']."""
    text = collapse(clean_text(raw))
    text = re.sub(r"^by\s+", "", text, flags=re.I)
    text = re.sub(r"[\s,]*\breuters?[a-z]?\.?$", "", text, flags=re.I)  # also a "Reutersd" typo
    names = []
    for name in re.split(r"\s+and\s+|\s*[,&;]\s*", text, flags=re.I):
        name = name.strip(" .")
        if not name:
            continue
        if name.isupper():  # "TED D'AFFLISIO" -> "Ted D'Afflisio"
            name = name.title()
        names.append(name)
    return names


def d_values(raw):
    if raw is None:
        return []
    values = (collapse(clean_text(value)) for value in D_RE.findall(raw))
    return [value for value in values if value]


def convert_record(attributes_raw, content, stats, reflow_paragraphs=True):
    """One <REUTERS> record as a dict, or None when it has no title and no body."""
    attributes = dict((key.upper(), value) for key, value in ATTRIBUTE_RE.findall(attributes_raw))
    newid = attributes.get("NEWID", "").strip()

    title_raw = element("TITLE", content)
    body_raw = element("BODY", content)
    title = collapse(clean_text(title_raw)) if title_raw is not None else ""
    body = clean_body(body_raw, reflow_paragraphs) if body_raw is not None else ""
    if not title and not body:
        stats["skipped: no title and no body"] += 1
        return None

    if not newid:
        stats["warning: no NEWID attribute (id left empty)"] += 1
    date_raw = element("DATE", content)
    date = None
    if date_raw is None:
        stats["warning: no <DATE>"] += 1
    else:
        date, problem = parse_date(date_raw)
        if problem:
            stats["warning: " + problem] += 1
    author_raw = element("AUTHOR", content)
    dateline_raw = element("DATELINE", content)
    dateline = collapse(clean_text(dateline_raw)) if dateline_raw is not None else ""
    dateline = re.sub(r"\s*-+$", "", dateline)

    record = collections.OrderedDict()
    record["id"] = "reuters-" + newid if newid else ""
    record["title"] = title
    record["body"] = body
    if date:
        record["date"] = date
    record["source"] = SOURCE
    record["authors"] = parse_authors(author_raw) if author_raw is not None else []
    record["tags"] = d_values(element("TOPICS", content))
    record["places"] = d_values(element("PLACES", content))
    record["language"] = LANGUAGE
    record["dateline"] = dateline
    return record


def convert_text(text, stats, reflow_paragraphs=True):
    """Yield the records of one SGML file's text, counting into stats."""
    opens = list(RECORD_OPEN_RE.finditer(text))
    for index, match in enumerate(opens):
        stats["read"] += 1
        end = opens[index + 1].start() if index + 1 < len(opens) else len(text)
        close = RECORD_CLOSE_RE.search(text, match.end(), end)
        if close:
            end = close.start()
        else:
            stats["warning: <REUTERS> without </REUTERS> (read to the next record)"] += 1
        record = convert_record(match.group(1), text[match.end():end], stats, reflow_paragraphs)
        if record is not None:
            stats["written"] += 1
            yield record


def read_input(path):
    if path == "-":
        return sys.stdin.buffer.read().decode("latin-1")
    with open(path, "rb") as handle:
        return handle.read().decode("latin-1")


def print_summary(stats, files, stream):
    skipped = sum(count for key, count in stats.items() if key.startswith("skipped"))
    print("reuters_to_jsonl: %d file(s): %d records read, %d written, %d skipped"
          % (files, stats["read"], stats["written"], skipped), file=stream)
    for key in sorted(key for key in stats if ":" in key):
        print("  %s: %d" % (key, stats[key]), file=stream)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Convert Reuters-21578 SGML files (reut2-*.sgm) to Herald JSON Lines "
                    "(one article per line: id, title, body, date, source, authors, tags, "
                    "places, language, dateline).",
        epilog="Example: %(prog)s ../shared/corpus/reuters21578/reut2-*.sgm > /tmp/reuters.jsonl")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="Reuters-21578 SGML file(s), read as Latin-1; '-' reads stdin")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write JSON Lines to FILE instead of stdout")
    parser.add_argument("--keep-lines", action="store_true",
                        help="keep the body's original 1987 line wrapping instead of joining "
                             "wrapped lines into paragraphs separated by blank lines")
    args = parser.parse_args(argv)

    if args.output:
        out = open(args.output, "w", encoding="utf-8", newline="\n")
    else:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    stats = collections.Counter()
    files = 0
    failed = False
    try:
        for path in args.files:
            try:
                text = read_input(path)
            except OSError as error:
                print("reuters_to_jsonl: cannot read %s: %s" % (path, error.strerror or error),
                      file=sys.stderr)
                failed = True
                continue
            files += 1
            for record in convert_text(text, stats, reflow_paragraphs=not args.keep_lines):
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
        out.flush()
    except BrokenPipeError:
        # The reader went away (e.g. "| head"); stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        if args.output:
            out.close()
    print_summary(stats, files, sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
