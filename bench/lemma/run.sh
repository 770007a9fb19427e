#!/bin/sh
# bench/lemma/run.sh OLD NEW [CORPUS]: `terms` of two builds (OLD: before
# the lemmas, NEW: with them) on 1 and 2 threads, NEW also with --key stem,
# and `cat CORPUS | wc -w` as the floor, run alternately in R rounds (the
# order reversed every other round so that load from other processes hits
# all alike).  Each run under /usr/bin/time -f '%e %U %S %M': wall, CPU
# (user + system) and peak RSS.  Prints per measure the medians, then the
# ratios new/old (of the medians, and the median of the rounds' paired
# ratios) and new/wc.  Prints figures; never fails.
#
#   OLD, NEW  the two stichwort binaries (copy them out of build/ first if
#             others may rebuild while this runs)
#   CORPUS    default ../shared/corpora/bundestag-2022-2023.jsonl
#   R         rounds (default 7)
#   KEEP      1: keep the raw figures (printed at the end: their file)
OLD=${1:?usage: bench/lemma/run.sh OLD NEW [CORPUS]}
NEW=${2:?usage: bench/lemma/run.sh OLD NEW [CORPUS]}
CORPUS=${3:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpora/bundestag-2022-2023.jsonl}
R=${R:-7}
if [ ! -f "$CORPUS" ]; then
	echo "lemma bench: $CORPUS not found; nothing to measure"
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo "lemma bench: /usr/bin/time not installed (Debian package time); nothing measured"
	exit 0
fi
RAW=$(mktemp)
T=$(mktemp)
ERR=$(mktemp)

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uname -sr)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $CORPUS, $(wc -c < "$CORPUS") bytes, $(wc -l < "$CORPUS") lines; $R rounds"
echo "terms: BIN terms --jsonl CORPUS --top 50 --format jsonl --no-progress -q --threads T > /dev/null"

# one LABEL COMMAND...: one run; "round label wall user sys maxrss_kb" to $RAW
one() {
	label=$1
	shift
	/usr/bin/time -o "$T" -f '%e %U %S %M' "$@" > /dev/null 2> "$ERR"
	rc=$?
	if [ "$rc" != 0 ]; then
		echo "lemma bench: $label failed (exit $rc): $(head -c 300 "$ERR")" >&2
		return
	fi
	echo "$r $label $(tail -n 1 "$T")" >> "$RAW"
}
# terms LABEL BIN THREADS [EXTRA]: EXTRA ("--key stem") split into words
terms() {
	# shellcheck disable=SC2086
	one "$1" "$2" terms --jsonl "$CORPUS" --top 50 --format jsonl --no-progress -q --threads "$3" $4
}
wcw() {
	# shellcheck disable=SC2016
	one wc sh -c 'cat "$1" | wc -w' sh "$CORPUS"
}
all() {
	terms old-t1 "$OLD" 1
	terms new-t1 "$NEW" 1
	terms new-stem-t1 "$NEW" 1 "--key stem"
	terms old-t2 "$OLD" 2
	terms new-t2 "$NEW" 2
	terms new-stem-t2 "$NEW" 2 "--key stem"
	wcw
}
all_reversed() {
	wcw
	terms new-stem-t2 "$NEW" 2 "--key stem"
	terms new-t2 "$NEW" 2
	terms old-t2 "$OLD" 2
	terms new-stem-t1 "$NEW" 1 "--key stem"
	terms new-t1 "$NEW" 1
	terms old-t1 "$OLD" 1
}

# a warm-up run of each (page cache, lazily loaded data), not counted
r=0
all
: > "$RAW"
r=1
while [ "$r" -le "$R" ]; do
	if [ $((r % 2)) = 1 ]; then all; else all_reversed; fi
	r=$((r + 1))
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

awk '
function med(a, n,   i, j, t, b) {
	for (i = 1; i <= n; i++) b[i] = a[i]
	for (i = 2; i <= n; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
	return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
}
{
	k = $2; n[k]++
	W[k, n[k]] = $3; C[k, n[k]] = $4 + $5; M[k, n[k]] = $6
	w[$1, k] = $3; c[$1, k] = $4 + $5; if ($1 > rounds) rounds = $1
}
function col(arr, k,   i, a) { for (i = 1; i <= n[k]; i++) a[i] = arr[k, i]; return med(a, n[k]) }
# paired: median over the rounds of X[round, a] / X[round, b]
function paired(arr, a, b,   i, m, v) {
	m = 0
	for (i = 1; i <= rounds; i++) if ((i, a) in arr && (i, b) in arr && arr[i, b] > 0) v[++m] = arr[i, a] / arr[i, b]
	return m ? med(v, m) : -1
}
END {
	split("old-t1 new-t1 new-stem-t1 old-t2 new-t2 new-stem-t2 wc", L, " ")
	printf "%-12s %8s %8s %8s  %s\n", "measure", "wall s", "cpu s", "RSS MB", "(medians)"
	for (i = 1; i <= 7; i++) {
		k = L[i]; if (!n[k]) continue
		mw[k] = col(W, k); mc[k] = col(C, k); mm[k] = col(M, k)
		printf "%-12s %8.2f %8.2f %8.1f  (%d runs)\n", k, mw[k], mc[k], mm[k] / 1024, n[k]
	}
	print "ratios (of the medians; in brackets the median of the paired per-round ratios):"
	split("1 2", TT, " ")
	for (j = 1; j <= 2; j++) {
		t = TT[j]; o = "old-t" t; nw = "new-t" t; s = "new-stem-t" t
		if (n[o] && n[nw])
			printf "  threads %s  new/old      wall %.2fx (%.2fx)  cpu %.2fx (%.2fx)  RSS %+.1f MB\n", t,
				mw[nw] / mw[o], paired(w, nw, o), mc[nw] / mc[o], paired(c, nw, o), (mm[nw] - mm[o]) / 1024
		if (n[o] && n[s])
			printf "  threads %s  stem/old     wall %.2fx (%.2fx)  cpu %.2fx (%.2fx)  RSS %+.1f MB\n", t,
				mw[s] / mw[o], paired(w, s, o), mc[s] / mc[o], paired(c, s, o), (mm[s] - mm[o]) / 1024
		if (n["wc"] && mw["wc"] > 0) {
			if (n[nw]) printf "  threads %s  new/wc       wall %.2fx (%.2fx)\n", t, mw[nw] / mw["wc"], paired(w, nw, "wc")
			if (n[o]) printf "  threads %s  old/wc       wall %.2fx (%.2fx)\n", t, mw[o] / mw["wc"], paired(w, o, "wc")
			if (n[s]) printf "  threads %s  stem/wc      wall %.2fx (%.2fx)\n", t, mw[s] / mw["wc"], paired(w, s, "wc")
		}
	}
}' "$RAW"
if [ "${KEEP:-0}" = 1 ]; then
	echo "raw figures (round label wall user sys maxrss_kb): $RAW"
else
	rm -f "$RAW"
fi
rm -f "$T" "$ERR"
exit 0
