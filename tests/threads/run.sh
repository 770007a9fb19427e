#!/bin/sh
# tests/threads/run.sh - the output is the same for any --threads.
#
#   sh tests/threads/run.sh path/to/stichwort
#
# Runs the counting commands on the embedded corpus (corpora/) with
# --threads 1, 2 and 3 and compares the bytes (JSON and table output;
# report: report.json and report.md).  With ../shared, also keywords and
# phrases on bundestag-digital (a real corpus of several megabytes, so the
# pipeline runs many batches on every worker).  Prints
# "threads: N passed, M failed"; exits 1 if any differ.
if [ $# -ne 1 ]; then
	echo "usage: run.sh STICHWORT" >&2
	exit 2
fi
bin=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=${TMPDIR:-/tmp}/sw-threads.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# same NAME ARGS...: run with --threads 1, 2, 3; compare stdout and exit status
same() {
	name=$1
	shift
	for t in 1 2 3; do
		"$bin" "$@" --threads "$t" > "$tmp/$name.$t" 2> "$tmp/$name.$t.err"
		echo "$?" > "$tmp/$name.$t.rc"
	done
	if [ "$(cat "$tmp/$name.1.rc")" != 0 ]; then
		echo "threads: FAIL $name: exit $(cat "$tmp/$name.1.rc") with --threads 1"
		sed 's/^/  /' "$tmp/$name.1.err" | head -5
		fail=$((fail + 1))
		return
	fi
	for t in 2 3; do
		if ! cmp -s "$tmp/$name.1" "$tmp/$name.$t" || ! cmp -s "$tmp/$name.1.rc" "$tmp/$name.$t.rc"; then
			echo "threads: FAIL $name: --threads $t differs from --threads 1"
			diff "$tmp/$name.1" "$tmp/$name.$t" | head -10
			fail=$((fail + 1))
			return
		fi
	done
	pass=$((pass + 1))
}

cd "$src" || exit 2
same keywords-json keywords corpora --format json
same keywords-per-year keywords corpora --per year --format jsonl
same terms-json terms corpora --format json
same terms-table terms corpora --format table
same phrases-json phrases corpora --format json
for c in keyness trends themes; do
	if "$bin" "$c" --help > /dev/null 2>&1 && "$bin" "$c" corpora --format json --threads 1 > /dev/null 2>&1; then
		same "$c-json" "$c" corpora --format json
	fi
done

# report writes a directory: compare its files
for t in 1 2 3; do
	"$bin" report corpora -o "$tmp/report.$t" --threads "$t" > "$tmp/report.$t.out" 2>&1
done
if [ -f "$tmp/report.1/report.json" ] &&
	cmp -s "$tmp/report.1/report.json" "$tmp/report.2/report.json" &&
	cmp -s "$tmp/report.1/report.json" "$tmp/report.3/report.json" &&
	cmp -s "$tmp/report.1/report.md" "$tmp/report.2/report.md" &&
	cmp -s "$tmp/report.1/report.md" "$tmp/report.3/report.md"; then
	pass=$((pass + 1))
else
	echo "threads: FAIL report: report.json/report.md differ between --threads 1, 2, 3"
	fail=$((fail + 1))
fi

# a bad value is a usage error
"$bin" terms corpora --threads 0 > /dev/null 2>&1
if [ $? -eq 2 ]; then pass=$((pass + 1)); else echo "threads: FAIL --threads 0 is not exit 2"; fail=$((fail + 1)); fi

shared=$src/../shared/corpora/bundestag-digital
if [ -d "$shared" ]; then
	same shared-keywords keywords "$shared" --format json
else
	echo "threads: ../shared is absent; the shared-corpus comparison is skipped"
fi

echo "threads: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
