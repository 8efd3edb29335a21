"""Differential tests through the binaries (issue 31): the same synthetic
archive indexed (a) as one database, (b) as 3 local shards (herald-indexer --shards 3)
and (c) those shards served by 3 xapian-tcpsrv processes on loopback, searched
with dozens of queries, with and without collapsing. What is compared:

- between configurations: totals, every facet's value counts, every timeline
  bucket (count and the archive's `all`), each hit's `duplicates` (per copy
  group), and the records of `--export jsonl`;
- against a brute force: the uncollapsed match set equals the articles an
  independent Python predicate picks; the `--no-collapse` total, facets and
  month buckets equal those computed from `--export jsonl --no-collapse`;
  collapsed, the total is the number of copy groups matched (the generator
  knows which articles are copies: the same title and body, so the same
  SimHash), the timeline counts each group once in the month of its earliest
  dated match, each hit's `duplicates` is its group's matches less one, and a
  group counts once under each facet value any of its matching copies holds;
- a plain search (no facets, no timeline) gives its hits the same `duplicates`
  as the facet run and the brute force, and its total bounds hold the count.

Equal copies rank alike, so which copy a page or a collapsed export shows
follows document ids, which sharding renumbers; counts do not depend on it.
Collapsed exports are compared by copy group.

Over remote shards everything is compared too, collapsed and uncollapsed:
xapian-tcpsrv runs only Xapian's own spies, which count every copy, so the
searcher reads the matches whose signature several share and takes the extra
copies out. The remote tests are skipped when xapian-tcpsrv is missing.
"""
import collections
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
import unittest

from herald_cli import BIN, index, main, write_jsonl
from test_shards import TcpServer, fnv1a_shard

SHARDS = 3
KEYWORD = "desk"
FACETS = ["source", "author", "tag", "year", "lang", KEYWORD]
FACET_ARGS = ("--json", "--facets", ",".join(FACETS), "--timeline", "month", "--limit", "20")
PLAIN_ARGS = ("--json", "--limit", "20")
SEARCH_TIMEOUT = 60
EXAMPLES = 4  # mismatches shown per failing check

# --- the archive ----------------------------------------------------------------

# Query words with the share of stories holding them: queries match subsets of
# every size. No two share a stem in English, German or French, and none is a
# filler word, so a word's matches are the articles holding it.
QUERY_WORDS = {"tariff": 0.40, "senate": 0.30, "pipeline": 0.20, "glacier": 0.10, "embassy": 0.08,
               "orchestra": 0.04, "volcano": 0.015}
COPY_ONLY_WORD = "lighthouse"  # in some copy groups' text, nowhere else
PHRASE = ("trade", "war")      # "trade war" in some stories, the two words apart in others
FILLER = ("report official statement meeting city week plan group local people office issue policy "
          "council road market price water school north south river bridge morning evening train "
          "harbour museum garden doctor farmer village island festival ticket station winter summer "
          "autumn spring coast forest valley mountain letter answer number paper window table").split()
SOURCES = ("Daily Ledger", "Capitol Wire", "Harbour Times", "Northern Post", "Kyiv Post")
AUTHORS = ("Ana Ruiz", "Tom Becker", "Li Wei", "Sara Okafor", "Jon Hale", "Mia Novak")
TAGS = ("trade", "energy", "diplomacy", "climate", "elections", "culture")
DESKS = ("politics", "economy", "world", "science")
LANGUAGES = ("en",) * 8 + ("de", "fr")


def story_text(rng, number):
    """A made-up story: (title, body). Lower case but the headline's first
    letter (no word is written as a name, so no name keys come into play)."""
    words = [rng.choice(FILLER) for _ in range(rng.randint(35, 70))]
    for word, share in QUERY_WORDS.items():
        if rng.random() < share:
            words.insert(rng.randrange(len(words) + 1), word)
    roll = rng.random()
    if roll < 0.12:
        at = rng.randrange(len(words) + 1)
        words[at:at] = list(PHRASE)
    elif roll < 0.24:  # both words, never next to each other
        words.insert(0, PHRASE[1])
        words.append(PHRASE[0])
    words.append(f"serial{number}")  # keeps distinct stories' signatures apart
    title_words = [rng.choice(FILLER) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.25:
        title_words.insert(rng.randrange(len(title_words) + 1), rng.choice(list(QUERY_WORDS)))
    cut = rng.randint(10, 20)
    body = " ".join(words[:cut]) + ".\n\n" + " ".join(words[cut:]) + "."
    return " ".join(title_words).capitalize(), body


def random_date(rng, undated_share=0.1):
    if rng.random() < undated_share:
        return None
    day = f"{rng.randint(2014, 2021)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return day + ("T10:30:00" if rng.random() < 0.1 else "")


def metadata(rng):
    meta = {"date": random_date(rng), "authors": rng.sample(AUTHORS, rng.choice((0, 1, 1, 2, 3))),
            "tags": rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3)))}
    if rng.random() > 0.08:
        meta["source"] = rng.choice(SOURCES)
    if rng.random() > 0.15:
        meta[KEYWORD] = rng.choice(DESKS)
    return meta


def make_article(article_id, title, body, language, meta):
    article = {"id": article_id, "title": title, "body": body, "language": language}
    for key, value in meta.items():
        if value is not None:
            article[key] = value
    return article


def archive(seed=31):
    """(articles, group of each id). Singletons, and copy groups of 2 to 8:
    syndicated ones (each copy its own date, source, authors, tags, desk),
    reposts (one outlet, dates a few weeks apart), groups kept in one shard,
    an all-undated group and groups whose first copy is undated."""
    rng = random.Random(seed)
    articles, group_of = [], {}
    number = 0

    def add(article_id, title, body, language, meta, group):
        articles.append(make_article(article_id, title, body, language, meta))
        group_of[article_id] = group

    for n in range(240):
        title, body = story_text(rng, number)
        add(f"s{n:04d}", title, body, rng.choice(LANGUAGES), metadata(rng), f"single-{n}")
        number += 1
    for g in range(45):
        title, body = story_text(rng, number)
        number += 1
        if g % 3 == 0:  # the word only copies hold
            body = body[:-1] + f" {COPY_ONLY_WORD}."
        language = rng.choice(LANGUAGES)
        size = rng.randint(2, 8)
        kind = ("syndicated", "repost", "one-shard", "undated", "first-undated")[g % 5 if g < 25 else g % 2]
        base = metadata(rng)
        ids = []
        if kind == "one-shard":  # every copy in the shard of the first
            shard, k = None, 0
            while len(ids) < size:
                candidate = f"c{g:02d}-{k}"
                k += 1
                if shard is None:
                    shard = fnv1a_shard(candidate, SHARDS)
                if fnv1a_shard(candidate, SHARDS) == shard:
                    ids.append(candidate)
        else:
            ids = [f"c{g:02d}-{k}" for k in range(size)]
        for k, article_id in enumerate(ids):
            if kind == "syndicated":
                meta = metadata(rng)
            else:
                meta = dict(base)
                if kind == "repost" and base["date"]:
                    year, month, day = map(int, base["date"][:10].split("-"))
                    month = (month + rng.randint(0, 2) - 1) % 12 + 1
                    meta["date"] = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
                elif kind == "undated":
                    meta["date"] = None
                elif kind == "first-undated":
                    meta["date"] = None if k == 0 else f"{rng.randint(2015, 2020)}-{rng.randint(1, 12):02d}-15"
                else:
                    meta["date"] = random_date(rng, undated_share=0.2)
            add(article_id, title, body, language, meta, f"group-{g}")
    rng.shuffle(articles)  # copies spread through the input, so through document ids
    return articles, group_of


# --- brute force ------------------------------------------------------------------

def segments(article):
    """The token lists of the fields phrases cannot cross: title, lead, rest."""
    lead, _, rest = article["body"].partition("\n\n")
    return [re.findall(r"[a-z0-9]+", text.lower()) for text in (article["title"], lead, rest)]


def has_word(word):
    return lambda a: any(word in tokens for tokens in segments(a))


def has_phrase(first, second):
    return lambda a: any(x == first and y == second for tokens in segments(a) for x, y in zip(tokens, tokens[1:]))


def in_title(word):
    return lambda a: word in segments(a)[0]


def field_is(name, value):
    return lambda a: a.get(name) == value


def field_has(name, value):
    return lambda a: value in a.get(name, [])


def dated_from(day):
    return lambda a: a.get("date") is not None and a["date"][:10] >= day


def dated_to(day):
    return lambda a: a.get("date") is not None and a["date"][:10] <= day


def all_of(*predicates):
    return lambda a: all(p(a) for p in predicates)


def any_of(*predicates):
    return lambda a: any(p(a) for p in predicates)


def none_of(predicate):
    return lambda a: not predicate(a)


EVERYTHING = lambda a: True

# (name, query words, option filters, predicate of the words, predicate of the filters)
QUERIES = [
    ("common word", ["tariff"], [], has_word("tariff"), EVERYTHING),
    ("word", ["senate"], [], has_word("senate"), EVERYTHING),
    ("word 20%", ["pipeline"], [], has_word("pipeline"), EVERYTHING),
    ("word 10%", ["glacier"], [], has_word("glacier"), EVERYTHING),
    ("word 8%", ["embassy"], [], has_word("embassy"), EVERYTHING),
    ("rare word", ["orchestra"], [], has_word("orchestra"), EVERYTHING),
    ("very rare word", ["volcano"], [], has_word("volcano"), EVERYTHING),
    ("word only in copies", [COPY_ONLY_WORD], [], has_word(COPY_ONLY_WORD), EVERYTHING),
    # Plain words: every word by default (docs/searching.md, "All words or any"), any word with --match any,
    # and any word again when no article holds them all.
    ("two words", ["tariff senate"], [], all_of(has_word("tariff"), has_word("senate")), EVERYTHING),
    ("two words --match any", ["tariff senate"], ["--match", "any"], any_of(has_word("tariff"), has_word("senate")),
     EVERYTHING),
    ("three words", ["tariff senate pipeline"], [],
     all_of(has_word("tariff"), has_word("senate"), has_word("pipeline")), EVERYTHING),
    ("no article has both", ["volcano zzyzxquark"], [], has_word("volcano"), EVERYTHING),
    ("OR beside a word", ["senate (glacier OR volcano)"], [],
     all_of(has_word("senate"), any_of(has_word("glacier"), has_word("volcano"))), EVERYTHING),
    ("OR", ["glacier OR volcano"], [], any_of(has_word("glacier"), has_word("volcano")), EVERYTHING),
    ("OR with copies", [f"orchestra OR {COPY_ONLY_WORD}"], [],
     any_of(has_word("orchestra"), has_word(COPY_ONLY_WORD)), EVERYTHING),
    ("AND", ["tariff AND senate"], [], all_of(has_word("tariff"), has_word("senate")), EVERYTHING),
    ("AND three", ["tariff AND senate AND pipeline"], [],
     all_of(has_word("tariff"), has_word("senate"), has_word("pipeline")), EVERYTHING),
    ("NOT", ["tariff NOT senate"], [], all_of(has_word("tariff"), none_of(has_word("senate"))), EVERYTHING),
    ("phrase", ['"trade war"'], [], has_phrase(*PHRASE), EVERYTHING),
    ("phrase reversed", ['"war trade"'], [], has_phrase("war", "trade"), EVERYTHING),
    ("title field", ["title:tariff"], [], in_title("tariff"), EVERYTHING),
    ("word --source", ["tariff"], ["--source", "Harbour Times"], has_word("tariff"),
     field_is("source", "Harbour Times")),
    ("word --from --to", ["senate"], ["--from", "2016-03-01", "--to", "2019-06-30"], has_word("senate"),
     all_of(dated_from("2016-03-01"), dated_to("2019-06-30"))),
    ("word --from", ["pipeline"], ["--from", "2018-01-01"], has_word("pipeline"), dated_from("2018-01-01")),
    ("word keyword filter", ["pipeline"], ["--filter", f"{KEYWORD}=politics"], has_word("pipeline"),
     field_is(KEYWORD, "politics")),
    ("copies --from", [COPY_ONLY_WORD], ["--from", "2018-01-01"], has_word(COPY_ONLY_WORD),
     dated_from("2018-01-01")),
    ("copies --source", [COPY_ONLY_WORD], ["--source", "Capitol Wire"], has_word(COPY_ONLY_WORD),
     field_is("source", "Capitol Wire")),
    ("word --author", ["glacier"], ["--author", "Li Wei"], has_word("glacier"), field_has("authors", "Li Wei")),
    ("OR --tag", ["embassy OR orchestra"], ["--tag", "climate"], any_of(has_word("embassy"), has_word("orchestra")),
     field_has("tags", "climate")),
    ("word --lang", ["tariff"], ["--lang", "de"], has_word("tariff"), field_is("language", "de")),
    ("two sources", ["senate"], ["--source", "Daily Ledger", "--source", "Kyiv Post"], has_word("senate"),
     any_of(field_is("source", "Daily Ledger"), field_is("source", "Kyiv Post"))),
    ("keyword in the query", [f"{KEYWORD}:economy senate"], [],
     all_of(field_is(KEYWORD, "economy"), has_word("senate")), EVERYTHING),
    ("date in the query", ["tariff date:2017..2018"], [],
     all_of(has_word("tariff"), dated_from("2017-01-01"), dated_to("2018-12-31")), EVERYTHING),
    ("nothing matches", ["zzyzxquark"], [], lambda a: False, EVERYTHING),
    ("nothing within filters", ["volcano"], ["--source", "Kyiv Post", "--lang", "fr", "--from", "2021-12-01"],
     has_word("volcano"), all_of(field_is("source", "Kyiv Post"), field_is("language", "fr"),
                                 dated_from("2021-12-01"))),
    # A keyword filter alone, typed into the query: `--filter desk=economy` with no query text is
    # refused by the command line today (test_a_keyword_filter_alone_is_a_query).
    ("keyword filter alone", [f"{KEYWORD}:economy"], [], field_is(KEYWORD, "economy"), EVERYTHING),
    ("source filter alone", [], ["--source", "Northern Post"], EVERYTHING, field_is("source", "Northern Post")),
    ("date filter alone", [], ["--from", "2019-01-01"], EVERYTHING, dated_from("2019-01-01")),
    ("tag and lang alone", [], ["--tag", "energy", "--lang", "en"], EVERYTHING,
     all_of(field_has("tags", "energy"), field_is("language", "en"))),
]


def month_range(first, last):
    year, month = map(int, first.split("-"))
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)


def facet_counts(records):
    """The facets of export records, as {facet: {value: count}}, null for none."""
    counts = {name: collections.Counter() for name in FACETS}
    for r in records:
        counts["source"][r["source"]] += 1
        counts["lang"][r["language"]] += 1
        counts["year"][r["date"][:4] if r["date"] else None] += 1
        counts[KEYWORD][r["fields"].get(KEYWORD)] += 1
        for facet, key in (("author", "authors"), ("tag", "tags")):
            for value in r[key] or [None]:
                counts[facet][value] += 1
    return {name: dict(c) for name, c in counts.items()}


def group_facet_counts(groups):
    """Collapsed facets of matched copy groups, {facet: {value: count}}: a group counts once under each
    value any of its matching copies holds, and once under null when none holds one (docs/searching.md: "Near-duplicates")."""
    counts = {name: collections.Counter() for name in FACETS}
    for records in groups.values():
        per_record = [facet_counts([r]) for r in records]
        for name in FACETS:
            values = {v for c in per_record for v in c[name] if v is not None}
            for value in values or {None}:
                counts[name][value] += 1
    return {name: dict(c) for name, c in counts.items()}


def json_facets(found):
    return {name: {v["value"]: v["count"] for v in found["facets"][name]} for name in FACETS}


def expected_timeline(dates_by_unit, archive_months):
    """Month buckets of one date (or None) per counted unit; `all` from the archive within the filters."""
    months = collections.Counter(d[:7] for d in dates_by_unit if d)
    buckets = []
    if months:
        for period in month_range(min(months), max(months)):
            count, every = months.get(period, 0), archive_months.get(period, 0)
            buckets.append({"period": period, "count": count, "all": every,
                            "share": round(count / every, 9) if every else 0.0})
    return {"interval": "month", "buckets": buckets, "undated": sum(1 for d in dates_by_unit if not d)}


def json_timeline(found):
    t = found["timeline"]
    return {"interval": t["interval"], "undated": t["undated"],
            "buckets": [{"period": b["period"], "count": b["count"], "all": b["all"], "share": round(b["share"], 9)}
                        for b in t["buckets"]]}


def facet_order_problems(found):
    """Facet values out of the documented order: by count, then value, documents without one last."""
    problems = {}
    for name in FACETS:
        values = found["facets"][name]
        named = [(v["value"], v["count"]) for v in values if v["value"] is not None]
        nulls = [i for i, v in enumerate(values) if v["value"] is None]
        if named != sorted(named, key=lambda vc: (-vc[1], vc[0])) or nulls not in ([], [len(values) - 1]):
            problems[name] = values
    return problems


def earliest(dates):
    dated = [d[:10] for d in dates if d]
    return min(dated) if dated else None


class Mismatches:
    """Collects failures of one check over every query, to fail once with a summary."""

    def __init__(self, what):
        self.what, self.items, self.cases = what, [], 0

    def check(self, case, label, expected, actual):
        self.cases += 1
        if expected != actual:
            self.items.append((case, label, expected, actual))

    def summary(self):
        """None when every comparison agreed, else the count and a few examples."""
        if not self.items:
            return None
        cases = len({case for case, *_ in self.items})
        lines = [f"{self.what}: {len(self.items)} of {self.cases} comparisons differ ({cases} queries)"]
        for case, label, expected, actual in self.items[:EXAMPLES]:
            lines.append(f"  [{case}] {label}:\n    expected {short(expected)}\n    actual   {short(actual)}")
        return "\n".join(lines)


def summaries(*checks):
    return [s for s in (m.summary() for m in checks) if s]


def plain(value):
    """JSON-ready: dict keys as strings (null for None), sorted."""
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        return {("null" if k is None else str(k)): plain(v) for k, v in items}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def short(value, limit=600):
    text = json.dumps(plain(value), default=str) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "..."


def dict_diff(expected, actual):
    """The entries of two dicts that differ, as (expected, actual) sub-dicts."""
    keys = sorted(set(expected) | set(actual), key=str)
    differ = [k for k in keys if expected.get(k) != actual.get(k)]
    return ({k: expected.get(k) for k in differ}, {k: actual.get(k) for k in differ})


def counted_hits(result):
    """The hits of the counted set: a relevance-ranked list of the articles with every word goes on to
    articles with some of them (all_words false), which no count includes."""
    return [hit for hit in result["results"] if hit["all_words"] is not False]


class CountAgreement(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.started = time.monotonic()
        cls.tmp = tempfile.mkdtemp(prefix="herald-count-agreement-")
        cls.servers, cls.results, cls.pool = [], {}, None
        try:
            cls.build_and_search()
        except BaseException:
            cls.tearDownClass()  # unittest does not when setUpClass fails
            raise

    @classmethod
    def build_and_search(cls):
        cls.articles, cls.group_of = archive()
        path = write_jsonl(os.path.join(cls.tmp, "articles.jsonl"), cls.articles)
        cls.single = os.path.join(cls.tmp, "single")
        cls.sharded = os.path.join(cls.tmp, "sharded")
        index(cls.single, "--keyword", KEYWORD, path)
        index(cls.sharded, "--shards", str(SHARDS), "--keyword", KEYWORD, path)
        cls.shard_dirs = [os.path.join(cls.sharded, f"shard-{i:02}") for i in range(SHARDS)]
        cls.configs = {"one database": [cls.single], "local shards": [cls.sharded]}
        cls.pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)
        cls.run_config("one database")
        cls.run_config("local shards")
        cls.remote_error = None
        if shutil.which("xapian-tcpsrv") is None:
            cls.remote_error = "xapian-tcpsrv is not installed"
            return
        for directory in cls.shard_dirs:
            cls.servers.append(TcpServer(directory))
        cls.configs["remote shards"] = [s.label for s in cls.servers]
        cls.run_config("remote shards")

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers:
            server.stop()
        if cls.pool:
            cls.pool.shutdown(cancel_futures=True)
        shutil.rmtree(cls.tmp, ignore_errors=True)
        print(f"\ncount agreement: {len(cls.results)} searcher runs, {time.monotonic() - cls.started:.1f} s in all")

    # --- running the searcher ---------------------------------------------------------

    @classmethod
    def searcher(cls, config, args):
        dbs = [a for db in cls.configs[config] for a in ("--db", db)]
        proc = subprocess.run([os.path.join(BIN, "herald-searcher"), *dbs, *args], capture_output=True, text=True,
                              timeout=SEARCH_TIMEOUT)
        if proc.returncode != 0:
            raise AssertionError(f"herald-searcher {' '.join(args)} over {config} exited {proc.returncode}:\n"
                                 f"{proc.stderr[-2000:]}")
        if "--export" in args:
            return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
        return json.loads(proc.stdout)

    @staticmethod
    def runs(words, filters, collapse):
        """The runs made of each query: kind -> searcher arguments."""
        options = list(filters) + ([] if collapse else ["--no-collapse"])
        return {"facets": [*FACET_ARGS, *options, *words],
                "plain": [*PLAIN_ARGS, *options, *words],
                "export": ["--export", "jsonl", *options, *words]}

    @classmethod
    def run_config(cls, config):
        jobs = {}
        for name, words, filters, _, _ in QUERIES:
            for collapse in (True, False):
                for kind, args in cls.runs(words, filters, collapse).items():
                    jobs[(config, name, collapse, kind)] = cls.pool.submit(cls.searcher, config, args)
        for key, job in jobs.items():
            cls.results[key] = job.result()

    def result(self, config, name, collapse, kind):
        return self.results[(config, name, collapse, kind)]

    def require_remote(self):
        if self.remote_error:
            self.skipTest(self.remote_error)

    # --- brute force ------------------------------------------------------------------------

    def archive_months(self, filters_match):
        """The archive's articles by month within a query's option filters, copies included."""
        return collections.Counter(a["date"][:7] for a in self.articles if a.get("date") and filters_match(a))

    def matched(self, config, name):
        """Every match (the uncollapsed export's records)."""
        return self.result(config, name, False, "export")

    def group_matches(self, records):
        groups = collections.defaultdict(list)
        for r in records:
            groups[self.group_of[r["id"]]].append(r)
        return groups

    # --- checks of one configuration against the brute force ----------------------------------

    def check_uncollapsed(self, config):
        totals, facets, order, timelines, dups = (Mismatches(f"{config}, --no-collapse: {w}") for w in (
            "total", "facet counts", "facet order (count, then value, null last)", "timeline", "duplicates"))
        for name, words, filters, _, filters_match in QUERIES:
            records = self.matched(config, name)
            found = self.result(config, name, False, "facets")
            totals.check(name, "total", len(records), found["total"])
            expected = facet_counts(records)
            actual = json_facets(found)
            for facet in FACETS:
                facets.check(name, facet, *dict_diff(expected[facet], actual[facet]))
            order.check(name, "out of order", {}, facet_order_problems(found))
            timelines.check(name, "timeline",
                            expected_timeline([r["date"] for r in records], self.archive_months(filters_match)),
                            json_timeline(found))
            for kind in ("facets", "plain"):
                for hit in self.result(config, name, False, kind)["results"]:
                    dups.check(name, f"{kind} run, hit {hit['id']}", 0, hit["duplicates"])
        return summaries(totals, facets, order, timelines, dups)

    def check_collapsed(self, config):
        """Collapsed counts of one configuration against the brute force over its own exports."""
        pages = Mismatches(f"{config}, collapsed: a page shows one copy of each group")
        totals, timelines, facets, dups, export = (Mismatches(f"{config}, collapsed: {w}") for w in (
            "total = copy groups matched", "month buckets (each group in the month of its earliest dated match)",
            "facet counts = each group once under each value of its matching copies",
            "facet run: duplicates = the group's matches - 1",
            "collapsed export: one record per group matched, duplicates = the group's matches - 1"))
        for name, words, filters, _, filters_match in QUERIES:
            groups = self.group_matches(self.matched(config, name))
            found = self.result(config, name, True, "facets")
            totals.check(name, "total", len(groups), found["total"])
            timelines.check(name, "timeline",
                            expected_timeline([earliest([r["date"] for r in g]) for g in groups.values()],
                                              self.archive_months(filters_match)),
                            json_timeline(found))
            kept = self.result(config, name, True, "export")
            expected = group_facet_counts(groups)
            actual = json_facets(found)
            for facet in FACETS:
                facets.check(name, facet, *dict_diff(expected[facet], actual[facet]))
            for hit in counted_hits(found):
                dups.check(name, f"hit {hit['id']} ({self.group_of[hit['id']]})",
                           len(groups[self.group_of[hit["id"]]]) - 1, hit["duplicates"])
            for kind in ("facets", "plain"):
                hits = self.result(config, name, True, kind)["results"]
                shown = collections.Counter(self.group_of[h["id"]] for h in hits)
                pages.check(name, f"{kind} run", {}, {g: n for g, n in shown.items() if n > 1})
            export.check(name, "groups of the records", sorted(groups),
                         sorted(self.group_of[r["id"]] for r in kept))
            export.check(name, "duplicates by record",
                         {r["id"]: len(groups[self.group_of[r["id"]]]) - 1 for r in kept},
                         {r["id"]: r["duplicates"] for r in kept})
        return summaries(totals, timelines, facets, dups, export, pages)

    def check_plain_duplicates(self, config):
        """A plain search (no facets, no timeline) against the brute force and the facet run."""
        brute, facet_run, bounds = (Mismatches(f"{config}, collapsed plain search: {w}") for w in (
            "duplicates = the group's matches - 1", "duplicates = the facet run's for the same id",
            "total_lower <= exact count <= total_upper"))
        for name, words, filters, _, filters_match in QUERIES:
            groups = self.group_matches(self.matched(config, name))
            plain = self.result(config, name, True, "plain")
            with_facets = {h["id"]: h["duplicates"] for h in self.result(config, name, True, "facets")["results"]}
            for hit in counted_hits(plain):
                label = f"hit {hit['id']} ({self.group_of[hit['id']]}) rank {hit['rank']}"
                brute.check(name, label, len(groups[self.group_of[hit["id"]]]) - 1, hit["duplicates"])
                if hit["id"] in with_facets:
                    facet_run.check(name, label, with_facets[hit["id"]], hit["duplicates"])
            exact = len(groups)
            held = plain["total_lower"] <= exact <= plain["total_upper"]
            bounds.check(name, "the exact count, else [total_lower, total, total_upper]", exact,
                         exact if held else [plain["total_lower"], plain["total"], plain["total_upper"]])
        return summaries(brute, facet_run, bounds)

    # --- comparisons between configurations ----------------------------------------------------

    def compare_configs(self, expected_config, actual_config, collapse, facets_too=True, timeline_too=True):
        mode = "collapsed" if collapse else "--no-collapse"
        what = f"{actual_config} vs {expected_config}, {mode}"
        totals, facet_m, timelines, dups, exports = (Mismatches(f"{what}: {w}") for w in (
            "total", "facet counts", "timeline buckets (count, all) and undated",
            "duplicates of the hits, by copy group", "export records (ids; collapsed: copy groups)"))
        for name, words, filters, _, filters_match in QUERIES:
            e = self.result(expected_config, name, collapse, "facets")
            a = self.result(actual_config, name, collapse, "facets")
            totals.check(name, "total", e["total"], a["total"])
            if facets_too:
                ef, af = json_facets(e), json_facets(a)
                for facet in FACETS:
                    facet_m.check(name, facet, *dict_diff(ef[facet], af[facet]))
            if timeline_too:
                timelines.check(name, "timeline", json_timeline(e), json_timeline(a))
            for kind in ("facets", "plain"):
                e_dups = {self.group_of[h["id"]]: h["duplicates"]
                          for h in counted_hits(self.result(expected_config, name, collapse, kind))}
                a_dups = {self.group_of[h["id"]]: h["duplicates"]
                          for h in counted_hits(self.result(actual_config, name, collapse, kind))}
                common = sorted(set(e_dups) & set(a_dups))
                dups.check(name, f"{kind} run, groups on both pages ({len(common)})",
                           *dict_diff({g: e_dups[g] for g in common}, {g: a_dups[g] for g in common}))
            ex = self.result(expected_config, name, collapse, "export")
            ax = self.result(actual_config, name, collapse, "export")
            key = (lambda r: self.group_of[r["id"]]) if collapse else (lambda r: r["id"])
            exports.check(name, "records", sorted(map(key, ex)), sorted(map(key, ax)))
        return summaries(totals, facet_m, timelines, dups, exports)

    def kept_copy_note(self, config_a, config_b):
        """How many queries' collapsed exports keep another copy of some group."""
        differ = []
        for name, *_ in QUERIES:
            a = {self.group_of[r["id"]]: r["id"] for r in self.result(config_a, name, True, "export")}
            b = {self.group_of[r["id"]]: r["id"] for r in self.result(config_b, name, True, "export")}
            if a != b:
                differ.append(name)
        return differ

    # --- the tests --------------------------------------------------------------------------

    def assert_agree(self, *failures):
        failures = [f for group in failures for f in (group if isinstance(group, list) else [group]) if f]
        if failures:
            self.fail("\n".join(failures))

    def test_archive_has_what_the_comparisons_need(self):
        groups = collections.defaultdict(list)
        for a in self.articles:
            groups[self.group_of[a["id"]]].append(a)
        copies = [g for g in groups.values() if len(g) > 1]
        shards = [{fnv1a_shard(a["id"], SHARDS) for a in g} for g in copies]
        self.assertGreaterEqual(len(self.articles), 300)
        self.assertGreaterEqual(len(copies), 40)
        self.assertGreaterEqual(sum(len(s) > 1 for s in shards), 20)   # copies on several shards
        self.assertGreaterEqual(sum(len(s) == 1 for s in shards), 5)   # and groups within one
        self.assertGreaterEqual(sum(len({a.get("source") for a in g}) > 1 and
                                    len({(a.get("date") or "")[:7] for a in g}) > 1 for g in copies), 5)
        self.assertTrue(any(not a.get("date") for a in self.articles))
        for name, *_ in QUERIES:  # no query meets name keys, so every listed hit is counted
            self.assertEqual(self.result("one database", name, True, "facets")["name_variants"], 0, name)

    def test_a_keyword_filter_alone_is_a_query(self):
        # `--filter NAME=VALUE` is a filter like --source, so it may stand without query text (docs/searching.md:
        # "A query may be empty when a filter or --like is given"), and counts as `NAME:VALUE` typed
        # into the query does.
        args = [*FACET_ARGS, "--filter", f"{KEYWORD}=economy"]
        dbs = ["--db", self.single]
        proc = subprocess.run([os.path.join(BIN, "herald-searcher"), *dbs, *args], capture_output=True, text=True,
                              timeout=SEARCH_TIMEOUT)
        self.assertEqual(proc.returncode, 0, f"herald-searcher {' '.join(args)} exited {proc.returncode}: "
                                             f"{proc.stderr.strip()}")
        found = json.loads(proc.stdout)
        typed = self.result("one database", "keyword filter alone", True, "facets")
        # The timelines' `all` differ by design: an option filter narrows the archive shares are
        # taken of (docs/searching.md: "Attention over time"), words in the query do not.
        def counts(timeline):
            return [(b["period"], b["count"]) for b in timeline["buckets"]], timeline["undated"]
        self.assertEqual((found["total"], found["facets"], counts(found["timeline"])),
                         (typed["total"], typed["facets"], counts(typed["timeline"])))

    def test_match_sets_equal_an_independent_brute_force(self):
        m = Mismatches("uncollapsed export ids vs the articles the Python predicate picks")
        sizes = []
        for name, words, filters, words_match, filters_match in QUERIES:
            expected = sorted(a["id"] for a in self.articles if words_match(a) and filters_match(a))
            sizes.append(len(expected))
            for config in self.configs:
                m.check(name, config, expected, sorted(r["id"] for r in self.matched(config, name)))
        self.assert_agree(m.summary())
        self.assertGreater(len(set(sizes)), len(QUERIES) // 2, sizes)  # queries match varied subsets

    def test_uncollapsed_counts_equal_brute_force_one_database(self):
        self.assert_agree(self.check_uncollapsed("one database"))

    def test_uncollapsed_counts_equal_brute_force_local_shards(self):
        self.assert_agree(self.check_uncollapsed("local shards"))

    def test_collapsed_counts_equal_brute_force_one_database(self):
        self.assert_agree(self.check_collapsed("one database"))

    def test_collapsed_counts_equal_brute_force_local_shards(self):
        self.assert_agree(self.check_collapsed("local shards"))

    def test_plain_search_duplicates_equal_facet_run_one_database(self):
        self.assert_agree(self.check_plain_duplicates("one database"))

    def test_plain_search_duplicates_equal_facet_run_local_shards(self):
        self.assert_agree(self.check_plain_duplicates("local shards"))

    def test_local_shards_uncollapsed_counts_equal_one_database(self):
        self.assert_agree(self.compare_configs("one database", "local shards", collapse=False))

    def test_local_shards_collapsed_counts_equal_one_database(self):
        self.assert_agree(self.compare_configs("one database", "local shards", collapse=True, facets_too=False))

    def test_local_shards_collapsed_facets_equal_one_database(self):
        differ = self.kept_copy_note("one database", "local shards")
        m = Mismatches("local shards vs one database, collapsed: facet counts "
                       f"(the collapsed exports keep another copy of some group for {len(differ)} of "
                       f"{len(QUERIES)} queries: {', '.join(differ[:6])}{'...' if len(differ) > 6 else ''})")
        for name, *_ in QUERIES:
            e = json_facets(self.result("one database", name, True, "facets"))
            a = json_facets(self.result("local shards", name, True, "facets"))
            for facet in FACETS:
                m.check(name, facet, *dict_diff(e[facet], a[facet]))
        self.assert_agree(m.summary())

    def test_remote_shards_uncollapsed_counts_equal_local(self):
        self.require_remote()
        self.assert_agree(self.compare_configs("one database", "remote shards", collapse=False),
                          self.check_uncollapsed("remote shards"))

    def test_remote_shards_collapsed_counts_equal_local(self):
        # Totals, facets, timelines, the hits' duplicates (facet and plain runs) and the groups exported,
        # collapsed, over remote shards as over one database and as the brute force says: the copies
        # Xapian's spies count each are read and taken out (remote_copies.hpp).
        self.require_remote()
        self.assert_agree(self.compare_configs("one database", "remote shards", collapse=True),
                          self.check_collapsed("remote shards"),
                          self.check_plain_duplicates("remote shards"))


if __name__ == "__main__":
    main()
