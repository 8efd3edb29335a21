"""Shared helpers for the Herald benchmarks (Python 3 standard library only).

- Corpus access: AllSides (zstd-compressed JSON Lines) and Reuters-21578
  (SGML, converted with corpus/convert/reuters_to_jsonl.py), normalised to
  Herald's article fields.
- The Herald-equivalent scriptindex setup: the index script (HERALD_SCRIPT)
  and the writer of scriptindex's input format ("dump" files).
- Running a child process and measuring its wall time, CPU time and peak RSS
  (os.wait4, so no /usr/bin/time is needed).

Nothing here writes outside the temporary directory the caller passes in.
"""

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

SHARED_CORPUS = "/work/shared/corpus"
ALLSIDES_ZST = os.path.join(SHARED_CORPUS, "allsides", "articles.jsonl.zst")
REUTERS_DIR = os.path.join(SHARED_CORPUS, "reuters21578")
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
REUTERS_CONVERTER = os.path.join(REPO_DIR, "corpus", "convert", "reuters_to_jsonl.py")
DEFAULT_BUILD = os.path.join(REPO_DIR, "build")

# How Herald's indexer is told which AllSides field is which Herald field
# (title, date, source, url and authors already have Herald's names).
ALLSIDES_FIELD_MAP = {"id": "ID", "body": "content_original", "tags": "topic"}

# ---------------------------------------------------------------------------
# The Herald-equivalent index script.
#
# Herald (indexer/analysis/document_builder.cpp, common/schema.hpp):
#   * title: indexed with wdf increment 5, then again under prefix S with
#     increment 1; English Snowball stemming (STEM_SOME: unstemmed terms with
#     positions plus Z-prefixed stems); 100-position gaps between fields;
#   * body: split into a lead (text up to the first blank line, or else the
#     first line break) indexed with increment 2, and the rest with 1;
#   * id as the boolean term Q<id>, used as the unique key;
#   * boolean terms XSRC<source>, A<author>, K<tag>, L<language>, XY<year>;
#     value slot 0 = date YYYYMMDD, slot 1 = folded source;
#   * the whole article stored as the document data.
# scriptindex cannot split a field, so the dump writer below does the split
# (exactly as Herald's split_lead) and hands over "lead" and "rest" fields.
# `weight=N` in scriptindex is the same wdf increment as Herald's
# TermGenerator::index_text(text, N); scriptindex's `gap` is
# increase_termpos(100). What is NOT equivalent: Herald also folds accents
# and compatibility characters (utf8proc) before indexing, scriptindex only
# lowercases (the benchmarks' queries are plain ASCII, so this never decides
# a result there), and Herald stores its data as JSON.
# ---------------------------------------------------------------------------
HERALD_SCRIPT = """\
# Herald-equivalent index script for scriptindex (xapian-omega 1.4).
# Input: records written by bench/benchlib.py write_dump_record().
id : field=id boolean=Q unique=Q
title : field=title weight=5 index gap weight=1 index=S gap
lead : field=lead weight=2 index gap
rest : field=rest weight=1 index
date : field=date value=0
year : boolean=XY
source : field=source
sourcekey : boolean=XSRC value=1
url : field=url
author : field=author
authorkey : boolean=A
tag : field=tag
tagkey : boolean=K
language : field=language boolean=L
"""

# A baseline that is NOT equivalent: scriptindex with no field weighting
# (title, lead and rest all indexed with weight 1), for --plain in relevance.py.
PLAIN_SCRIPT = """\
# Unweighted baseline: every word counts once wherever it occurs.
id : field=id boolean=Q unique=Q
title : field=title index gap
lead : index gap
rest : index
"""

# ---------------------------------------------------------------------------
# Text normalisation mirroring Herald's reader (common/text.cpp,
# indexer/input/reader.cpp).
# ---------------------------------------------------------------------------
_C0_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


def clean_control_chars(text):
    """Herald's clean_control_chars: CRLF/CR -> LF, other controls -> space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _C0_RE.sub(" ", text)


def collapse_whitespace(text):
    return " ".join(text.split())


def fold_keyword(text):
    """Approximation of Herald's fold_keyword (accent- and case-fold, squash)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return collapse_whitespace(stripped.casefold())


def split_lead(body):
    """Herald's split_lead: (lead, rest). Lead ends at the first blank line,
    or failing that at the first line break."""
    start = len(body) - len(body.lstrip(" \t\n"))
    body = body[start:]
    if not body:
        return "", ""
    end = body.find("\n\n")
    if end < 0:
        end = body.find("\n")
    if end < 0:
        return body, ""
    return body[:end], body[end:]


def as_list(value):
    """A Herald list field: JSON array, or one comma-separated string."""
    if value is None:
        return []
    if isinstance(value, list):
        items = [str(v) for v in value if v is not None]
    else:
        items = str(value).split(",")
    return [collapse_whitespace(i) for i in items if collapse_whitespace(i)]


def as_text(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def normalise(raw, field_map=None):
    """A dataset record -> Herald article dict (id, title, body, date, source,
    url, authors, tags, language), or None if Herald would reject it."""
    field_map = field_map or {}

    def get(field):
        return raw.get(field_map.get(field, field))

    article = {
        "id": as_text(get("id")),
        "title": collapse_whitespace(clean_control_chars(as_text(get("title")))),
        "body": clean_control_chars(as_text(get("body"))),
        "date": as_text(get("date")),
        "source": collapse_whitespace(clean_control_chars(as_text(get("source")))),
        "url": collapse_whitespace(as_text(get("url"))),
        "authors": as_list(get("authors")),
        "tags": as_list(get("tags")),
        "language": as_text(get("language")) or "en",
    }
    if not article["title"] and not collapse_whitespace(article["body"]):
        return None
    return article


# ---------------------------------------------------------------------------
# scriptindex input ("dump") format: name=value lines, continuation lines of
# a multi-line value start with "=", records separated by a blank line.
# ---------------------------------------------------------------------------
def _dump_field(out, name, value):
    if value == "":
        return
    out.append(name + "=" + value.replace("\n", "\n=") + "\n")


def dump_record(article):
    """One article as a scriptindex record (a str ending in a blank line)."""
    out = []
    lead, rest = split_lead(article["body"])
    _dump_field(out, "id", article["id"])
    _dump_field(out, "title", article["title"])
    _dump_field(out, "lead", lead)
    _dump_field(out, "rest", rest)
    m = _ISO_DATE_RE.match(article["date"])
    if m:
        _dump_field(out, "date", m.group(1) + m.group(2) + m.group(3))
        _dump_field(out, "year", str(int(m.group(1))))
    _dump_field(out, "source", article["source"])
    if article["source"]:
        _dump_field(out, "sourcekey", fold_keyword(article["source"]))
    _dump_field(out, "url", article["url"])
    for author in article["authors"]:
        _dump_field(out, "author", author)
        _dump_field(out, "authorkey", fold_keyword(author))
    for tag in article["tags"]:
        _dump_field(out, "tag", tag)
        _dump_field(out, "tagkey", fold_keyword(tag))
    _dump_field(out, "language", article["language"])
    out.append("\n")
    return "".join(out)


# ---------------------------------------------------------------------------
# Corpora.
# ---------------------------------------------------------------------------
def die(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(2)


def need_tool(name):
    path = shutil.which(name)
    if not path:
        die("'%s' not found in PATH" % name)
    return path


def decompress_allsides(dest, limit=None):
    """Write the first `limit` (or all) AllSides JSON lines to `dest`."""
    need_tool("zstd")
    proc = subprocess.Popen(["zstd", "-dc", ALLSIDES_ZST], stdout=subprocess.PIPE)
    count = 0
    with open(dest, "wb") as out:
        for line in proc.stdout:
            if limit is not None and count >= limit:
                break
            if line.strip():
                out.write(line)
                count += 1
    proc.stdout.close()
    if limit is not None and count >= limit:
        proc.kill()
    proc.wait()
    if limit is None and proc.returncode != 0:
        die("zstd failed on %s" % ALLSIDES_ZST)
    return count


def reuters_sgm_files():
    files = sorted(f for f in os.listdir(REUTERS_DIR) if re.match(r"reut2-\d+\.sgm$", f))
    return [os.path.join(REUTERS_DIR, f) for f in files]


def convert_reuters(dest, limit=None):
    """Reuters SGML -> Herald JSON Lines in `dest` (the first `limit`
    articles, or all). Uses the project's converter when it exists, else a
    minimal regex extraction."""
    files = reuters_sgm_files()
    if os.path.exists(REUTERS_CONVERTER):
        with open(dest, "wb") as out:
            proc = subprocess.run([sys.executable, REUTERS_CONVERTER] + files, stdout=out,
                                  stderr=subprocess.PIPE)
        if proc.returncode != 0:
            die("%s failed:\n%s" % (REUTERS_CONVERTER, proc.stderr.decode("utf-8", "replace")))
        how = "corpus/convert/reuters_to_jsonl.py"
    else:
        _fallback_reuters(files, dest)
        how = "bench's fallback regex extraction (corpus/convert/reuters_to_jsonl.py not found)"
    if limit is not None:
        with open(dest, "rb") as f:
            head = [line for _, line in zip(range(limit), f)]
        with open(dest, "wb") as f:
            f.writelines(head)
    return how


def _fallback_reuters(files, dest):
    rec_re = re.compile(r'<REUTERS\b[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
    ents = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"'}

    def tag(name, text):
        m = re.search(r"<%s>(.*?)</%s>" % (name, name), text, re.S)
        if not m:
            return ""
        value = re.sub(r"&#\d+;", " ", m.group(1))
        for k, v in ents.items():
            value = value.replace(k, v)
        return value

    with open(dest, "w", encoding="utf-8") as out:
        for path in files:
            with open(path, encoding="latin-1") as f:
                text = f.read()
            for m in rec_re.finditer(text):
                newid, content = m.group(1), m.group(2)
                title = collapse_whitespace(tag("TITLE", content))
                body = tag("BODY", content)
                body = re.sub(r"\s*Reuter\s*$", "", body.strip(), flags=re.I)
                paragraphs = re.split(r"\n\s+", body)
                body = "\n\n".join(collapse_whitespace(p) for p in paragraphs if p.strip())
                if not title and not body:
                    continue
                topics = re.findall(r"<D>(.*?)</D>", tag("TOPICS", content))
                out.write(json.dumps({"id": "reuters-" + newid, "title": title, "body": body,
                                      "source": "Reuters", "tags": topics, "language": "en"},
                                     ensure_ascii=False) + "\n")


def read_jsonl(path, field_map=None):
    """Yield normalised Herald articles from a JSON Lines file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                raw = json.loads(line)
            except ValueError:
                continue
            if not isinstance(raw, dict):
                continue
            article = normalise(raw, field_map)
            if article is not None:
                yield article


def write_dump(articles, dest):
    """Write articles as a scriptindex input file; returns (count, text bytes
    of title+body)."""
    count = 0
    text_bytes = 0
    with open(dest, "w", encoding="utf-8") as out:
        for article in articles:
            out.write(dump_record(article))
            count += 1
            text_bytes += len(article["title"].encode("utf-8")) + len(article["body"].encode("utf-8"))
    return count, text_bytes


def write_script(dest, text=HERALD_SCRIPT):
    with open(dest, "w") as f:
        f.write(text)
    return dest


# ---------------------------------------------------------------------------
# Herald binaries and child processes.
# ---------------------------------------------------------------------------
def herald_binaries(build_dir):
    indexer = os.path.join(build_dir, "bin", "herald-indexer")
    searcher = os.path.join(build_dir, "bin", "herald-searcher")
    for path in (indexer, searcher):
        if not os.access(path, os.X_OK):
            die("%s not found or not executable: build Herald first "
                "(cmake -S %s -B %s && cmake --build %s -j2) or pass --build DIR"
                % (path, REPO_DIR, build_dir, build_dir))
    return indexer, searcher


def herald_option_supported(binary, option):
    out = subprocess.run([binary, "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return option in out.stdout.decode("utf-8", "replace")


def herald_index_command(indexer, db, inputs, field_map=None, jobs=1):
    cmd = [indexer, "--db", db, "--quiet"]
    for field, name in sorted((field_map or {}).items()):
        cmd += ["--field", "%s=%s" % (field, name)]
    if herald_option_supported(indexer, "--jobs"):
        cmd += ["--jobs", str(jobs)]
    return cmd + list(inputs)


def scriptindex_command(db, script, inputs):
    return [need_tool("scriptindex"), "--overwrite", "--stemmer=english", db, script] + list(inputs)


class Measured:
    """Result of run_measured: returncode, wall seconds, cpu seconds, peak RSS
    in KiB (ru_maxrss of that child alone), and the stderr text."""

    def __init__(self, returncode, wall, cpu, maxrss_kib, stderr):
        self.returncode = returncode
        self.wall = wall
        self.cpu = cpu
        self.maxrss_kib = maxrss_kib
        self.stderr = stderr


# Linux quirk: at exec() the kernel folds the peak RSS of the image being
# replaced into the process's ru_maxrss, and a child started by a big Python
# process (vfork or fork) starts out as that process. So the measured command
# is started by a small wrapper interpreter, which forks it, waits for it with
# os.wait4 and writes its rusage to a file: the reading then has a floor of
# the wrapper's own size (~10 MiB) instead of the caller's.
_WRAPPER = r"""
import json, os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    except OSError as error:
        sys.stderr.write("%s: %s\n" % (cmd[0], error))
        sys.stderr.flush()
    os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(out, "w") as f:
    json.dump({"status": os.waitstatus_to_exitcode(status), "wall": wall,
               "cpu": ru.ru_utime + ru.ru_stime, "maxrss": ru.ru_maxrss}, f)
"""


def run_measured(cmd, log_path, stdin_path=None):
    """Run `cmd`, stdout+stderr to `log_path`; measure its wall time, CPU
    time and peak RSS (KiB) with os.wait4 in a small wrapper process."""
    usage_path = log_path + ".rusage"
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        with open(log_path, "wb") as log:
            proc = subprocess.run([sys.executable, "-S", "-c", _WRAPPER, usage_path] + list(cmd),
                                  stdin=stdin, stdout=log, stderr=subprocess.STDOUT)
    finally:
        if stdin_path:
            stdin.close()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        output = f.read()
    try:
        with open(usage_path) as f:
            u = json.load(f)
        os.remove(usage_path)
    except (OSError, ValueError):
        return Measured(proc.returncode or 127, 0.0, 0.0, 0, output)
    return Measured(u["status"], u["wall"], u["cpu"], u["maxrss"], output)


def dir_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def make_tmpdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def warm_cache(*paths):
    """Read files once so neither engine pays the first disk read."""
    for path in paths:
        with open(path, "rb") as f:
            while f.read(1 << 22):
                pass


def percentile(values, p):
    """Nearest-rank percentile."""
    values = sorted(values)
    if not values:
        return float("nan")
    return values[max(0, math.ceil(p / 100.0 * len(values)) - 1)]


def median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return float("nan")
    mid = n // 2
    return values[mid] if n % 2 else (values[mid - 1] + values[mid]) / 2.0
