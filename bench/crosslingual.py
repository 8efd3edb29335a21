#!/usr/bin/env python3
"""Cross-lingual name search: Herald vs stock Xapian on SlavicNER.

SlavicNER (../shared/corpus/slavicner) holds 5,017 articles in bg, cs, pl, ru,
sl and uk whose person mentions carry cross-lingual ids (`PER-Vladimir-Putin`
covers «Путина», «Putinem», «Władimira Putina»). Those ids are ground truth
here only: the engine never reads them.

For every person named in at least --min-articles articles this
  1. makes four queries: the Latin name from the id ("Vladimir Putin"), the
     surname ("Putin"), the Cyrillic surname (the most frequent Russian,
     else Bulgarian or Ukrainian, lemma of the mentions' last word) and the
     Cyrillic name (the same, of the mentions' whole lemma, when it has
     several words: "Владимир Путин");
  2. runs each through `herald-searcher --json --limit 100` over a Herald database,
     with the default match (every unit of the query) and with --match any,
     (articles indexed with their `lang`) and through `quest -m 100` over a
     stock scriptindex database of the same articles (no stemming: the
     languages differ article by article);
  3. scores recall@100 and MAP@100 against the articles that mention the
     person, per query kind, plus the languages reached and per-language recall.

`--corpus nerel` runs the same comparison on NEREL (../shared/corpus/nerel, 933
Russian articles whose person mentions carry Wikidata ids) with the Cyrillic
name and surname of each person (the Wikidata label): a second check, on a
corpus the name rules were not tuned on.

Standard library only. Run `python3 bench/crosslingual.py --help`.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

SLAVICNER = os.path.join(benchlib.SHARED_CORPUS, "slavicner", "articles.jsonl.zst")
NEREL = os.path.join(benchlib.SHARED_CORPUS, "nerel", "articles.jsonl.zst")
K = 100
CYRILLIC_LANGUAGES = ("ru", "bg", "uk")
# Herald with its default match (every unit of the query: a name by its
# surname), Herald with --match any (any word, as before issue 35), stock Xapian.
ENGINES = ("Herald", "Herald-any", "stock")

STOCK_SCRIPT = """\
# Stock Xapian: every field indexed unstemmed, the id kept for mapping hits back.
id : field=id boolean=Q unique=Q
title : index
body : index
"""


def load_articles(path=SLAVICNER):
    text = subprocess.run(["zstd", "-dc", path], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def is_cyrillic(word):
    return any("\u0400" <= c <= "\u04ff" for c in word)


def people(articles, min_articles):
    """Entity id -> (Latin name, surname, Cyrillic surname or None, Cyrillic name or None, relevant doc ids)."""
    mentioned = collections.defaultdict(set)
    cyrillic = collections.defaultdict(collections.Counter)
    cyrillic_names = collections.defaultdict(collections.Counter)
    for article in articles:
        for entity in article["entities"]:
            if entity["type"] != "PER" or not entity["id"].startswith("PER-"):
                continue
            mentioned[entity["id"]].add(article["doc_id"])
            if article["lang"] in CYRILLIC_LANGUAGES:
                lemma_words = entity["lemma"].split()
                last = lemma_words[-1] if lemma_words else ""
                if is_cyrillic(last):
                    cyrillic[entity["id"]][(CYRILLIC_LANGUAGES.index(article["lang"]), last)] += 1
                if len(lemma_words) >= 2 and all(is_cyrillic(w) for w in lemma_words):
                    language = CYRILLIC_LANGUAGES.index(article["lang"])
                    cyrillic_names[entity["id"]][(language, " ".join(lemma_words))] += 1
    result = {}
    for entity_id, docs in mentioned.items():
        if len(docs) < min_articles:
            continue
        words = [w for w in entity_id[len("PER-"):].split("-") if w]
        if not words:
            continue
        # Russian first, then the most frequent form.
        def best(forms):
            return min(forms.items(), key=lambda item: (item[0][0], -item[1]))[0][1] if forms else None
        result[entity_id] = (" ".join(words), words[-1], best(cyrillic[entity_id]), best(cyrillic_names[entity_id]),
                             docs)
    return result


def nerel_people(articles, min_articles):
    """Wikidata id -> (Cyrillic name, Cyrillic surname, relevant doc ids) for the people of NEREL
    (Russian only): a second check, on articles the rules were not tuned on."""
    mentioned = collections.defaultdict(set)
    names = collections.defaultdict(collections.Counter)
    for article in articles:
        persons = {e["id"] for e in article["entities"] if e["type"] == "PERSON"}
        for link in article["wikidata_links"]:
            if link["entity"] not in persons or not link["kb_id"].startswith("Wikidata:Q"):
                continue
            mentioned[link["kb_id"]].add(article["doc_id"])
            if link["name"]:
                names[link["kb_id"]][link["name"]] += 1
    result = {}
    for kb_id, docs in mentioned.items():
        if len(docs) < min_articles or not names[kb_id]:
            continue
        name = names[kb_id].most_common(1)[0][0]
        if "," in name:  # "Тиллерсон, Рекс": surname first
            surname, given = (part.strip() for part in name.split(",", 1))
            name = given + " " + surname
        words = name.split()
        result[kb_id] = (name, words[-1], docs)
    return result


def write_stock_input(articles, path):
    with open(path, "w", encoding="utf-8") as out:
        for article in articles:
            for name, value in (("id", article["doc_id"]), ("title", article["title"]), ("body", article["body"])):
                if value:
                    out.write(name + "=" + value.replace("\n", "\n=") + "\n")
            out.write("\n")


def herald_ids(searcher, db, query, match="all"):
    proc = subprocess.run([searcher, "--db", db, "--json", "--no-collapse", "--limit", str(K), "--match", match, query],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return []
    return [hit["id"] for hit in json.loads(proc.stdout)["results"]]


def quest_ids(db, query):
    proc = subprocess.run(["quest", "-d", db, "-m", str(K), query], capture_output=True, text=True)
    if proc.returncode != 0:
        return []
    ids, expecting = [], False
    for line in proc.stdout.splitlines():
        if line.split(":")[0].isdigit() and line.rstrip().endswith("]"):
            expecting = True
        elif expecting and line.startswith("id="):
            ids.append(line[3:])
            expecting = False
    return ids


def average_precision(ranked, relevant):
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranked, 1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), K) if relevant else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=benchlib.DEFAULT_BUILD, help="Herald build directory (default: build/)")
    parser.add_argument("--min-articles", type=int, default=20, help="people mentioned in at least this many "
                        "articles become queries (default: 20)")
    parser.add_argument("--corpus", choices=("slavicner", "nerel"), default="slavicner",
                        help="nerel: Russian articles with Wikidata links, Cyrillic name and surname queries, a "
                        "second check on a corpus the name rules were not tuned on (default: slavicner)")
    parser.add_argument("--json", help="write the figures as JSON to this file")
    args = parser.parse_args()
    corpus = SLAVICNER if args.corpus == "slavicner" else NEREL
    if not os.path.exists(corpus):
        benchlib.die("%s is absent" % corpus)
    indexer, searcher = benchlib.herald_binaries(args.build)
    articles = load_articles(corpus)
    language_of = {a["doc_id"]: a["lang"] for a in articles}
    tmp = tempfile.mkdtemp(prefix="herald-crosslingual-")
    try:
        herald_db = os.path.join(tmp, "herald")
        stock_db = os.path.join(tmp, "stock")
        stock_input = os.path.join(tmp, "stock.input")
        write_stock_input(articles, stock_input)
        script = benchlib.write_script(os.path.join(tmp, "stock.script"), STOCK_SCRIPT)
        subprocess.run([indexer, "--db", herald_db, "--quiet", "--jobs", "2", "--field", "id=doc_id",
                        "--field", "language=lang", corpus], check=True)
        subprocess.run([benchlib.need_tool("scriptindex"), "--overwrite", stock_db, script, stock_input],
                       check=True, stdout=subprocess.DEVNULL)
        if args.corpus == "slavicner":
            targets = people(articles, args.min_articles)
            kinds = ("latin name", "surname", "cyrillic surname", "cyrillic name")
        else:
            targets = {kb_id: (name, surname, None, None, docs)
                       for kb_id, (name, surname, docs) in nerel_people(articles, args.min_articles).items()}
            kinds = ("cyrillic name", "cyrillic surname")
        print("%d articles, %d people named in >= %d articles" % (len(articles), len(targets), args.min_articles))

        scores = {engine: {kind: {"recall": [], "ap": [], "languages": collections.Counter(),
                                  "per_language": collections.defaultdict(lambda: [0, 0])}
                           for kind in kinds} for engine in ENGINES}
        for entity_id, (name, surname, cyrillic, cyrillic_name, relevant) in sorted(targets.items()):
            for kind, query in zip(kinds, (name, surname, cyrillic, cyrillic_name)):
                if not query:
                    continue
                for engine, ranked in (("Herald", herald_ids(searcher, herald_db, query)),
                                       ("Herald-any", herald_ids(searcher, herald_db, query, "any")),
                                       ("stock", quest_ids(stock_db, query))):
                    s = scores[engine][kind]
                    found = set(ranked) & relevant
                    s["recall"].append(len(found) / min(len(relevant), K))
                    s["ap"].append(average_precision(ranked, relevant))
                    s["languages"].update({language_of[d] for d in found})
                    for doc in relevant:
                        s["per_language"][language_of[doc]][1] += 1
                        s["per_language"][language_of[doc]][0] += doc in found

        figures = {}
        print("\n%-17s %5s | %-22s | %-22s | languages reached (Herald / stock)" % ("", "n", "recall@100", "MAP@100"))
        print("%-17s %5s | %7s %7s %6s | %7s %7s %6s |" % ("query", "", "Herald", "stock", "H/s", "Herald", "stock",
                                                            "H/s"))
        for kind in kinds:
            h, x = scores["Herald"][kind], scores["stock"][kind]
            n = len(h["recall"])
            if n == 0:
                continue
            hr, xr = sum(h["recall"]) / n, sum(x["recall"]) / n
            hm, xm = sum(h["ap"]) / n, sum(x["ap"]) / n
            a = scores["Herald-any"][kind]
            ar, am = sum(a["recall"]) / n, sum(a["ap"]) / n
            print("%-17s %5d | %7.3f %7.3f %6.2f | %7.3f %7.3f %6.2f | %s / %s" % (
                kind, n, hr, xr, hr / xr if xr else float("inf"), hm, xm, hm / xm if xm else float("inf"),
                ",".join(sorted(h["languages"])), ",".join(sorted(x["languages"]))))
            print("%-17s %5s | %7.3f %14s | %7.3f %14s | (Herald --match any; all - any: recall %+.3f, MAP %+.3f)"
                  % ("", "", ar, "", am, "", hr - ar, hm - am))
            figures[kind] = {
                "queries": n,
                "Herald-any": {"recall": ar, "map": am},
                "Herald": {"recall": hr, "map": hm, "per_language_recall": {
                    lang: found / total for lang, (found, total) in sorted(h["per_language"].items())}},
                "stock": {"recall": xr, "map": xm, "per_language_recall": {
                    lang: found / total for lang, (found, total) in sorted(x["per_language"].items())}},
            }
        print("\nper-language recall (Herald / stock):")
        for kind in figures:
            row = " ".join("%s %.2f/%.2f" % (lang, figures[kind]["Herald"]["per_language_recall"][lang],
                                              figures[kind]["stock"]["per_language_recall"][lang])
                           for lang in figures[kind]["Herald"]["per_language_recall"])
            print("  %-17s %s" % (kind, row))
        if args.json:
            with open(args.json, "w") as out:
                json.dump(figures, out, indent=2)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
