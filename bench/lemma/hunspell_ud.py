#!/usr/bin/env python3
"""Lemma accuracy and pairwise conflation F of a key on UD German-GSD dev.

    python3 bench/lemma/hunspell_ud.py [--key hunspell|identity|FILE]
                                       [--pick first|last|differs]
                                       [--conllu PATH] [--dict de_DE]
                                       [--errors FILE]

The measure is the one of ../shared/gold/ud-german-gsd/NOTE.md and of
tests/unit/test_lemma_gold.c, so that the figures stand beside stichwort's:

- content words: tokens with UPOS NOUN, PROPN, VERB, ADJ or ADV (multiword
  tokens "3-4" and empty nodes "3.1" are not words of the text);
- lemma accuracy: share of those tokens whose key equals the gold LEMMA,
  both folded (lower case, ß and ẞ as "ss": the gold keeps the old
  spelling in places, "Schluß");
- pairwise F: over the distinct forms (as written), each counted once with
  its first occurrence's gold lemma and key, both folded: TP = pairs of
  forms with the same gold lemma and the same key, P = TP / pairs with the
  same key, R = TP / pairs with the same gold lemma.

Keys:
  hunspell  the stem hunspell prints for the form (`hunspell -d DICT -s`,
            "word stem" lines; needs the Debian packages hunspell and
            hunspell-de-de).  --pick first (default) takes the first stem
            printed, last the last one, differs the first stem that is not
            the form itself once folded (hunspell often prints the
            lower-cased form first: "Häuser häuser", then "Häuser haus").
            No stem: the form itself.
  identity  the form itself (calibration: the F of no conflation at all)
  FILE      a file of "form<TAB>lemma" lines (the form as written); a form
            not in it is its own key, and their number is printed

--errors FILE writes the tokens whose key is wrong (form, gold lemma, UPOS,
key) as TSV.  Python 3, no packages beyond the standard library.
"""
import argparse
import os
import subprocess
import sys

UPOS = ("NOUN", "PROPN", "VERB", "ADJ", "ADV")
SENTINEL = "Qqxzsentinelqq"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CONLLU = os.path.normpath(os.path.join(
    HERE, "..", "..", "..", "shared", "gold", "ud-german-gsd", "de_gsd-ud-dev.conllu"))


def fold(s):
    return s.lower().replace("ß", "ss")


def read_conllu(path):
    """The content-word tokens: a list of (form, gold lemma, UPOS)."""
    toks = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            c = line.split("\t")
            if len(c) < 4:
                sys.exit("hunspell_ud: malformed line: %r" % line)
            if "-" in c[0] or "." in c[0]:
                continue
            if c[3] in UPOS:
                toks.append((c[1], c[2], c[3]))
    return toks


def hunspell_stems(forms, dictionary):
    """Per form, the list of stems hunspell prints (in its order).  The
    forms go in one run, each followed by a sentinel word that hunspell
    does not know, so that a form hunspell prints nothing for (numbers)
    or splits ("z.B.") keeps its place."""
    for f in forms:
        if f == SENTINEL or "\n" in f:
            sys.exit("hunspell_ud: form %r clashes with the sentinel" % f)
    text = "".join("%s\n%s\n" % (f, SENTINEL) for f in forms)
    try:
        out = subprocess.run(["hunspell", "-d", dictionary, "-s", "-i", "UTF-8"],
                             input=text, capture_output=True, text=True,
                             encoding="utf-8", check=True).stdout
    except FileNotFoundError:
        sys.exit("hunspell_ud: hunspell not found (apt-get install hunspell hunspell-de-de)")
    except subprocess.CalledProcessError as e:
        sys.exit("hunspell_ud: hunspell failed: %s" % e.stderr.strip()[:300])
    groups, cur = [], []
    for line in out.split("\n"):
        if line.strip() == SENTINEL:
            groups.append(cur)
            cur = []
            continue
        p = line.split()
        if len(p) >= 2 and p[0] != SENTINEL:
            cur.append(p[1])
    if len(groups) != len(forms):
        sys.exit("hunspell_ud: %d forms but %d answers from hunspell" % (len(forms), len(groups)))
    return dict(zip(forms, groups))


def pick_stem(form, stems, how):
    if not stems:
        return form
    if how == "first":
        return stems[0]
    if how == "last":
        return stems[-1]
    for s in stems:  # differs
        if fold(s) != fold(form):
            return s
    return stems[0]


def read_predictions(path):
    pred = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            c = line.split("\t")
            if len(c) >= 2 and c[0] not in pred:
                pred[c[0]] = c[1]
    return pred


def pairs(n):
    return n * (n - 1) // 2


def pair_f(items):
    """items: (gold, key) per distinct form, folded.  P, R, F."""
    by_gold, by_key, cell = {}, {}, {}
    for g, k in items:
        by_gold[g] = by_gold.get(g, 0) + 1
        by_key[k] = by_key.get(k, 0) + 1
        cell[g, k] = cell.get((g, k), 0) + 1
    tp = sum(pairs(n) for n in cell.values())
    same_key = sum(pairs(n) for n in by_key.values())
    same_gold = sum(pairs(n) for n in by_gold.values())
    p = tp / same_key if same_key else 0.0
    r = tp / same_gold if same_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--key", default="hunspell",
                    help="hunspell, identity, or a file of form<TAB>lemma lines")
    ap.add_argument("--pick", default="first", choices=("first", "last", "differs"),
                    help="which of hunspell's stems (default: first)")
    ap.add_argument("--conllu", default=DEFAULT_CONLLU)
    ap.add_argument("--dict", default="de_DE", help="hunspell dictionary (default de_DE)")
    ap.add_argument("--errors", help="write the wrong tokens as TSV to this file")
    a = ap.parse_args()

    toks = read_conllu(a.conllu)
    forms = list(dict.fromkeys(t[0] for t in toks))
    missing = None
    if a.key == "hunspell":
        stems = hunspell_stems(forms, a.dict)
        key = {f: pick_stem(f, stems[f], a.pick) for f in forms}
        nostem = sum(1 for f in forms if not stems[f])
        label = "hunspell -d %s -s, %s stem (%d of %d forms without a stem: the form)" % (
            a.dict, a.pick, nostem, len(forms))
    elif a.key == "identity":
        key = {f: f for f in forms}
        label = "identity (the form itself)"
    else:
        pred = read_predictions(a.key)
        missing = sum(1 for f in forms if f not in pred)
        key = {f: pred.get(f, f) for f in forms}
        label = "%s (%d of %d forms not in it: the form)" % (a.key, missing, len(forms))

    right = 0
    per, per_right = {u: 0 for u in UPOS}, {u: 0 for u in UPOS}
    first = {}
    err = open(a.errors, "w", encoding="utf-8") if a.errors else None
    if err:
        err.write("form\tgold_lemma\tupos\tkey\n")
    for form, gold, upos in toks:
        k = key[form]
        ok = fold(k) == fold(gold)
        right += ok
        per[upos] += 1
        per_right[upos] += ok
        if not ok and err:
            err.write("%s\t%s\t%s\t%s\n" % (form, gold, upos, k))
        if form not in first:
            first[form] = (fold(gold), fold(k))
    if err:
        err.close()
    p, r, f = pair_f(first.values())
    print("key: %s" % label)
    print("gold: %s" % a.conllu)
    print("accuracy=%.3f (%d of %d content-word tokens)" % (right / len(toks), right, len(toks)))
    for u in UPOS:
        print("accuracy %-5s=%.3f (%d of %d)" % (u, per_right[u] / per[u] if per[u] else 0,
                                                  per_right[u], per[u]))
    print("pairwise P=%.3f R=%.3f F=%.3f (%d distinct forms)" % (p, r, f, len(first)))


if __name__ == "__main__":
    main()
