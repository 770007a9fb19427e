#!/usr/bin/env python3
"""Prototype of per-document keyword scores for the topic-recovery benchmark
(../shared/bench/quality/topic_recovery.py), from stichwort's own counts.

Data (made by `prep`, see main): per-document candidates with counts from
`stichwort keywords --per doc --top 0` (words and phrases, the same
candidates as the C code), document lengths and document frequencies from
`stichwort terms --by doc --top 0`, phrase document frequencies from
`stichwort phrases --top 0`, and optionally a general-German reference list
(`stichwort terms BUNDESTAG --top 0 --format tsv`).

Usage: topic_proto.py DATADIR prep STICHWORT   (runs stichwort, fills DATADIR)
       topic_proto.py DATADIR METHOD [key=value ...] [--json FILE]
       topic_proto.py DATADIR grid < SPECS     (one "METHOD key=value ..." a line)
The evaluation is the benchmark's (same gold, same Snowball stems, same
stopword list); `--json FILE` writes {"per_doc": ...} for the benchmark itself
(topic_recovery.py json:FILE).

Methods: tfidf, bm25, g2 (doc against the rest of the corpus, full 2x2 G2,
direction "more in the doc"), g2lr (G2 * log ratio), refg2 (doc against the
Bundestag reference list), combo (g2 + w * refg2).  Parameters (0/absent = off):
  sub=1        tfidf: 1 + ln tf           ia=A, ta=T  tfidf: tf^T * idf^A
  k1, b        bm25                       minlr=L     g2: log ratio >= L
  comp=1       tf with the compounds a word heads (terms --with-compounds)
  parts=W      tf + W * occurrences as any compound part (head or modifier)
  headonly=1   parts: heads only          rw=R        * (reference idf)^R
  pb=B         position: * (1 + B / (1 + first sentence)^pexp)  (pmode=1);
               pmode=2: relative first position; pmode=3: YAKE's 1/ln ln(3+s)^B
  phrases=0    words only                 pw=P        phrase weight
  phs=1        a phrase scores the sum of its words (2 mean, 3 max,
               4 geometric mean * n^plen, 5 sum * (count / max word tf)^pe)
  nounph=1     phrases must end in a NOUN/PROPN (tagger); 2: in a capitalised word
  maxn=N       phrases of at most N words  phmin=M     phrases seen M times in the doc
  dedup=D      leave out a candidate sharing words with one kept above: 1 all
               its words seen, 2 any word (keys split at hyphens), 3/4 the
               same on Snowball stems, 5 any word (a hyphenated key one word)
The C method `salience` is: tfidf pb=3 dedup=5 parts=1 ia=0.5 phs=1 nounph=2.
"""
import json, math, os, re, subprocess, sys
from collections import defaultdict

import Stemmer

# ../shared beside the project (tools/ is one level below the project root)
SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "shared"))
CORPUS = os.path.join(SHARED, "corpora/wahlprogramme-btw21-sections")
WORK = os.environ.get("PEERS_WORK", "/tmp/stichwort-peers")
st = Stemmer.Stemmer("german")
stop = set()
if os.path.exists(os.path.join(WORK, "stopwords_de.txt")):
    stop = {w.strip().lower() for w in open(os.path.join(WORK, "stopwords_de.txt"), encoding="utf-8") if w.strip()}
GENERIC = {"einleitung", "präambel", "kapitel", "teil", "unser", "unsere", "für", "wir", "neue", "neuen"}


def words(s):
    return re.findall(r"[^\W\d_]+", s.lower())


def gold():
    g = {}
    for line in open(os.path.join(CORPUS, "metadata.jsonl"), encoding="utf-8"):
        m = json.loads(line)
        ws = [w for w in words(m.get("title") or "") if len(w) >= 4 and w not in stop and w not in GENERIC]
        stems = {st.stemWord(w) for w in ws}
        if stems:
            g[m["id"]] = stems
    return g


def evaluate(pred, g):
    hit = hitc = 0
    rec = 0.0
    for d, gs in g.items():
        ps = {st.stemWord(w) for t in pred.get(d, [])[:10] for w in words(t)}
        inter = gs & ps
        hit += bool(inter)
        hitc += bool(inter) or any(len(x) >= 5 and any(x in p for p in ps) for x in gs)
        rec += len(inter) / len(gs)
    n = len(g)
    return hit / n, hitc / n, rec / n


class Data:
    def __init__(self, dd):
        self.cand = defaultdict(list)  # doc -> [(key, term, count, n)]
        for line in open(os.path.join(dd, "kw-all.jsonl"), encoding="utf-8"):
            r = json.loads(line)
            self.cand[r["doc"]].append((r["key"], r["term"], r["count"], r["n"]))
        self.df = defaultdict(int)      # key -> documents
        self.cf = defaultdict(int)      # key -> corpus count
        self.dlen = {}                  # doc -> counted tokens
        self.head = {}                  # doc -> {key: count with compounds}
        for line in open(os.path.join(dd, "terms.jsonl"), encoding="utf-8"):
            r = json.loads(line)
            self.df[r["key"]] += 1
            self.cf[r["key"]] += r["count"]
            if r["doc"] not in self.dlen and r["per_10k"] > 0:
                self.dlen[r["doc"]] = round(r["count"] * 10000 / r["per_10k"])
        for line in open(os.path.join(dd, "phrases.jsonl"), encoding="utf-8"):
            r = json.loads(line)
            self.df[r["key"]] = r["docs"]
            self.cf[r["key"]] = r["count"]
        self.comp = defaultdict(dict)  # doc -> key -> count incl. compounds it heads
        self.ccf = defaultdict(int)
        self.cdf = defaultdict(int)
        p = os.path.join(dd, "terms-comp.jsonl")
        if os.path.exists(p):
            for line in open(p, encoding="utf-8"):
                r = json.loads(line)
                self.comp[r["doc"]][r["key"]] = r["count"]
                self.ccf[r["key"]] += r["count"]
                self.cdf[r["key"]] += 1
        self.pos = defaultdict(dict)   # doc -> key -> (first content index, first sentence, pos)
        self.parts = {}                # key -> [part keys]
        self.seq = defaultdict(list)   # doc -> [(key part, content index, sentence)]
        self.nsent = defaultdict(int)
        self.kpos = {}                 # key (last part) -> POS -> tokens
        self.headc = defaultdict(dict)  # doc -> part key -> occurrences as the head
        self.partc = defaultdict(dict)  # doc -> part key -> occurrences as a compound part
        self.ncont = defaultdict(int)
        p = os.path.join(dd, "tokens.jsonl")
        if os.path.exists(p):
            for line in open(p, encoding="utf-8"):
                r = json.loads(line)
                doc = r["doc"]
                self.nsent[doc] = r["sentence"] + 1
                if r["type"] != "word":
                    continue
                k = r["key"]
                ci = self.ncont[doc]
                for kp in k.split("-"):
                    if kp:
                        self.seq[doc].append((kp, ci, r["sentence"]))
                if r["stop"]:
                    continue
                self.ncont[doc] += 1
                kp = k.split("-")[-1]
                self.kpos.setdefault(kp, defaultdict(int))[r["pos"]] += 1
                if k not in self.pos[doc]:
                    self.pos[doc][k] = (ci, r["sentence"], r["pos"])
                if r["parts"]:
                    ps = [x.lower().replace("ß", "ss") for x in r["parts"].split("+")]
                    self.parts[k] = ps
                    for j, x in enumerate(ps):
                        self.partc[doc][x] = self.partc[doc].get(x, 0) + 1
                        if j == len(ps) - 1:
                            self.headc[doc][x] = self.headc[doc].get(x, 0) + 1
        self.kpos = {k: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, v in self.kpos.items()}
        self.N = len(self.dlen)
        self.total = sum(self.dlen.values())
        self.ref = {}
        self.refdf = {}
        self.refN = 16541
        self.reftotal = 0
        p = os.path.join(dd, "ref.tsv")
        if os.path.exists(p):
            for line in open(p, encoding="utf-8"):
                f = line.rstrip("\n").split("\t")
                if f[0] == "term" or len(f) < 4:
                    continue
                self.ref[f[1]] = int(f[2])
                self.refdf[f[1]] = int(f[4])
                if float(f[3]) > 0 and not self.reftotal:
                    self.reftotal = round(int(f[2]) * 10000 / float(f[3]))


def xlogx(v):
    return v * math.log(v) if v > 0 else 0.0


def g2(a, b, c, d):
    """Full 2x2 G2 (sw_keyness_g2): a, b term counts; c, d totals."""
    n = c + d
    if c <= 0 or d <= 0 or a + b <= 0 or a + b >= n:
        return 0.0
    cells = [(a, c * (a + b) / n), (b, d * (a + b) / n),
             (c - a, c * (n - a - b) / n), (d - b, d * (n - a - b) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def log_ratio(a, b, c, d):
    a = a or 0.5
    b = b or 0.5
    return math.log2((a / c) / (b / d))


def first_of(D, doc, key, n):
    """(content index, sentence) of the first occurrence of a candidate."""
    if n == 1:
        r = D.pos[doc].get(key)
        return (r[0], r[1]) if r else (0, 0)
    ws = key.replace("-", " ").split(" ")
    seq = D.seq[doc]
    for i in range(len(seq) - len(ws) + 1):
        if seq[i][0] == ws[0] and all(seq[i + j][0] == ws[j] for j in range(1, len(ws))):
            return (seq[i][1], seq[i][2])
    return (0, 0)


def position_weight(D, doc, key, n, p):
    pb = p.get("pb", 0)
    if not pb:
        return 1.0
    ci, sent = first_of(D, doc, key, n)
    mode = p.get("pmode", 1)
    if mode == 1:   # by sentence
        return 1 + pb / (1 + sent) ** p.get("pexp", 1)
    if mode == 2:   # by relative position of the first occurrence
        return 1 + pb * (1 - ci / max(1, D.ncont[doc]))
    if mode == 3:   # YAKE's ln ln (3 + sentence), inverted
        return 1 / math.log(math.log(3 + sent)) ** pb
    return 1.0


def score_doc(D, doc, method, p):
    L = D.dlen.get(doc, 1)
    N = D.N
    avg = D.total / N
    out = []
    for key, term, tf, n in D.cand[doc]:
        df = D.df.get(key, 1)
        cf = D.cf.get(key, tf)
        if n > 1 and p.get("phrases", 1) == 0:
            continue
        if n > 1 and p.get("nounph", 0) == 2:
            lastw = term.replace("-", " ").split(" ")[-1]
            if not lastw[:1].isupper():
                continue
        elif n > 1 and p.get("nounph", 0):
            last = key.replace("-", " ").split(" ")[-1]
            if D.kpos.get(last) not in ("NOUN", "PROPN", "X"):
                continue
        if n > p.get("maxn", 99):
            continue
        if n > 1 and tf < p.get("phmin", 1):
            continue
        if n == 1 and p.get("noverb", 0) and D.kpos.get(key.split("-")[-1]) == "VERB":
            if p["noverb"] == 1:
                continue
            pass
        if n == 1 and p.get("comp", 0):
            tfc = D.comp[doc].get(key, tf)
            cfc = D.ccf.get(key, cf)
        else:
            tfc, cfc = tf, cf
        if n == 1 and p.get("parts", 0):
            tfc = tf + p["parts"] * (D.headc if p.get("headonly", 0) else D.partc)[doc].get(key, 0)
        if method == "tfidf":
            t = tfc if p.get("comp", 0) or p.get("parts", 0) else tf
            t = 1 + math.log(t) if p.get("sub", 0) else t
            if p.get("comp", 0) == 2 and n == 1:
                df = D.cdf.get(key, df)
            idf = math.log((1 + N) / (1 + df)) + p.get("idfadd", 1)
            s = (t ** p.get("ta", 1)) * idf ** p.get("ia", 1)
        elif method == "bm25":
            k1, b = p.get("k1", 1.2), p.get("b", 0.75)
            idf = math.log(1 + (N - df + 0.5) / (df + 0.5))
            s = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * L / avg))
        elif method in ("g2", "g2lr"):
            a, b = tfc, cfc - tfc
            c, d = L, D.total - L
            if a / c <= b / d:
                continue
            s = g2(a, b, c, d)
            lr = log_ratio(a, b, c, d)
            if lr < p.get("minlr", 0):
                continue
            if method == "g2lr":
                s = s * lr ** p.get("lrpow", 1)
        elif method == "refg2":
            # against the general reference: doc vs Bundestag
            a = tf
            b = D.ref.get(key, 0)
            s = g2(a, b, L, D.reftotal) if a / L > b / D.reftotal else 0
        elif method == "combo":
            # G2 vs the rest of the corpus, plus G2 vs the reference, weighted
            a, b = tfc, cfc - tfc
            c, d = L, D.total - L
            s1 = g2(a, b, c, d) if a / c > b / d else 0
            rb = D.ref.get(key, 0)
            s2 = g2(tf, rb, L, D.reftotal) if n == 1 and tf / L > rb / D.reftotal else 0
            s = s1 + p.get("w", 0.5) * s2
        else:
            raise SystemExit("unknown method " + method)
        if n > 1:
            s *= p.get("pw", 1.0)
        if tf < p.get("mintf", 1):
            continue
        s *= position_weight(D, doc, key, n, p)
        rw = p.get("rw", 0)
        if rw:
            if n == 1:
                rdf = D.refdf.get(key, 0)
            else:  # a phrase: its rarest word
                rdf = min(D.refdf.get(w, 0) for w in key.replace("-", " ").split(" "))
            s *= (math.log((1 + D.refN) / (1 + rdf)) + 1) ** rw
        out.append((s, key, term, n, tf))
    phs = p.get("phs", 0)
    if phs:
        wsc = {r[1]: r[0] for r in out if r[3] == 1}
        wtf = {r[1]: r[4] for r in out if r[3] == 1}
        new = []
        for r in out:
            if r[3] == 1:
                new.append(r)
                continue
            ws = [wsc[w] for w in r[1].replace("-", " ").split(" ") if w in wsc]
            if not ws:
                continue
            if phs == 1:
                v = sum(ws)
            elif phs == 5:  # the sum, times the phrase's share of its most frequent word
                mt = max(wtf[w] for w in r[1].replace("-", " ").split(" ") if w in wtf)
                v = sum(ws) * min(1.0, r[4] / mt) ** p.get("pe", 1)
            elif phs == 2:
                v = sum(ws) / len(ws)
            elif phs == 3:
                v = max(ws)
            else:  # geometric mean * len ** x
                v = math.exp(sum(math.log(max(w, 1e-9)) for w in ws) / len(ws)) * len(ws) ** p.get("plen", 0.5)
            new.append((v * p.get("pw", 1.0) * position_weight(D, doc, r[1], r[3], p) / position_weight(D, doc, r[1], r[3], p), r[1], r[2], r[3], r[4]))
        out = new
    out.sort(key=lambda r: (-r[0], r[1]))
    return out


def dedup(ranked, p, top=10):
    """Redundancy: skip a candidate whose words are all in the keys kept
    (a phrase made of kept words, a word inside a kept phrase)."""
    mode = p.get("dedup", 0)
    if not mode:
        return ranked[:top]
    kept, seen = [], set()
    for r in ranked:
        ws = set(r[1].replace("-", " ").split(" "))
        if mode == 5:  # words as keys, a hyphenated word one key
            ws = set(r[1].split(" "))
        if mode in (3, 4):
            ws = {st.stemWord(w) for w in ws}
        if mode in (1, 3) and ws <= seen:
            continue
        if mode in (2, 4, 5) and ws & seen:
            continue
        kept.append(r)
        seen |= ws
        if len(kept) == top:
            break
    return kept


def run(D, method, p):
    pred = {}
    for doc in D.cand:
        pred[doc] = [r[2] for r in dedup(score_doc(D, doc, method, p), p)]
    return pred


def parse_params(args):
    p = {}
    for a in args:
        k, v = a.split("=")
        p[k] = float(v)
    return p


def prep(dd, binary):
    """The counts the prototype reads, made by stichwort itself."""
    os.makedirs(dd, exist_ok=True)
    ref = os.path.join(SHARED, "corpora/bundestag-2022-2023.jsonl")
    runs = {
        "kw-all.jsonl": ["keywords", CORPUS, "--per", "doc", "--top", "0", "--method", "tfidf"],
        "terms.jsonl": ["terms", CORPUS, "--by", "doc", "--top", "0"],
        "terms-comp.jsonl": ["terms", CORPUS, "--by", "doc", "--top", "0", "--with-compounds"],
        "phrases.jsonl": ["phrases", CORPUS, "--top", "0"],
        "tokens.jsonl": ["tokens", CORPUS, "--no-punct"],
        "ref.tsv": ["terms", "--jsonl", ref, "--top", "0", "--format", "tsv"],
    }
    for name, args in runs.items():
        fmt = [] if "--format" in args else ["--format", "jsonl"]
        with open(os.path.join(dd, name), "wb") as f:
            subprocess.run([binary] + args + fmt + ["-q"], stdout=f, check=True)


def main():
    dd, method = sys.argv[1], sys.argv[2]
    if method == "prep":
        prep(dd, sys.argv[3])
        return
    if method == "grid":  # one "METHOD key=value ..." per line on stdin
        D = Data(dd)
        g = gold()
        for line in sys.stdin:
            f = line.split()
            if not f or f[0].startswith("#"):
                continue
            h, hc, r = evaluate(run(D, f[0], parse_params(f[1:])), g)
            print(f"{hc:.3f} {h:.3f} {r:.3f}  {line.strip()}", flush=True)
        return
    args = sys.argv[3:]
    jout = None
    if "--json" in args:
        i = args.index("--json")
        jout = args[i + 1]
        args = args[:i] + args[i + 2:]
    D = Data(dd)
    g = gold()
    p = parse_params(args)
    pred = run(D, method, p)
    if jout:
        json.dump({"per_doc": pred}, open(jout, "w", encoding="utf-8"), ensure_ascii=False)
    h, hc, r = evaluate(pred, g)
    print(f"{method} {' '.join(args)}: hit@10 {h:.3f} strict, {hc:.3f} compound-aware, gold recall {r:.3f}")


if __name__ == "__main__":
    main()
