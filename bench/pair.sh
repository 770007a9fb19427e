#!/bin/sh
# bench/pair.sh OLD NEW ROUNDS ARGS...: two builds of one program (say
# BUILD/stichwort or BUILD/bench/frontend of two commits) run alternately
# with the same ARGS, the order swapped every round; the word CORPUS in
# ARGS stands for the Bundestag corpus.  Prints the median CPU seconds
# (user + system, /usr/bin/time) of each and the median, lowest and
# highest of the rounds' NEW / OLD ratios.  Needs ../shared; prints
# figures and never fails.
OLD=${1:?usage: bench/pair.sh OLD NEW ROUNDS ARGS...}
NEW=${2:?usage: bench/pair.sh OLD NEW ROUNDS ARGS...}
ROUNDS=${3:?usage: bench/pair.sh OLD NEW ROUNDS ARGS...}
shift 3
CORPUS=$(cd "$(dirname "$0")/../.." && pwd)/shared/corpora/bundestag-2022-2023.jsonl
if [ ! -f "$CORPUS" ]; then
	echo "pair: $CORPUS not found (../shared is absent); nothing to measure"
	exit 0
fi
args=""
for a in "$@"; do
	[ "$a" = CORPUS ] && a=$CORPUS
	args="$args $a"
done
OUT=$(mktemp)
T=$(mktemp)
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	r=$((r + 1))
	if [ $((r % 2)) = 0 ]; then set -- old "$OLD" new "$NEW"; else set -- new "$NEW" old "$OLD"; fi
	while [ $# -gt 0 ]; do
		# shellcheck disable=SC2086
		/usr/bin/time -o "$T" -f "%U %S" "$2" $args > /dev/null 2>&1
		echo "$r $1 $(tail -n 1 "$T")" >> "$OUT"
		shift 2
	done
done
# per round: old, new, new / old; medians and the ratios' range by sort
awk '{ c[$1, $2] = $3 + $4; n = $1 > n ? $1 : n }
END { for (r = 1; r <= n; r++) printf "%.3f %.3f %.4f\n", c[r, "old"], c[r, "new"], c[r, "new"] / c[r, "old"] }' \
	"$OUT" > "$T"
med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
lo=$(cut -d' ' -f3 "$T" | sort -n | head -n 1)
hi=$(cut -d' ' -f3 "$T" | sort -n | tail -n 1)
echo "old median $(cut -d' ' -f1 "$T" | med) s, new median $(cut -d' ' -f2 "$T" | med) s;" \
	"new/old paired: median $(cut -d' ' -f3 "$T" | med), from $lo to $hi ($ROUNDS rounds)"
rm -f "$OUT" "$T"
