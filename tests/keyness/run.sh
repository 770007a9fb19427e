#!/bin/sh
# tests/keyness/run.sh - the keyness statistics checked by a second
# computation (tests/keyness/ref.py, pure python3) on the embedded corpus:
# several targets, references and measures (g2_docs too), a reference list, and the
# counts against `stichwort terms` when the reference is the rest.
# usage: run.sh path/to/stichwort
set -u
bin=${1:?stichwort binary}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if ! command -v python3 >/dev/null 2>&1; then
	echo "keyness-ref: SKIPPED (python3 not installed; the second computation needs it)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sw-keyness-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
corpus=$top/corpora
pass=0
fail=0
"$bin" terms "$corpus" --top 0 --format jsonl > "$tmp/terms.jsonl" 2>/dev/null
printf '#total 50000\nVerwaltung\t120\nStadt\t40\nHaus\t80\ndigitale Verwaltung\t12\nder\t3000\n' > "$tmp/list.tsv"
run() { # name ref.py-options -- keyness arguments...
	name=$1; shift
	opts=""
	while [ "$1" != "--" ]; do opts="$opts $1"; shift; done
	shift
	if ! "$bin" keyness "$corpus" "$@" --top 0 --min-count 1 --format json -q > "$tmp/$name.json"; then
		echo "FAIL keyness-ref $name: stichwort keyness $* failed"
		fail=$((fail + 1))
		return
	fi
	# shellcheck disable=SC2086
	if python3 "$here/ref.py" $opts "$tmp/$name.json" > "$tmp/$name.out"; then
		pass=$((pass + 1))
	else
		cat "$tmp/$name.out"
		echo "FAIL keyness-ref $name"
		fail=$((fail + 1))
	fi
}
run group-rest --terms "$tmp/terms.jsonl" -- --by group --target Kommune --no-phrases
run group-pair -- --by group --target Land --reference Bund
run year-chi2 --terms "$tmp/terms.jsonl" -- --by year --target 2024 --measure chi2 --no-phrases
run group-g2-docs --terms "$tmp/terms.jsonl" -- --by group --target Kommune --measure g2_docs --no-phrases
run dates-g2-docs -- --target-dates 2023..2025 --reference-dates 2019..2020 --measure g2_docs
run dates-lr -- --target-dates 2023..2025 --reference-dates 2019..2020 --measure log_ratio
run list -- --by group --target Partei --reference-list "$tmp/list.tsv"
run themes -- --by group --target Kommune --themes "$top/tests/golden/keyness/themes/themen.json"
echo "keyness-ref: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
