#!/bin/sh
# bench/ab.sh OLD NEW [ROUNDS]: two builds of stichwort compared on a noisy
# host.  OLD and NEW are build directories (each with stichwort and
# bench/frontend, e.g. from `git worktree add /tmp/old COMMIT` and
# `make -C /tmp/old build/stichwort build/bench/frontend`).  Every round
# runs, for OLD and then NEW: `keywords --threads 2` (wall),
# bench/frontend --no-offsets (CPU s), the pipeline on 1 and 2 threads
# (wall); then `cat CORPUS | wc -w`.  Prints each measure's median per
# build, the median over the rounds of NEW / OLD (paired: both ran within
# seconds of each other), and keywords over wc per build.  Default 9
# rounds.  Needs ../shared; prints figures and never fails.
OLD=${1:?usage: bench/ab.sh OLD_BUILD NEW_BUILD [ROUNDS]}
NEW=${2:?usage: bench/ab.sh OLD_BUILD NEW_BUILD [ROUNDS]}
ROUNDS=${3:-9}
SHARED=$(cd "$(dirname "$0")/../.." && pwd)/shared
CORPUS=$SHARED/corpora/bundestag-2022-2023.jsonl
OUT=$(mktemp)

if [ ! -f "$CORPUS" ]; then
	echo "ab: $CORPUS not found (../shared is absent); nothing to measure"
	exit 0
fi
# seconds of the median line of bench/frontend: CPU (field "cpu") or wall
fe_wall() { sed -n 's/.*median[^:]*: \([0-9.]*\) s.*/\1/p'; }
fe_cpu() { sed -n 's/.*median.*; cpu \([0-9.]*\) s.*/\1/p'; }

r=0
while [ "$r" -lt "$ROUNDS" ]; do
	r=$((r + 1))
	for b in "$OLD" "$NEW"; do
		t=$(/usr/bin/time -f %e "$b/stichwort" keywords --jsonl "$CORPUS" --threads 2 \
			--no-progress 2>&1 >/dev/null | tail -n 1)
		echo "$r $b kw2 $t" >>"$OUT"
		echo "$r $b fe $("$b/bench/frontend" --runs 1 --no-offsets --jsonl "$CORPUS" | fe_cpu)" >>"$OUT"
		echo "$r $b t1 $("$b/bench/frontend" --runs 1 --threads 1 --jsonl "$CORPUS" | fe_wall)" >>"$OUT"
		echo "$r $b t2 $("$b/bench/frontend" --runs 1 --threads 2 --jsonl "$CORPUS" | fe_wall)" >>"$OUT"
	done
	t=$(/usr/bin/time -f %e sh -c "cat '$CORPUS' | wc -w >/dev/null" 2>&1 | tail -n 1)
	echo "$r wc wc $t" >>"$OUT"
done
/usr/bin/python3 - "$OUT" "$OLD" "$NEW" <<'EOF'
import collections, statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
old, new = sys.argv[2], sys.argv[3]
v = collections.defaultdict(dict)  # (build, measure) -> round -> value
for r, b, m, x in rows:
    v[(b, m)][r] = float(x)
names = {"fe": "front end, CPU s (bench/frontend --no-offsets)",
         "t1": "pipeline --threads 1, wall s", "t2": "pipeline --threads 2, wall s",
         "kw2": "keywords --threads 2, wall s"}
print("%-48s %10s %10s %12s" % ("measure", "old median", "new median", "paired new/old"))
for m in ("fe", "t1", "t2", "kw2"):
    o, n = v[(old, m)], v[(new, m)]
    ratio = statistics.median(n[r] / o[r] for r in o)
    print("%-48s %10.3f %10.3f %12.3f" % (names[m], statistics.median(o.values()),
                                          statistics.median(n.values()), ratio))
wc = v[("wc", "wc")]
for label, b in (("old", old), ("new", new)):
    k = v[(b, "kw2")]
    print("keywords over wc, %s: median %.2fx (wc median %.3f s)" %
          (label, statistics.median(k[r] / wc[r] for r in k), statistics.median(wc.values())))
EOF
rm -f "$OUT"
