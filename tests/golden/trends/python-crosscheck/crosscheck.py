#!/usr/bin/env python3
"""Second computation of the `trends --summary` fields from the
per-period records, in plain Python (no scipy): least squares, the
slope's two-sided p-value by numerically integrating Student's t density
(Simpson's rule; independent of the incomplete beta function the C code
uses), Mann-Kendall with the ties correction, halves and change.

usage: crosscheck.py PERIODS.jsonl SUMMARY.jsonl   (prints "crosscheck: ok")
"""
import json
import math
import sys


def t_two_sided(t, df):
    # P(|T| >= |t|) = 1 - 2 * integral_0^|t| f(x) dx, f the t density
    t = abs(t)
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    f = lambda x: c * (1 + x * x / df) ** (-(df + 1) / 2)
    n = 20000
    h = t / n
    s = f(0) + f(t) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, n))
    return 1 - 2 * s * h / 3


def close(a, b, rel=1e-6, abs_=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))


def main():
    periods = [json.loads(l) for l in open(sys.argv[1])]
    summary = {r["term"]: r for r in (json.loads(l) for l in open(sys.argv[2]))}
    bad = 0
    for term, want in summary.items():
        rows = [r for r in periods if r["term"] == term]
        meas = [(i, r) for i, r in enumerate(rows) if r["tokens_in_period"] > 0]
        x = [float(i) for i, _ in meas]
        y = [r["count"] * 10000.0 / r["tokens_in_period"] for _, r in meas]
        n = len(x)
        mx, my = sum(x) / n, sum(y) / n
        sxx = sum((a - mx) ** 2 for a in x)
        b = sum((a - mx) * (v - my) for a, v in zip(x, y)) / sxx
        a0 = my - b * mx
        sse = sum((v - a0 - b * a) ** 2 for a, v in zip(x, y))
        p = t_two_sided(b / math.sqrt(sse / (n - 2) / sxx), n - 2)
        s = sum((y[j] > y[i]) - (y[j] < y[i]) for i in range(n) for j in range(i + 1, n))
        ties = sum(k * (k - 1) * (2 * k + 5) for k in (y.count(v) for v in set(y)))
        var = (n * (n - 1) * (2 * n + 5) - ties) / 18
        z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0.0
        mkp = math.erfc(abs(z) / math.sqrt(2))
        h = n // 2
        cf = sum(r["count"] for _, r in meas[:h]); tf = sum(r["tokens_in_period"] for _, r in meas[:h])
        cl = sum(r["count"] for _, r in meas[n - h:]); tl = sum(r["tokens_in_period"] for _, r in meas[n - h:])
        ratio = ((cl or 0.5) / tl) / ((cf or 0.5) / tf) if (cf or cl) else None
        change = b * (x[-1] - x[0]) / my
        got = {"slope": b, "slope_p": p, "mk_s": s, "mk_z": z, "mk_p": mkp,
               "first_half_per_10k": cf * 10000.0 / tf, "last_half_per_10k": cl * 10000.0 / tl,
               "half_ratio": ratio, "change": change, "periods": n,
               "count": sum(r["count"] for r in rows)}
        for k, v in got.items():
            if not close(v, want[k]):
                print(f"crosscheck: {term}: {k} is {want[k]}, second computation {v}")
                bad += 1
    if bad:
        sys.exit(1)
    print(f"crosscheck: ok ({len(summary)} terms)")


main()
