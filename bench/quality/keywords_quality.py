#!/usr/bin/env python3
"""Keyword quality figures of issue 18 on bundestag-digital (docs/quality.md).

Usage: keywords_quality.py BINARY [CORPUS]   (from the project root)

  generic   keywords of the corpus as a whole, top 30: how many are generic
            words of political speech (every word of the keyword's Snowball stem
            is in bench/quality/generic-de.txt, stemmed the same way)
  jaccard   keywords --per group --top 20: mean Jaccard overlap (by key) of the
            groups' lists, over all pairs of groups with 5 documents or more
  onedoc    the top keywords per group whose count comes from one document

For stichwort's default and --reference none (tf-idf), and, when the peers are
set up (../shared/bench/peers/setup.sh), scikit-learn's TF-IDF (column sums of
TfidfVectorizer over the documents, as py_sklearn.py prints them).
Needs Debian's python3-stemmer.
"""
import itertools
import json
import os
import re
import subprocess
import sys

import Stemmer

HERE = os.path.dirname(os.path.abspath(__file__))
st = Stemmer.Stemmer("german")


def words(s):
    return re.findall(r"[^\W\d_]+", s.lower())


def generic_stems():
    out = set()
    for line in open(os.path.join(HERE, "generic-de.txt"), encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(st.stemWord(line.lower()))
    return out


def run(binary, args):
    p = subprocess.run([binary] + args + ["--format", "jsonl", "-q"], capture_output=True,
                       check=True)
    return [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]


def is_generic(term, gen):
    ws = words(term)
    return bool(ws) and all(st.stemWord(w) in gen for w in ws)


def main():
    binary = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else "../shared/corpora/bundestag-digital"
    gen = generic_stems()
    rows = []
    for name, extra in (("stichwort (default: keyness, builtin reference)", []),
                        ("stichwort --reference none (tf-idf)", ["--reference", "none"])):
        top = run(binary, ["keywords", corpus, "--top", "30"] + extra)
        g = [r["term"] for r in top if is_generic(r["term"], gen)]
        rows.append((name, len(g), len(top), g))
    peers = os.path.join(os.path.dirname(os.path.dirname(HERE)), "..", "shared", "bench",
                         "peers", "py_sklearn.py")
    work = os.environ.get("PEERS_WORK", "/tmp/stichwort-peers")
    if os.path.exists(peers) and os.path.exists(os.path.join(work, "stopwords_de.txt")):
        p = subprocess.run(["/usr/bin/python3", peers, os.path.join(corpus, "docs"),
                            "--pystemmer"], capture_output=True, check=True)
        top = json.loads(p.stdout)["top"][:30]
        g = [t for t, _ in top if all(w in gen for w in t.split())]
        rows.append(("scikit-learn TF-IDF (column sums, stems)", len(g), len(top), g))
    else:
        print("generic: scikit-learn skipped (run ../shared/bench/peers/setup.sh first)")
    for name, n, tot, g in rows:
        print(f"generic: {name}: {n} of {tot} in the top 30: {', '.join(g)}")

    meta = [json.loads(l) for l in open(os.path.join(corpus, "metadata.jsonl"), encoding="utf-8")]
    ndocs = {}
    for m in meta:
        ndocs[m.get("group")] = ndocs.get(m.get("group"), 0) + 1
    for name, extra in (("stichwort (default: keyness against the rest)", []),
                        ("stichwort --method tfidf", ["--method", "tfidf"])):
        per = {}
        recs = run(binary, ["keywords", corpus, "--per", "group", "--top", "20"] + extra)
        for r in recs:
            per.setdefault(r["group"], []).append(r)
        groups = sorted(g for g in per if g is not None and ndocs.get(g, 0) >= 5)
        js = []
        for a, b in itertools.combinations(groups, 2):
            A = {r["key"] for r in per[a]}
            B = {r["key"] for r in per[b]}
            js.append(len(A & B) / len(A | B) if A | B else 0.0)
        onedoc = sum(1 for g in groups for r in per[g] if r["docs"] == 1)
        print(f"jaccard: {name}: mean {sum(js) / len(js):.3f} over {len(js)} pairs of "
              f"{len(groups)} groups; onedoc: {onedoc} of "
              f"{sum(len(per[g]) for g in groups)} keywords from a single document")


if __name__ == "__main__":
    main()
