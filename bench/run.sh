#!/bin/sh
# make bench: front end, commands at 1 and 2 threads, scaling with corpus
# size, the peers on the same corpus in the same run, and the stemming
# gold standards.  Prints figures; never fails.
#
# Needs ../shared (corpora, gold standards, peers); skips with a message
# without it.  Peers need ../shared/bench/peers/setup.sh to have run
# (as root: apt packages and npm modules into $PEERS_WORK).
#
# Environment:
#   RUNS    runs per measurement, median reported (default 5); the runs of
#           --threads 1 and 2 are interleaved so that load from other
#           processes hits both alike
#   PEERS   peers to run (default "unix_wc py_sklearn py_sklearn_pystemmer
#           py_gensim_phrases r_tm"); PEERS= skips them
#   SCALE   1 (default) measures 0.1x, 1x and 10x the corpus (the 10x file,
#           about 0.65 GB, is generated in $BUILD/bench-out and not kept
#           unless KEEP=1); SCALE=0 skips it
#   THREADS thread counts to compare (default "1 2")
#   BIG     1: also `terms --by year` on the corpus 17 times with new ids
#           (1.1 GB of JSONL, generated in $BUILD/bench-out, deleted after
#           unless KEEP=1): memory must stay flat; default 0
#   VOCAB   1: also `terms --threads 2` on a generated corpus of
#           VOCAB_FORMS (default 10000000) distinct words, each written once,
#           and on its first tenth: wall, peak RSS, peak RSS per distinct
#           form (about 0.25 GB of JSONL per 10 million words, generated in
#           $BUILD/bench-out, deleted after unless KEEP=1; default 0
#   ONLY    run only these parts (space-separated: frontend commands scale
#           big vocab peers stem); naming big, scale or vocab turns it on,
#           e.g. ONLY=vocab; default: all parts (the opt-in ones by their
#           variable)
BUILD=${1:-build}
RUNS=${RUNS:-5}
PEERS=${PEERS-"unix_wc py_sklearn py_sklearn_pystemmer py_gensim_phrases r_tm"}
SCALE=${SCALE:-1}
THREADS=${THREADS:-"1 2"}
SHARED=$(cd "$(dirname "$0")/../.." && pwd)/shared
CORPUS=$SHARED/corpora/bundestag-2022-2023.jsonl
OUT=$BUILD/bench-out
SW=$BUILD/stichwort
ONLY=${ONLY-}
mkdir -p "$OUT"

# want PART [ON]: run PART?  Without ONLY: when ON is 1 (default 1, the
# opt-in parts pass their variable); with ONLY: when ONLY names PART
want() {
	if [ -z "$ONLY" ]; then
		[ "${2:-1}" = 1 ]
		return
	fi
	case " $ONLY " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -srm)"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ ! -f "$CORPUS" ]; then
	echo "bench: $CORPUS not found (../shared is absent); nothing to measure"
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time not installed (Debian package time); commands and peers skipped"
fi

# text bytes of a JSONL file (the "text" fields, as the peers count them)
text_bytes() {
	/usr/bin/python3 -c 'import json,sys
n=0
for l in open(sys.argv[1],encoding="utf-8"):
    n+=len(json.loads(l)["text"].encode())
print(n)' "$1"
}
BYTES=$(text_bytes "$CORPUS")
echo "corpus: $CORPUS, $(wc -l < "$CORPUS") documents, $BYTES bytes of text"

if want frontend; then
	echo "== front end (read, normalize, tokenize, fold, stem, intern; no output; analyzer, 1 thread)"
	for st in snowball cistem; do
		"$BUILD/bench/frontend" --runs "$RUNS" --stemmer "$st" --jsonl "$CORPUS" | tail -n 1
	done
	"$BUILD/bench/frontend" --runs "$RUNS" --no-offsets --jsonl "$CORPUS" | tail -n 1 | sed 's/^/no offsets: /'
	echo "== front end into counts (stichwort/pipeline.h; as the commands load), interleaved runs"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		for t in $THREADS; do
			"$BUILD/bench/frontend" --runs 1 --threads "$t" --jsonl "$CORPUS" | grep median >> "$OUT/fe.$t.$$"
		done
		i=$((i + 1))
	done
	for t in $THREADS; do
		# "... : W s = X MB/s; cpu C s = Y MB per cpu-s"
		sort -t: -k2 -n "$OUT/fe.$t.$$" | awk -v t="$t" '{ l[NR] = $0 } END { k = int((NR + 1) / 2); sub(/.*runs\): /, "", l[k]); printf "pipeline --threads %s (median of %d): %s\n", t, NR, l[k] }'
		rm -f "$OUT/fe.$t.$$"
	done
fi

# one LABEL COMMAND...: one run under /usr/bin/time, "wall maxrss_kb" appended to $OUT/m.LABEL
one() {
	label=$1
	shift
	/usr/bin/time -f '%e %M' -o "$OUT/time.$$" "$@" > /dev/null 2> "$OUT/err.$$"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "bench: $label failed (exit $rc): $(head -c 300 "$OUT/err.$$")" >&2
		return
	fi
	tail -n 1 "$OUT/time.$$" >> "$OUT/m.$label"
}
# report LABEL BYTES: median wall, MB/s, median peak RSS of $OUT/m.LABEL
report() {
	[ -f "$OUT/m.$1" ] || return
	sort -n "$OUT/m.$1" | awk -v l="$1" -v b="$2" \
		'{ t[NR] = $1; m[NR] = $2 } END { k = int((NR + 1) / 2); printf "%-34s %7.2f s  %7.1f MB/s  %6.0f MB  (%d runs)\n", l, t[k], b / 1e6 / t[k], m[k] / 1024, NR }' |
		tee -a "$OUT/stichwort.txt"
}
rm -f "$OUT"/m.* "$OUT/stichwort.txt"

if want commands && [ -x /usr/bin/time ]; then
	echo "== stichwort commands on the corpus (wall s, MB/s of text, peak RSS; median; runs interleaved)"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		for t in $THREADS; do
			for c in terms phrases keywords; do
				one "$c-t$t" "$SW" "$c" --jsonl "$CORPUS" --format jsonl --threads "$t"
			done
			one "keywords-per-doc-t$t" "$SW" keywords --per doc --jsonl "$CORPUS" --format jsonl --threads "$t"
			# issue 4: keyness, trends and themes should cost about one counting pass (terms)
			one "keyness-t$t" "$SW" keyness --jsonl "$CORPUS" --by group --target SPD --format jsonl --threads "$t"
			one "keyness-no-phrases-t$t" "$SW" keyness --jsonl "$CORPUS" --by group --target SPD --no-phrases --format jsonl --threads "$t"
			one "trends-t$t" "$SW" trends --jsonl "$CORPUS" --by month --summary --format jsonl --threads "$t"
			one "themes-t$t" "$SW" themes --jsonl "$CORPUS" --dict docs/examples/digitale-souveraenitaet.json --by month --format jsonl --threads "$t"
			rm -rf "$OUT/report"
			one "report-t$t" "$SW" report --jsonl "$CORPUS" -o "$OUT/report" --threads "$t"
		done
		i=$((i + 1))
	done
	for c in terms keyness keyness-no-phrases trends themes phrases keywords keywords-per-doc report; do
		for t in $THREADS; do
			report "$c-t$t" "$BYTES"
		done
	done
	awk '{ w[$1] = $2 } END {
		for (k in w) if (k ~ /-t1$/) { b = k; sub(/-t1$/, "-t2", b); if (b in w) printf "speed-up 2 threads / 1: %-18s %.2fx\n", substr(k, 1, length(k) - 3), w[k] / w[b] } }' \
		"$OUT/stichwort.txt" | sort
fi

# repeat N DST: the corpus N times with new ids ("-r0", "-r1", ...) into DST
repeat() {
	[ -f "$2" ] && return
	/usr/bin/python3 -c 'import json,sys
src, n, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(dst, "w", encoding="utf-8") as out:
    for k in range(n):
        for line in open(src, encoding="utf-8"):
            d = json.loads(line)
            d["id"] = "%s-r%d" % (d.get("id", ""), k)
            out.write(json.dumps(d, ensure_ascii=False) + "\n")' "$CORPUS" "$1" "$2"
}

if want scale "$SCALE" && [ -x /usr/bin/time ]; then
	echo "== scaling: 0.1x, 1x, 10x the corpus (default threads; 10x: new ids, the corpus repeated)"
	n=$(wc -l < "$CORPUS")
	head -n $((n / 10)) "$CORPUS" > "$OUT/x0.1.jsonl"
	repeat 10 "$OUT/x10.jsonl"
	b01=$(text_bytes "$OUT/x0.1.jsonl")
	for c in terms keywords; do
		one "$c-x0.1" "$SW" "$c" --jsonl "$OUT/x0.1.jsonl" --format jsonl
		one "$c-x1" "$SW" "$c" --jsonl "$CORPUS" --format jsonl
		one "$c-x10" "$SW" "$c" --jsonl "$OUT/x10.jsonl" --format jsonl
		report "$c-x0.1" "$b01"
		report "$c-x1" "$BYTES"
		report "$c-x10" $((BYTES * 10))
	done
	[ "${KEEP:-0}" = 1 ] || rm -f "$OUT/x10.jsonl"
fi

if want big "${BIG:-0}" && [ -x /usr/bin/time ]; then
	echo "== terms --by year on the corpus 17 times (1.1 GB JSONL; counts per unit while loading)"
	repeat 17 "$OUT/x17.jsonl"
	one "terms-by-year-x1" "$SW" terms --jsonl "$CORPUS" --by year --format tsv --top 20
	one "terms-by-year-x17" "$SW" terms --jsonl "$OUT/x17.jsonl" --by year --format tsv --top 20
	report "terms-by-year-x1" "$BYTES"
	report "terms-by-year-x17" $((BYTES * 17))
	[ "${KEEP:-0}" = 1 ] || rm -f "$OUT/x17.jsonl"
fi

# vocab_words N PER DST: N distinct words, PER to a document, as JSONL into
# DST.  Word k is "Datenschutz", k in base-26 letters (five or more), then
# "gesetz": Datenschutzaaaaagesetz, Datenschutzaaaabgesetz, ...  Each is one
# word token, and the stemmer strips nothing from a word ending in -gesetz,
# so N words are N forms and N stem keys.
vocab_words() {
	[ -f "$3" ] && return
	/usr/bin/python3 -c 'import itertools,sys
n, per, dst = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
w = 5
while 26 ** w < n:
    w += 1
words = ("Datenschutz" + "".join(t) + "gesetz" for t in
         itertools.islice(itertools.product("abcdefghijklmnopqrstuvwxyz", repeat=w), n))
with open(dst, "w", encoding="utf-8") as out:
    d = 0
    while True:
        chunk = list(itertools.islice(words, per))
        if not chunk:
            break
        out.write("{\"id\": \"v%07d\", \"date\": \"%04d-%02d-%02d\", \"text\": \"%s\"}\n"
                  % (d, 2020 + d % 4, 1 + d % 12, 1 + d % 28, " ".join(chunk)))
        d += 1' "$1" "$2" "$3"
}
# median COLUMN FILE: median of a column of numbers
median() {
	cut -d' ' -f"$1" "$2" 2>/dev/null | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

if want vocab "${VOCAB:-0}" && [ -x /usr/bin/time ]; then
	nv=${VOCAB_FORMS:-10000000}
	nv1=$((nv / 10))
	echo "== vocabulary: terms --threads 2 on $nv1 and $nv distinct generated words (each once, 1000 to a document; wall, peak RSS, peak RSS per distinct form; median; runs interleaved)"
	vocab_words "$nv" 1000 "$OUT/vocab-$nv.jsonl"
	vocab_words "$nv1" 1000 "$OUT/vocab-$nv1.jsonl"
	# the words must stay whole and distinct: on the first two documents
	# tokens = stem keys ("types") = words, so distinct forms = words too
	head -n 2 "$OUT/vocab-$nv.jsonl" > "$OUT/vocab-sample.jsonl"
	chk=$("$SW" terms --jsonl "$OUT/vocab-sample.jsonl" --format json --top 1 --no-progress |
		/usr/bin/python3 -c 'import json,sys
c = json.load(sys.stdin)["corpus"]
print(c["tokens"], c["types"])' 2>/dev/null)
	ns=$((nv < 2000 ? nv : 2000))
	if [ "$chk" != "$ns $ns" ]; then
		echo "bench: the generated words are not one token and one stem key each (tokens, types on $ns words: ${chk:-none}); forms below are words written"
	fi
	rm -f "$OUT/vocab-sample.jsonl" "$OUT"/m.vocab-*
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		for n in "$nv1" "$nv"; do
			one "vocab-$n" "$SW" terms --jsonl "$OUT/vocab-$n.jsonl" --format jsonl --threads 2 --no-progress
		done
		i=$((i + 1))
	done
	for n in "$nv1" "$nv"; do
		t=$(median 1 "$OUT/m.vocab-$n")
		m=$(median 2 "$OUT/m.vocab-$n")
		[ -n "$m" ] || continue
		awk -v n="$n" -v t="$t" -v m="$m" -v r="$(wc -l < "$OUT/m.vocab-$n")" 'BEGIN {
			printf "terms, %9d distinct forms  %7.2f s  %6.0f MB  %5.0f bytes per form  (%d runs)\n", n, t, m / 1024, m * 1024 / n, r }'
	done
	t1=$(median 1 "$OUT/m.vocab-$nv1")
	m1=$(median 2 "$OUT/m.vocab-$nv1")
	t2=$(median 1 "$OUT/m.vocab-$nv")
	m2=$(median 2 "$OUT/m.vocab-$nv")
	if [ -n "$m1" ] && [ -n "$m2" ] && [ "$nv" -gt "$nv1" ]; then
		awk -v n1="$nv1" -v n2="$nv" -v t1="$t1" -v t2="$t2" -v m1="$m1" -v m2="$m2" 'BEGIN {
			printf "%d -> %d forms: time %s, peak RSS %.1fx, %.0f bytes of peak RSS per added form\n", n1, n2, (t1 > 0 ? sprintf("%.1fx", t2 / t1) : "-"), m2 / m1, (m2 - m1) * 1024 / (n2 - n1) }'
	fi
	[ "${KEEP:-0}" = 1 ] || rm -f "$OUT/vocab-$nv.jsonl" "$OUT/vocab-$nv1.jsonl"
fi

if want peers && [ -n "$PEERS" ]; then
	echo "== peers on the same corpus (../shared/bench/peers/run_bench.sh: $PEERS; one run each)"
	if [ -d "${PEERS_WORK:-/tmp/stichwort-peers}/js" ]; then
		rm -f "$OUT/summary.tsv"
		# shellcheck disable=SC2086
		bash "$SHARED/bench/peers/run_bench.sh" "$CORPUS" "$OUT" $PEERS >/dev/null 2>&1
		printf 'peer\tbytes\twall_s\tMB/s\tmaxrss_MB\trc\n'
		cat "$OUT/summary.tsv" 2>/dev/null
		# ratios against stichwort keywords (phrases included) at the last thread count
		last=$(echo "$THREADS" | awk '{ print $NF }')
		kw=$(awk -v l="keywords-t$last" '$1 == l { print $2 }' "$OUT/stichwort.txt" 2>/dev/null)
		if [ -n "$kw" ]; then
			echo "-- stichwort keywords --threads $last ($kw s) against the peers (peer wall / stichwort wall):"
			awk -F'\t' -v k="$kw" '$6 == 0 && $3 > 0 { printf "  %-24s %8.2f s  %7.2fx\n", $1, $3, $3 / k }' "$OUT/summary.tsv"
		fi
	else
		echo "peers not set up: run 'sh ../shared/bench/peers/setup.sh' as root first"
	fi
fi

if want stem; then
	echo "== stemmers on the CISTEM gold standards (pairwise P/R/F)"
	SW_SRCDIR=$(pwd) "$BUILD/tests/test_stem_gold" 2>&1 | grep 'stem-gold:' || echo "gold standards not found"
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit 0
