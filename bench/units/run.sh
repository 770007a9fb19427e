#!/bin/sh
# bench/units/run.sh BIN [OLD]: many units (issue 23), the figures of
# bench/README.md "Many units": `terms --by group` on 10,000 and 100,000
# one-document groups against `--by doc`, `--by title` on the Bundestag
# corpus, and `report` on the first N speeches each in a group of its own
# (N = 1,000, 4,000, 16,000).  Each run under /usr/bin/time -f '%e %M'
# (wall seconds, peak RSS KB), R rounds (default 3; the medians are
# printed); OLD, when given, runs before BIN in every round.  A run longer
# than T seconds (default 300) is stopped and shown as "> T".  Prints
# figures; never fails.
BIN=${1:?usage: bench/units/run.sh BIN [OLD]}
OLD=$2
R=${R:-3}
T=${T:-300}
SHARED=$(cd "$(dirname "$0")/../../.." && pwd)/shared
BT=$SHARED/corpora/bundestag-2022-2023.jsonl
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# gN.jsonl: one document per group, eight of 15 nouns and "Die wortN und."
python3 - "$W" <<'PY'
import sys
w = ["Verwaltung", "Digitalisierung", "Cloud", "Netz", "Schule", "Daten", "Bund",
     "Land", "Kommune", "Plattform", "Sicherheit", "Dienst", "Antrag", "Gesetz", "Markt"]
for n, name in ((10000, "g10k"), (100000, "g100k")):
    with open("%s/%s.jsonl" % (sys.argv[1], name), "w") as f:
        for i in range(n):
            t = " ".join(w[(i * 7 + k * 3) % 15] for k in range(8))
            f.write('{"id":"d%d","group":"g%d","text":"%s. Die wort%d und."}\n' % (i, i, t, i))
PY
if [ -f "$BT" ]; then
	python3 - "$BT" "$W" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for n in (1000, 4000, 16000):
    with open("%s/s%d.jsonl" % (sys.argv[2], n), "w", encoding="utf-8") as f:
        for i, l in enumerate(lines[:n]):
            d = json.loads(l)
            d["group"] = "g%05d" % i
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
else
	echo "units bench: $BT not found; the Bundestag rows are left out"
fi

# one LABEL BIN ARGS...: "LABEL wall rss" into $W/raw
one() {
	label=$1
	shift
	rm -rf "$W/out"
	/usr/bin/time -o "$W/t" -f '%e %M' timeout "$T" "$@" > /dev/null 2>&1
	if [ $? = 124 ]; then echo "$label >$T -" >> "$W/raw"; else echo "$label $(tail -n 1 "$W/t")" >> "$W/raw"; fi
}
both() {
	label=$1
	shift
	[ -n "$OLD" ] && one "old $label" "$OLD" "$@"
	one "new $label" "$BIN" "$@"
}
: > "$W/raw"
r=0
while [ $r -lt "$R" ]; do
	both "terms-g10k-group" terms --jsonl "$W/g10k.jsonl" --by group -q
	both "terms-g100k-group" terms --jsonl "$W/g100k.jsonl" --by group -q
	both "terms-g100k-doc" terms --jsonl "$W/g100k.jsonl" --by doc -q
	if [ -f "$BT" ]; then
		both "terms-bt-title" terms --jsonl "$BT" --by title -q
		both "terms-bt-doc" terms --jsonl "$BT" --by doc -q
		for n in 1000 4000 16000; do
			both "report-$n-groups" report --jsonl "$W/s$n.jsonl" -o "$W/out" -q
		done
	fi
	r=$((r + 1))
done
echo "medians of $R: wall s, peak RSS MB"
awk '{ k = $1 " " $2; w[k] = w[k] " " $3; m[k] = m[k] " " $4 }
END { for (k in w) print k, w[k], "|", m[k] }' "$W/raw" | sort | while read -r who what rest; do
	walls=$(printf '%s\n' "$rest" | sed 's/|.*//')
	rss=$(printf '%s\n' "$rest" | sed 's/.*|//')
	mw=$(printf '%s\n' $walls | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	mr=$(printf '%s\n' $rss | sort -n | awk '{ a[NR] = $1 } END { if (a[int((NR + 1) / 2)] == "-") print "-"; else printf "%.0f", a[int((NR + 1) / 2)] / 1024 }')
	printf '%-4s %-20s %8s s %6s MB\n' "$who" "$what" "$mw" "$mr"
done
