#!/usr/bin/env python3
"""tests/keyness/ref.py - a second computation of the keyness statistics.

Reads the output of `stichwort keyness --format json` (the envelope: its
params carry the token totals c and d), or JSON Lines records with the
totals given as --totals C D, and recomputes for every record, from its
counts alone:

  per_10k   a / c * 10000, b / d * 10000
  g2        2 * sum O ln(O / E) over the four cells of the 2x2 table,
            written out cell by cell (no log1p trick as in keyness.c)
  p         upper tail of chi-square(1) at g2, from the regularized
            incomplete gamma function Q(1/2, g2 / 2) (series for small
            x, Lentz's continued fraction for large x; Numerical Recipes
            ch. 6.2) - not erfc as the C code uses
  chi2      Pearson: sum (O - E)^2 / E over the four cells, no Yates
  log_ratio log2((a / c) / (b / d)), 0.5 for a zero count (Hardie 2014)
  g2_docs   g2 of docs_target, docs_reference out of the sides' documents
            (params docs_target, docs_reference); null with a list
  direction "target" when a / c > b / d (with measure g2_docs: when
            docs_target / Dt > docs_reference / Dr)

It also checks the order: target records first, then reference, each
sorted by the measure (params.measure) descending (|log_ratio| for
log_ratio), and, with --terms FILE (JSONL of `stichwort terms --top 0`
on the same corpus), that count_target + count_reference and
docs_target + docs_reference of every word equal the corpus figures
(meaningful when the reference is every other document).

Pure python3, no numpy.  Exit 0 when everything agrees within a relative
1e-6 (the output has 10 significant digits), else 1 with a line per
difference.
"""
import json
import math
import sys


def gammq_half(x):
    """Q(1/2, x): regularized upper incomplete gamma with a = 1/2."""
    a = 0.5
    if x <= 0.0:
        return 1.0
    gln = math.lgamma(a)
    if x < a + 1.0:
        # series for P(a, x)
        ap = a
        total = 1.0 / a
        delta = total
        for _ in range(10000):
            ap += 1.0
            delta *= x / ap
            total += delta
            if abs(delta) < abs(total) * 1e-16:
                break
        p = total * math.exp(-x + a * math.log(x) - gln)
        return 1.0 - p
    # continued fraction for Q(a, x), modified Lentz
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        if abs(d) < tiny:
            d = tiny
        c = b + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    return math.exp(-x + a * math.log(x) - gln) * h


def cells(a, b, c, d):
    n = c + d
    obs = [a, b, c - a, d - b]
    rows = [a + b, n - a - b, ]
    exp = [rows[0] * c / n, rows[0] * d / n, rows[1] * c / n, rows[1] * d / n]
    return obs, exp


def g2(a, b, c, d):
    if c <= 0 or d <= 0 or a + b <= 0 or a + b >= c + d:
        return 0.0
    obs, exp = cells(a, b, c, d)
    return 2.0 * sum(o * math.log(o / e) for o, e in zip(obs, exp) if o > 0)


def chi2(a, b, c, d):
    if c <= 0 or d <= 0 or a + b <= 0 or a + b >= c + d:
        return 0.0
    obs, exp = cells(a, b, c, d)
    return sum((o - e) ** 2 / e for o, e in zip(obs, exp))


def log_ratio(a, b, c, d):
    if a == 0 and b == 0:
        return 0.0
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def close(x, y, rel=1e-6, absolute=1e-9):
    if x is None or y is None:
        return x is y
    return abs(x - y) <= max(rel * max(abs(x), abs(y)), absolute)


def main(argv):
    totals = None
    terms_file = None
    args = []
    i = 1
    while i < len(argv):
        if argv[i] == "--totals":
            totals = (float(argv[i + 1]), float(argv[i + 2]))
            i += 3
        elif argv[i] == "--terms":
            terms_file = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 1:
        print("usage: ref.py [--totals C D] [--terms TERMS.jsonl] OUTPUT.json|OUTPUT.jsonl",
              file=sys.stderr)
        return 2
    text = open(args[0], encoding="utf-8").read()
    measure = "g2"
    dt = dr = None  # the sides' documents, for g2_docs
    if totals is None:
        env = json.loads(text)
        params = env["params"]
        c, d = float(params["tokens_target"]), float(params["tokens_reference"])
        dt, dr = float(params["docs_target"]), float(params["docs_reference"])
        measure = params["measure"]
        recs = env["results"]
    else:
        c, d = totals
        recs = [json.loads(line) for line in text.splitlines() if line.strip()]
    bad = []

    def check(rec, field, want):
        got = rec[field]
        if isinstance(want, str):
            ok = got == want
        else:
            ok = close(float(got) if got is not None else None, want)
        if not ok:
            bad.append("%s (%s): %s = %r, second computation %r"
                       % (rec["term"], rec["key"], field, got, want))

    for r in recs:
        a, b = float(r["count_target"]), float(r["count_reference"])
        g = g2(a, b, c, d)
        check(r, "per_10k_target", a / c * 10000.0)
        check(r, "per_10k_reference", b / d * 10000.0)
        check(r, "g2", g)
        check(r, "p", gammq_half(g / 2.0))
        check(r, "chi2", chi2(a, b, c, d))
        check(r, "log_ratio", log_ratio(a, b, c, d))
        # g2_docs: the same G2 over documents; none with a reference list
        da, db = float(r["docs_target"]), float(r["docs_reference"])
        if dt is not None and dr > 0:
            check(r, "g2_docs", g2(da, db, dt, dr))
        elif r["g2_docs"] is not None:
            bad.append("%s: g2_docs %r without reference documents" % (r["term"], r["g2_docs"]))
        if measure == "g2_docs":
            check(r, "direction", "target" if da / dt > db / dr else "reference")
        else:
            check(r, "direction", "target" if a / c > b / d else "reference")
    # order: target first, then reference; the measure descending in each
    key = {"g2": lambda r: r["g2"], "chi2": lambda r: r["chi2"],
           "log_ratio": lambda r: abs(r["log_ratio"]), "g2_docs": lambda r: r["g2_docs"]}[measure]
    seen_ref = False
    prev = None
    for r in recs:
        if r["direction"] == "reference" and not seen_ref:
            seen_ref = True
            prev = None
        elif r["direction"] == "target" and seen_ref:
            bad.append("%s: a target record after reference records" % r["term"])
        if prev is not None and key(r) > key(prev) * (1 + 1e-9) + 1e-12:
            bad.append("%s: ranks after %s but has the higher %s" % (r["term"], prev["term"], measure))
        prev = r
    if terms_file:
        corpus = {}
        for line in open(terms_file, encoding="utf-8"):
            if line.strip():
                t = json.loads(line)
                corpus[t["key"]] = t
        words = 0
        for r in recs:
            if r["n"] != 1:
                continue
            t = corpus.get(r["key"])
            if t is None:
                bad.append("%s: not among the corpus terms" % r["key"])
                continue
            words += 1
            if r["count_target"] + r["count_reference"] != t["count"]:
                bad.append("%s: count %d + %d != corpus count %d"
                           % (r["key"], r["count_target"], r["count_reference"], t["count"]))
            if r["docs_target"] + r["docs_reference"] != t["docs"]:
                bad.append("%s: docs %d + %d != corpus docs %d"
                           % (r["key"], r["docs_target"], r["docs_reference"], t["docs"]))
        if not words:
            bad.append("no word records to compare with the corpus terms")
    for line in bad[:50]:
        print("ref.py: " + line)
    if not recs:
        print("ref.py: no records")
        return 1
    print("ref.py: %d records, %s" % (len(recs), "%d differences" % len(bad) if bad else "all agree"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
