#!/bin/sh
# make bench: the front-end benchmark and the stemming gold standards,
# beside the peers measured in the same run.  Prints figures; never fails.
#
# Needs ../shared (corpora, gold standards, peers); skips with a message
# without it.  Peers need ../shared/bench/peers/setup.sh to have run
# (as root: apt packages and npm modules into $PEERS_WORK).
#
# Environment: RUNS (default 5) runs per measurement, median reported;
# PEERS (default "unix_wc py_stem_only py_sklearn py_gensim_phrases") peers
# to run; set PEERS= to skip them.
BUILD=${1:-build}
RUNS=${RUNS:-5}
PEERS=${PEERS-"unix_wc py_stem_only py_sklearn py_gensim_phrases"}
SHARED=$(cd "$(dirname "$0")/../.." && pwd)/shared
CORPUS=$SHARED/corpora/bundestag-2022-2023.jsonl
OUT=$BUILD/bench-out
mkdir -p "$OUT"

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -srm)"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'

if [ ! -f "$CORPUS" ]; then
	echo "bench: $CORPUS not found (../shared is absent); nothing to measure"
	exit 0
fi

echo "== front end (read, normalize, tokenize, fold, stem, intern; no output; 1 thread)"
for st in snowball cistem; do
	"$BUILD/bench/frontend" --runs "$RUNS" --stemmer "$st" --jsonl "$CORPUS" | tail -n 1
done

echo "== stichwort commands on the same corpus (wall s, peak RSS MB; median of $RUNS)"
measure() { # label command...
	label=$1; shift
	: > "$OUT/times.$$"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		/usr/bin/time -f '%e %M' -o "$OUT/time.$$" "$@" > /dev/null 2>&1
		cat "$OUT/time.$$" >> "$OUT/times.$$"
		i=$((i + 1))
	done
	sort -n "$OUT/times.$$" | awk -v l="$label" -v b="$(stat -c %s "$CORPUS")" \
		'{ t[NR] = $1; m[NR] = $2 } END { k = int((NR + 1) / 2); printf "%-28s %7.2f s  %7.1f MB/s  %6.0f MB\n", l, t[k], b / 1e6 / t[k], m[k] / 1024 }'
	rm -f "$OUT/times.$$" "$OUT/time.$$"
}
if [ -x /usr/bin/time ]; then
	for c in terms phrases keywords; do
		if "$BUILD/stichwort" "$c" --help > /dev/null 2>&1; then
			measure "stichwort $c" "$BUILD/stichwort" "$c" --jsonl "$CORPUS" --format jsonl
		fi
	done
	if "$BUILD/stichwort" keywords --help > /dev/null 2>&1; then
		measure "stichwort keywords --per doc" "$BUILD/stichwort" keywords --per doc --jsonl "$CORPUS" --format jsonl
	fi
else
	echo "/usr/bin/time not installed (Debian package time); skipped"
fi

if [ -n "$PEERS" ]; then
	echo "== peers on the same corpus (../shared/bench/peers/run_bench.sh: $PEERS)"
	if [ -d "${PEERS_WORK:-/tmp/stichwort-peers}/js" ]; then
		rm -f "$OUT/summary.tsv"
		# shellcheck disable=SC2086
		bash "$SHARED/bench/peers/run_bench.sh" "$CORPUS" "$OUT" $PEERS >/dev/null 2>&1
		printf 'peer\tbytes\twall_s\tMB/s\tmaxrss_MB\trc\n'
		cat "$OUT/summary.tsv" 2>/dev/null
		if [ -f "$OUT/py_stem_only.json" ]; then
			echo "-- py_stem_only detail (tokens/s per stemmer, no cache):"
			/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d, indent=1)[:1500])' "$OUT/py_stem_only.json" 2>/dev/null
		fi
	else
		echo "peers not set up: run 'sh ../shared/bench/peers/setup.sh' as root first"
	fi
fi

echo "== stemmers on the CISTEM gold standards (pairwise P/R/F)"
SW_SRCDIR=$(pwd) "$BUILD/tests/test_stem_gold" 2>&1 | grep 'stem-gold:' || echo "gold standards not found"
exit 0
