#!/bin/sh
# tests/lemma/one-count.sh - one term, one count: for a set of terms in the
# shared corpora, every command that counts a term must give the same
# number as `terms`.
#
#   sh tests/lemma/one-count.sh path/to/stichwort
#
# For each corpus ($TOP/../shared/corpora/bundestag-digital and
# wahlprogramme-btw, with their metadata.jsonl) and each term below:
#
#   terms     `terms --top 0 --format tsv`: count of the row whose term
#             column is the term (0 when there is none)
#   trends    `trends --terms T --format tsv`: sum of count over the periods
#   kwic      `kwic --term T --limit 0 --format tsv`: lines but the header
#   themes    `themes --terms T --format tsv`: sum of count
#   keyness   `keyness --by year --target Y --top 0 --min-count 1
#             --format tsv` (Y: the corpus's first year): count_target +
#             count_reference of the one-word row whose key is the key of
#             the term's `terms` row ("-" when it has none; then the term
#             must be absent from terms too)
#
# All five must be equal, and equal again with --with-compounds (on
# bundestag-digital), where each adds the compounds the term heads.  One line per corpus and term, then
# "one-count: N passed, M failed"; exit 1 on any failure, 2 on a usage
# error.  Without ../shared (a fresh clone) it says so and exits 0.
#
# Every document of both corpora is dated, so trends (which leaves out
# undated documents) and keyness (target year + every other year) see
# the whole corpus.

# ONE_COUNT_TERMS (words separated by spaces) replaces the list.
terms_list=${ONE_COUNT_TERMS:-"Sicherheit Seite Ebene Abhängigkeit Digitalisierung Souveränität Daten Verwaltung Datenschutz Plattform"}

if [ $# -ne 1 ]; then
	echo "usage: one-count.sh STICHWORT" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
if [ ! -x "$bin" ]; then
	echo "one-count: $bin is not executable" >&2
	exit 2
fi

TOP=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$TOP/../shared" ]; then
	echo "one-count: ../shared not found, skipped"
	exit 0
fi
shared=$(cd "$TOP/../shared" && pwd)/corpora

LC_ALL=C
TZ=UTC
export LC_ALL TZ

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sw-one-count-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0
failed=0

# run NAME ARGS...: the binary's stdout into $tmp/NAME; 0, or report the
# failure (exit status and stderr) and return 1
run() {
	name=$1
	shift
	"$bin" "$@" > "$tmp/$name" 2> "$tmp/$name.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "one-count: stichwort $* exited $rc:" >&2
		sed 's/^/  /' "$tmp/$name.err" >&2
		return 1
	fi
	return 0
}

# col FILE MATCHCOL VALUE COL: COL of the rows of a TSV file (header line
# first) whose MATCHCOL is VALUE, one a line
col() {
	awk -F'\t' -v m="$2" -v v="$3" -v c="$4" '
		NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$h[m] == v { print $h[c] }' "$1"
}

# sumcol FILE COL: the sum of COL over the rows of a TSV file
sumcol() {
	awk -F'\t' -v c="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		{ s += $h[c] }
		END { print s + 0 }' "$1"
}

# Each corpus as it is; bundestag-digital also with --with-compounds,
# where every command adds the compounds a term heads.
for pass in bundestag-digital wahlprogramme-btw bundestag-digital+compounds; do
	corpus=${pass%+compounds}
	W=
	[ "$pass" = "$corpus" ] || W=--with-compounds
	C=$shared/$corpus
	if [ ! -d "$C" ]; then
		echo "one-count: $C not found, skipped"
		continue
	fi
	# shellcheck disable=SC2086
	if ! run terms terms "$C" --top 0 --format tsv $W ||
		! run years terms "$C" --by year --top 1 --format tsv; then
		failed=$((failed + 1))
		continue
	fi
	year=$(awk -F'\t' 'NR == 2 { print $1; exit }' "$tmp/years")
	# shellcheck disable=SC2086
	if [ -z "$year" ] || ! run keyness keyness "$C" --by year --target "$year" --top 0 \
		--min-count 1 --format tsv $W; then
		echo "one-count: $corpus: no year to take as the keyness target" >&2
		failed=$((failed + 1))
		continue
	fi
	for t in $terms_list; do
		ok=1
		n_terms=$(col "$tmp/terms" term "$t" count | head -n 1)
		key=$(col "$tmp/terms" term "$t" key | head -n 1)
		[ -n "$n_terms" ] || n_terms=0
		# shellcheck disable=SC2086
		if run trends trends "$C" --terms "$t" --format tsv $W; then
			n_trends=$(sumcol "$tmp/trends" count)
		else
			n_trends=error
		fi
		# shellcheck disable=SC2086
		if run kwic kwic "$C" --term "$t" --limit 0 --format tsv $W; then
			n_kwic=$(awk 'END { print (NR > 0 ? NR - 1 : 0) }' "$tmp/kwic")
		else
			n_kwic=error
		fi
		# shellcheck disable=SC2086
		if run themes themes "$C" --terms "$t" --format tsv $W; then
			n_themes=$(sumcol "$tmp/themes" count)
		else
			n_themes=error
		fi
		if [ -n "$key" ]; then
			n_keyness=$(awk -F'\t' -v k="$key" '
				NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
				$h["key"] == k && $h["n"] == 1 { s += $h["count_target"] + $h["count_reference"]; f = 1 }
				END { print f ? s : 0 }' "$tmp/keyness")
		else
			n_keyness=-
		fi
		for n in "$n_trends" "$n_kwic" "$n_themes"; do
			[ "$n" = "$n_terms" ] || ok=0
		done
		[ "$n_keyness" = - ] || [ "$n_keyness" = "$n_terms" ] || ok=0
		line="$pass $t: terms $n_terms, trends $n_trends, kwic $n_kwic, themes $n_themes, keyness $n_keyness (target $year)"
		if [ $ok = 1 ]; then
			echo "one-count: ok   $line"
			passed=$((passed + 1))
		else
			echo "one-count: FAIL $line"
			failed=$((failed + 1))
		fi
	done
done

echo "one-count: $passed passed, $failed failed"
[ $failed = 0 ]
