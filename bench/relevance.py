#!/usr/bin/env python3
"""Known-item relevance benchmark: Herald vs Xapian's own tools.

For each corpus (AllSides, Reuters-21578) this
  1. prepares Herald's input (AllSides: the decompressed JSON Lines;
     Reuters: corpus/convert/reuters_to_jsonl.py output) and the same
     articles as a scriptindex input file, in a temporary directory;
  2. indexes them with Herald's indexer and with scriptindex + the
     Herald-equivalent index script (bench/benchlib.py HERALD_SCRIPT), both
     at once (one core each);
  3. generates deterministic known-item queries (fixed seed) from randomly
     picked articles: "title" queries (2-4 of the title's words, favouring
     rarer ones, never the whole title) and "body" queries (3-5
     mid-document-frequency words of the body that are not in the title);
  4. runs every query through `herald-searcher --json --limit 10` and through
     `quest -m 10 -s english`, and scores the rank of the article the query
     was made from: MRR@10 and success@10, per query kind and overall.

Standard library only. Run `python3 bench/relevance.py --help`.
"""

import argparse
import collections
import concurrent.futures
import hashlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

DEFAULT_SEED = 20240601
K = 10

# Words a person would not type to find an article (plus everything shorter
# than 3 letters, which the tokenizer below drops anyway).
STOPWORDS = frozenset("""
a about above after again against all almost also although always am among an and another any anyone
anything are aren around as at away back be became because become becomes been before being below
between both but by came can cannot could couldn did didn do does doesn doing don done down during
each either else enough even ever every few for from further get gets getting give given go goes going
gone got had has hasn have haven having he her here hers herself him himself his how however i if in
into is isn it its itself just last least less let like made make makes many may me might more most
much must my myself near need never new next no nor not now of off often on once one only onto or
other others our ours ourselves out over own per perhaps put quite rather really said same say says
see seem seemed seems several shall she should since so some something still such take than that the
their theirs them themselves then there these they thing things this those though three through thus
to today told too toward towards two under until up upon us use used very via was wasn way we well
went were weren what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself yourselves year years week weeks day days time times ago
mr mrs ms dr reuter reuters
""".split())

# A plain ASCII word standing on its own: not part of a token with digits,
# accented letters, apostrophes, hyphens or dots (so "don't", "U.S.",
# "well-known" and "josé" are never picked; both engines tokenise those
# differently, and the point is to compare ranking, not tokenisers).
WORD_RE = re.compile(r"(?<![\w'’.\-])[a-z]{3,}(?![\w'’\-]|\.\w)")


def words(text):
    return WORD_RE.findall(text.lower())


# ---------------------------------------------------------------------------
# Corpus preparation.
# ---------------------------------------------------------------------------
class Corpus:
    def __init__(self, name):
        self.name = name
        self.herald_input = None      # file Herald's indexer reads
        self.herald_fields = {}       # --field mapping for it
        self.dump = None              # scriptindex input file
        self.articles = []            # (id, title, body) of every article
        self.topic = {}               # id -> AllSides topic label (topical queries)
        self.df = collections.Counter()
        self.note = ""


def prepare(name, tmp, limit=None):
    corpus = Corpus(name)
    t0 = time.perf_counter()
    if name == "allsides":
        corpus.herald_input = os.path.join(tmp, "allsides.jsonl")
        benchlib.decompress_allsides(corpus.herald_input, limit)
        corpus.herald_fields = dict(benchlib.ALLSIDES_FIELD_MAP)
        corpus.note = "AllSides articles.jsonl.zst, decompressed"
    else:
        corpus.herald_input = os.path.join(tmp, "reuters.jsonl")
        corpus.note = "Reuters-21578 via " + benchlib.convert_reuters(corpus.herald_input, limit)
    corpus.dump = os.path.join(tmp, name + ".dump")

    def tee():
        for article in benchlib.read_jsonl(corpus.herald_input, corpus.herald_fields):
            corpus.articles.append((article["id"], article["title"], article["body"]))
            if article.get("tags"):
                corpus.topic[article["id"]] = article["tags"][0] if isinstance(article["tags"], list) else article["tags"]
            corpus.df.update(set(words(article["title"] + "\n" + article["body"])))
            yield article

    benchlib.write_dump(tee(), corpus.dump)
    print("[%s] prepared %d articles (%s) in %.0f s"
          % (name, len(corpus.articles), corpus.note, time.perf_counter() - t0), flush=True)
    return corpus


# ---------------------------------------------------------------------------
# Query generation.
# ---------------------------------------------------------------------------
def weighted_sample(rng, items, weights, k):
    """k distinct items, drawn without replacement with probability
    proportional to weight (Efraimidis-Spirakis)."""
    keyed = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0),
                   reverse=True)
    return [items[i] for _, i in keyed[:k]]


def content_words(text):
    seen = []
    for w in words(text):
        if w not in STOPWORDS and w not in seen:
            seen.append(w)
    return seen


SPLITS = ("tune", "test")
KNOWN_ITEM_KINDS = ("title", "body", "headline")
# Topic labels too broad to be a reader's query.
VAGUE_TOPICS = frozenset({"general_news", "politics", "world", "culture", "justice", "holidays"})
MIN_TOPIC_ARTICLES = 100


def split_of(key):
    """"tune" or "test", from a stable hash of an article id or topic label,
    so the two splits never share an article (or a topic)."""
    return SPLITS[int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2]


def split_seed(seed, split):
    return seed if split == "tune" else seed + 1


def body_candidates(title, body, df, min_df, max_df):
    """Mid-frequency body words that are not in the title, with their counts."""
    title_words = set(words(title))
    return collections.Counter(w for w in words(body)
                               if len(w) >= 4 and w not in STOPWORDS and w not in title_words
                               and min_df <= df[w] <= max_df)


def generate_queries(corpus, n, seed, split, min_body_chars=400, max_df_fraction=0.02, min_df=3):
    """n known-item queries from the split's articles, a third each of
    "title", "body" and "headline", each from a different article."""
    n_docs = len(corpus.articles)
    df = corpus.df
    max_df = max(min_df + 1, int(n_docs * max_df_fraction))
    title_count = collections.Counter(benchlib.collapse_whitespace(t.lower()) for _, t, _ in corpus.articles)
    body_count = collections.Counter(hash(b.strip()) for _, _, b in corpus.articles)
    eligible = [i for i, (doc_id, title, body) in enumerate(corpus.articles)
                if split_of(doc_id) == split
                and len(body) >= min_body_chars and len(content_words(title)) >= 3
                and title_count[benchlib.collapse_whitespace(title.lower())] == 1
                and body_count[hash(body.strip())] == 1]
    rng = random.Random("%s:%d" % (corpus.name, split_seed(seed, split)))
    rng.shuffle(eligible)
    want = {kind: n // len(KNOWN_ITEM_KINDS) + (1 if i < n % len(KNOWN_ITEM_KINDS) else 0)
            for i, kind in enumerate(KNOWN_ITEM_KINDS)}
    queries = []
    for index in eligible:
        if len(queries) >= n:
            break
        doc_id, title, body = corpus.articles[index]
        kind = next(k for k in KNOWN_ITEM_KINDS[len(queries) % 3:] + KNOWN_ITEM_KINDS if want[k] > 0)
        candidates = content_words(title)
        if kind == "title":
            k = rng.randint(2, min(4, len(candidates) - 1))  # never the whole title
            idf = [math.log(n_docs / max(1, df[w])) + 0.1 for w in candidates]
            picked = set(weighted_sample(rng, candidates, idf, k))
            terms = [w for w in candidates if w in picked]  # in title order
        elif kind == "body":
            tf = body_candidates(title, body, df, min_df, max_df)
            k = rng.randint(3, 5)
            if len(tf) < k:
                continue
            pool = sorted(tf)
            terms = weighted_sample(rng, pool, [tf[w] for w in pool], k)
        else:
            # A reader half-remembering the story: some of the headline's
            # words in another order, one or two swapped for words of the body.
            tf = body_candidates(title, body, df, min_df, max_df)
            replaced = rng.randint(1, 2)
            kept = rng.randint(2, min(4, len(candidates)))
            if len(tf) < replaced or kept - replaced < 1:
                continue
            terms = rng.sample(candidates, kept - replaced)
            pool = sorted(tf)
            terms += weighted_sample(rng, pool, [tf[w] for w in pool], replaced)
            rng.shuffle(terms)
            if terms == [w for w in candidates if w in terms]:
                terms.reverse()  # reordered, never in headline order
        want[kind] -= 1
        queries.append({"corpus": corpus.name, "split": split, "kind": kind, "id": doc_id,
                        "query": " ".join(terms)})
    if len(queries) < n:
        print("[%s] warning: only %d eligible %s queries (asked for %d)" % (corpus.name, len(queries), split, n),
              file=sys.stderr)
    return queries


def topical_queries(corpus, split):
    """One query per topic label of the split (AllSides `topic`): the label
    in words ("gun_control_and_gun_rights" -> "gun control gun rights");
    relevant: the articles with that topic."""
    counts = collections.Counter(corpus.topic.values())
    queries = []
    for topic, count in sorted(counts.items()):
        if count < MIN_TOPIC_ARTICLES or topic in VAGUE_TOPICS or split_of("topic:" + topic) != split:
            continue
        label = [w for w in re.split(r"[_\s]+", topic.replace("'s", "")) if w and w not in ("and", "us", "of")]
        queries.append({"corpus": corpus.name, "split": split, "kind": "topical", "topic": topic,
                        "query": " ".join(label)})
    return queries


# ---------------------------------------------------------------------------
# Indexing and searching.
# ---------------------------------------------------------------------------
def index_all(corpus, tmp, indexer, plain):
    """Index with Herald and scriptindex (and the unweighted scriptindex
    baseline if `plain`), two at a time; returns {engine: db path} and
    {engine: benchlib.Measured}."""
    dbs = {"Herald": os.path.join(tmp, corpus.name + ".herald"),
           "quest": os.path.join(tmp, corpus.name + ".scriptindex")}
    jobs = {
        "Herald": benchlib.herald_index_command(indexer, dbs["Herald"], [corpus.herald_input], corpus.herald_fields),
        "quest": benchlib.scriptindex_command(
            dbs["quest"], benchlib.write_script(os.path.join(tmp, "herald-equivalent.script")), [corpus.dump]),
    }
    if plain:
        dbs["quest-plain"] = os.path.join(tmp, corpus.name + ".plain")
        jobs["quest-plain"] = benchlib.scriptindex_command(
            dbs["quest-plain"], benchlib.write_script(os.path.join(tmp, "plain.script"), benchlib.PLAIN_SCRIPT),
            [corpus.dump])
    label = {"Herald": "Herald", "quest": "scriptindex", "quest-plain": "scriptindex (plain script)"}
    print("[%s] indexing with %s (two at a time) ..." % (corpus.name, ", ".join(label[e] for e in jobs)),
          flush=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {e: pool.submit(benchlib.run_measured, cmd, os.path.join(tmp, "%s.%s.log" % (corpus.name, e)))
                   for e, cmd in jobs.items()}
        results = {e: f.result() for e, f in futures.items()}
    for e, m in results.items():
        # Herald's indexer exits 1 when it rejected some records (still indexed the rest).
        if not (m.returncode == 0 or (e == "Herald" and m.returncode == 1)):
            benchlib.die("%s indexing failed (exit %d):\n%s" % (label[e], m.returncode, m.stderr[-3000:]))
        print("[%s]   %-26s %6.1f s wall, peak RSS %4.0f MiB%s" % (
            corpus.name, label[e], m.wall, m.maxrss_kib / 1024.0,
            "" if m.returncode == 0 else " (exit 1: some records rejected)"), flush=True)
    return dbs, results


QUEST_HIT_RE = re.compile(r"^(\d+): \[([^\]]*)\]$")


def parse_quest(output):
    """Ids of the hits in quest's output, in rank order. Each hit is a
    "DOCID: [WEIGHT]" line followed by the document data, whose fields
    (scriptindex's `field` actions) are "name=value" lines; "id=" is ours."""
    ids = []
    expecting = False
    for line in output.splitlines():
        if QUEST_HIT_RE.match(line):
            if expecting:
                ids.append(None)  # a hit without an id field
            expecting = True
        elif expecting and line.startswith("id="):
            ids.append(line[3:])
            expecting = False
    if expecting:
        ids.append(None)
    return ids


def run_herald(searcher, db, query, ranking="herald", match="all"):
    t0 = time.perf_counter()
    proc = subprocess.run([searcher, "--db", db, "--json", "--limit", str(K), "--ranking", ranking, "--match", match]
                          + query.split(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        return None, elapsed, proc.stderr.decode("utf-8", "replace").strip()
    try:
        result = json.loads(proc.stdout.decode("utf-8"))
        return [hit["id"] for hit in result["results"]], elapsed, None
    except (ValueError, KeyError, TypeError) as error:
        return None, elapsed, "unparsable output: %s" % error


def run_quest(db, query):
    t0 = time.perf_counter()
    proc = subprocess.run(["quest", "-d", db, "-m", str(K), "-s", "english", query],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        return None, elapsed, proc.stderr.decode("utf-8", "replace").strip()
    return parse_quest(proc.stdout.decode("utf-8", "replace")), elapsed, None


def rank_of(target, ids):
    if ids is None:
        return None
    for rank, doc_id in enumerate(ids[:K], start=1):
        if doc_id == target:
            return rank
    return None


def evaluate(queries, searcher, dbs, workers, bm25=False, any_word=False):
    engines = {"Herald": lambda q: run_herald(searcher, dbs["Herald"], q)}
    if bm25:
        engines["Herald-bm25"] = lambda q: run_herald(searcher, dbs["Herald"], q, "bm25")
    if any_word:
        engines["Herald-any"] = lambda q: run_herald(searcher, dbs["Herald"], q, "herald", "any")
    for engine in dbs:
        if engine != "Herald":
            engines[engine] = (lambda db: lambda q: run_quest(db, q))(dbs[engine])
    tasks = [(engine, i) for i in range(len(queries)) for engine in engines]
    out = {engine: [None] * len(queries) for engine in engines}
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(engines[engine], queries[i]["query"]): (engine, i) for engine, i in tasks}
        for future in concurrent.futures.as_completed(futures):
            engine, i = futures[future]
            ids, elapsed, error = future.result()
            out[engine][i] = {"rank": rank_of(queries[i].get("id"), ids), "seconds": elapsed, "error": error,
                              "ids": ids or []}
    return out


# ---------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------
def metrics(rows):
    """Known-item figures: MRR@10, success@1 and @10, errors, median ms."""
    n = len(rows)
    if n == 0:
        return {"n": 0, "mrr": float("nan"), "s1": float("nan"), "s10": float("nan"), "errors": 0, "ms": 0.0}
    return {
        "n": n,
        "mrr": sum(1.0 / r["rank"] for r in rows if r["rank"]) / n,
        "s1": sum(1 for r in rows if r["rank"] == 1) / n,
        "s10": sum(1 for r in rows if r["rank"]) / n,
        "errors": sum(1 for r in rows if r["error"]),
        "ms": 1000.0 * benchlib.median([r["seconds"] for r in rows]),
    }


def topical_metrics(rows, queries, topic_of):
    """Precision@10 of topical queries: the share of the top 10 with the topic."""
    n = len(rows)
    if n == 0:
        return {"n": 0, "p10": float("nan"), "errors": 0, "ms": 0.0}
    return {
        "n": n,
        "p10": sum(sum(1 for d in r["ids"][:K] if topic_of.get(d) == q["topic"]) / K
                   for r, q in zip(rows, queries)) / n,
        "errors": sum(1 for r in rows if r["error"]),
        "ms": 1000.0 * benchlib.median([r["seconds"] for r in rows]),
    }


def ratio(a, b):
    return "%.3f" % (a / b) if b else "n/a"


def report(corpus, split, queries, results, workers):
    print()
    print("=== %s, %s split: %d articles, %d queries (top %d) ===" % (
        corpus.name, split, len(corpus.articles), len(queries), K))
    header = "%-9s %5s | %8s %8s %7s | %8s %8s %7s | %9s %9s" % (
        "kind", "n", "Herald", "quest", "H/q", "Herald", "quest", "H/q", "Herald", "quest")
    print("%-15s | %-25s | %-25s | %s" % ("", "MRR@10", "success@10", "median ms/query*"))
    print(header)
    print("-" * len(header))
    summary = {}
    known = [i for i, q in enumerate(queries) if q["kind"] != "topical"]
    groups = []  # (kind, indices of its queries), each reported engine in turn
    for kind in KNOWN_ITEM_KINDS + ("all",):
        idx = [i for i in known if kind == "all" or queries[i]["kind"] == kind]
        if idx:
            groups.append((kind, idx))
    for kind, idx in groups:
        h = metrics([results["Herald"][i] for i in idx])
        x = metrics([results["quest"][i] for i in idx])
        summary[kind] = {"Herald": h, "quest": x}
        print("%-9s %5d | %8.4f %8.4f %7s | %8.4f %8.4f %7s | %9.1f %9.1f" % (
            kind, len(idx), h["mrr"], x["mrr"], ratio(h["mrr"], x["mrr"]),
            h["s10"], x["s10"], ratio(h["s10"], x["s10"]), h["ms"], x["ms"]))
    if "Herald-bm25" in results:
        for kind, idx in groups:
            b = metrics([results["Herald-bm25"][i] for i in idx])
            summary[kind]["Herald-bm25"] = b
            print("%-9s %5s | %8.4f %8s %7s | %8.4f %8s %7s |  (Herald --ranking bm25; H/q: bm25/quest)" % (
                kind, "", b["mrr"], "", ratio(b["mrr"], summary[kind]["quest"]["mrr"]),
                b["s10"], "", ratio(b["s10"], summary[kind]["quest"]["s10"])))
    if "Herald-any" in results:
        for kind, idx in groups:
            a = metrics([results["Herald-any"][i] for i in idx])
            summary[kind]["Herald-any"] = a
            print("%-9s %5s | %8.4f %8s %7s | %8.4f %8s %7s |  (Herald --match any; H/q: all/any)" % (
                kind, "", a["mrr"], "", ratio(summary[kind]["Herald"]["mrr"], a["mrr"]),
                a["s10"], "", ratio(summary[kind]["Herald"]["s10"], a["s10"])))
    if "quest-plain" in results:
        for kind, idx in groups:
            p = metrics([results["quest-plain"][i] for i in idx])
            summary[kind]["quest-plain"] = p
            print("%-9s %5s | %8s %8.4f %7s | %8s %8.4f %7s |  (quest on the unweighted scriptindex baseline)" % (
                kind, "", "", p["mrr"], ratio(summary[kind]["Herald"]["mrr"], p["mrr"]),
                "", p["s10"], ratio(summary[kind]["Herald"]["s10"], p["s10"])))
    topical = [i for i, q in enumerate(queries) if q["kind"] == "topical"]
    if topical:
        tq = [queries[i] for i in topical]
        h = topical_metrics([results["Herald"][i] for i in topical], tq, corpus.topic)
        x = topical_metrics([results["quest"][i] for i in topical], tq, corpus.topic)
        summary["topical"] = {"Herald": h, "quest": x}
        if "Herald-any" in results:
            a = topical_metrics([results["Herald-any"][i] for i in topical], tq, corpus.topic)
            summary["topical"]["Herald-any"] = a
            print("%-9s %5s | precision@10 %8.4f  (Herald --match any)" % ("", "", a["p10"]))
        if "Herald-bm25" in results:
            summary["topical"]["Herald-bm25"] = topical_metrics([results["Herald-bm25"][i] for i in topical], tq,
                                                                corpus.topic)
        print("%-9s %5d | precision@10 %8.4f %8.4f %7s %26s | %9.1f %9.1f" % (
            "topical", len(topical), h["p10"], x["p10"], ratio(h["p10"], x["p10"]), "", h["ms"], x["ms"]))
        if "Herald-bm25" in summary["topical"]:
            b = summary["topical"]["Herald-bm25"]
            print("%-9s %5s | precision@10 %8.4f %8s %7s  (Herald --ranking bm25; H/q: bm25/quest)" % (
                "", "", b["p10"], "", ratio(b["p10"], x["p10"])))
    if "all" in summary:
        allm = summary["all"]
        print("success@1: Herald %.4f, quest %.4f" % (allm["Herald"]["s1"], allm["quest"]["s1"]))
    print("* wall time of one search process, start-up included, %d processes at a time" % workers)
    for engine in results:
        errors = [(queries[i]["query"], r["error"]) for i, r in enumerate(results[engine]) if r["error"]]
        if errors:
            print("%s: %d queries FAILED, e.g. %r: %s" % (engine, len(errors), errors[0][0], errors[0][1]))
    diff = [(queries[i], results["Herald"][i]["rank"], results["quest"][i]["rank"]) for i in known
            if results["Herald"][i]["rank"] != results["quest"][i]["rank"]]
    print("known-item queries ranked differently by the two engines: %d" % len(diff))
    for q, h, x in diff[:5]:
        print("   %-8s %-45r Herald rank %-4s quest rank %s" % (q["kind"], q["query"], h or "-", x or "-"))
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD,
                        help="Herald build directory holding bin/herald-indexer and bin/herald-searcher (default: %(default)s)")
    parser.add_argument("--queries", type=int, default=300,
                        help="known-item queries per corpus and split, a third each title, body and headline "
                             "(default: %(default)s)")
    parser.add_argument("--split", choices=("tune", "test", "both"), default="test",
                        help="which split to run: tune on `tune`, report `test` (default: %(default)s); the two "
                             "take their articles and topics from disjoint halves and their queries from "
                             "different seeds")
    parser.add_argument("--corpus", choices=("allsides", "reuters", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="use only the first N articles of each corpus (default: all; a quick check)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="query sampling seed (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="queries run at once (default: %(default)s)")
    parser.add_argument("--plain", action="store_true",
                        help="also index with an unweighted scriptindex script (title and body weight 1) and "
                             "report quest on it as a baseline")
    parser.add_argument("--any-word", action="store_true",
                        help="also run Herald with --match any (articles with any query word, as before issue 35)")
    parser.add_argument("--bm25", action="store_true",
                        help="also run Herald with --ranking bm25 (Xapian's stock BM25) on the same database")
    parser.add_argument("--save-queries", metavar="FILE", help="also write the generated queries as JSON Lines")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--keep-tmp", action="store_true", help="keep the temporary directory (inputs, databases)")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 10:
        parser.error("--limit must be at least 10")
    if args.queries < 2:
        parser.error("--queries must be at least 2")

    indexer, searcher = benchlib.herald_binaries(args.build)
    benchlib.need_tool("scriptindex")
    benchlib.need_tool("quest")
    corpora = ["allsides", "reuters"] if args.corpus == "all" else [args.corpus]

    tmp = benchlib.make_tmpdir("herald-relevance-")
    print("temporary directory: %s" % tmp, flush=True)
    started = time.perf_counter()
    figures = {}
    saved = []
    try:
        for name in corpora:
            corpus = prepare(name, tmp, args.limit)
            dbs, indexing = index_all(corpus, tmp, indexer, args.plain)
            figures[name] = {
                "articles": len(corpus.articles),
                "index_seconds": {e: m.wall for e, m in indexing.items()},
                "index_peak_rss_kib": {e: m.maxrss_kib for e, m in indexing.items()},
            }
            for split in (SPLITS if args.split == "both" else (args.split,)):
                queries = generate_queries(corpus, args.queries, args.seed, split)
                if name == "allsides":  # the corpus with topic labels
                    queries += topical_queries(corpus, split)
                saved.extend(queries)
                for kind in KNOWN_ITEM_KINDS + ("topical",):
                    for q in [q for q in queries if q["kind"] == kind][:1]:
                        print("[%s]   e.g. %-8s query %r -> %s" % (name, kind, q["query"], q.get("id", q.get("topic"))))
                print("[%s] running %d %s queries through each engine ..." % (name, len(queries), split), flush=True)
                results = evaluate(queries, searcher, dbs, args.workers, args.bm25, args.any_word)
                figures[name][split] = {"queries": len(queries),
                                        "metrics": report(corpus, split, queries, results, args.workers)}
            print(flush=True)
            # Free the disk space before the next corpus.
            if not args.keep_tmp:
                for path in list(dbs.values()) + [corpus.dump, corpus.herald_input]:
                    shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.remove(path)
    finally:
        if args.keep_tmp:
            print("kept temporary directory %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    print("=== summary (known-item queries of each kind; topical precision@10) ===")
    print("%-9s %-5s %-9s %8s %8s %7s | %8s %8s %7s" % ("corpus", "split", "kind", "H", "q", "H/q", "S@10 H",
                                                        "S@10 q", "H/q"))
    for name, f in figures.items():
        for split in SPLITS:
            for kind, m in f.get(split, {}).get("metrics", {}).items():
                h, x = m["Herald"], m["quest"]
                if kind == "topical":
                    print("%-9s %-5s %-9s %8.4f %8.4f %7s |" % (name, split, kind, h["p10"], x["p10"],
                                                               ratio(h["p10"], x["p10"])))
                else:
                    print("%-9s %-5s %-9s %8.4f %8.4f %7s | %8.4f %8.4f %7s" % (
                        name, split, kind, h["mrr"], x["mrr"], ratio(h["mrr"], x["mrr"]), h["s10"], x["s10"],
                        ratio(h["s10"], x["s10"])))
    print("total time %.0f s" % (time.perf_counter() - started))
    if args.save_queries:
        with open(args.save_queries, "w", encoding="utf-8") as f:
            for q in saved:
                f.write(json.dumps(q) + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)
    failed = any(m[e]["errors"] for f in figures.values() for split in SPLITS if split in f
                 for m in f[split]["metrics"].values() for e in m)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
