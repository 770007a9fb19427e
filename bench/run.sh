#!/bin/sh
# make bench: the front-end benchmark and the stemming gold standards,
# beside the peers measured in the same run.  Prints figures; never fails.
#
# Needs ../shared (corpora, gold standards, peers); skips with a message
# without it.  Peers need ../shared/bench/peers/setup.sh to have run
# (as root: apt packages and npm modules into $PEERS_WORK).
#
# Environment: RUNS (default 5) runs per measurement, median reported;
# PEERS (default "unix_wc py_stem_only") peers to run; set PEERS= to skip.
BUILD=${1:-build}
RUNS=${RUNS:-5}
PEERS=${PEERS-"unix_wc py_stem_only"}
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
