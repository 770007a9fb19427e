#!/bin/sh
# tests/terminal/run.sh - how stichwort behaves at a terminal and in pipes
# (issue 5): the progress line, colour, table width, German numbers in
# the table view, and that none of it leaks into pipes, files or machine
# formats.
#
#   sh tests/terminal/run.sh path/to/stichwort
#
# A terminal is made with script(1) (util-linux); the checks that need one
# are skipped with a message when it is missing.  The progress check
# feeds JSON Lines through a pipe with a pause of 1.3 s.

if [ $# -ne 1 ]; then
	echo "usage: run.sh STICHWORT" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sw-terminal-XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM

unset NO_COLOR COLUMNS LC_NUMERIC LANG
LC_ALL=C
TERM=xterm
export LC_ALL TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

has_esc() { LC_ALL=C grep -q "$(printf '\033')" "$1"; }
has_cr() { LC_ALL=C grep -q "$(printf '\r')" "$1"; }

# Run a command line on a pseudo-terminal (stdin, stdout and stderr all
# on it); its output goes to file $1.
on_tty() {
	out=$1
	shift
	script -qec "$*" /dev/null > "$out" 2>&1 < /dev/null
}
tty_ok=0
if command -v script > /dev/null 2>&1 && on_tty "$scratch/probe" "test -t 1 && test -t 2" ; then
	tty_ok=1
else
	echo "terminal: script(1) missing or cannot make a terminal; terminal checks skipped"
fi

# ---- pipes and files: no colour, no progress, no escapes ----
"$bin" terms "$top/corpora" --top 5 --format table > "$scratch/pipe.out" 2> "$scratch/pipe.err"
if has_esc "$scratch/pipe.out" || [ -s "$scratch/pipe.err" ]; then
	fail "table in a pipe has escapes or stderr output"
else
	ok
fi

# ---- German numbers in the table view only ----
LC_ALL=de_DE.UTF-8 "$bin" terms "$top/corpora" --top 1 --format table > "$scratch/de.table"
LC_ALL=de_DE.UTF-8 "$bin" terms "$top/corpora" --top 1 --format csv > "$scratch/de.csv"
LC_ALL=de_CH.UTF-8 "$bin" terms "$top/corpora" --top 1 --format table > "$scratch/ch.table"
if grep -q '^Land  *land  *133  *77,66  *35  *0,35  *2$' "$scratch/de.table" &&
   grep -q '^Land,land,133,77.66423358,35,0.3471172823,2' "$scratch/de.csv" &&
   grep -q '^Land  *land  *133  *77.66  *35  *0.35  *2$' "$scratch/ch.table"; then
	ok
else
	fail "German numbers: de table, csv or de_CH table wrong"
	cat "$scratch/de.table" "$scratch/de.csv" "$scratch/ch.table"
fi

# ---- input for the progress line ----
# JSON Lines made from corpora/ (one document per file, copy k of it with
# id "k-name"), fed through a pipe with a pause, so that the work lasts
# longer than the second after which the line appears, whatever the
# machine's speed.
jsonl_copy() {
	for f in "$top"/corpora/docs/*.txt; do
		LC_ALL=C awk -v id="$1-$(basename "$f")" '
			{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/[\001-\037]/, " ");
			  t = t $0 "\\n" }
			END { printf "{\"id\": \"%s\", \"text\": \"%s\"}\n", id, t }' "$f"
	done
}
jsonl_copy 1 > "$scratch/c1.jsonl"
jsonl_copy 2 > "$scratch/c2.jsonl"
jsonl_copy 3 > "$scratch/c3.jsonl"
cat > "$scratch/slow.sh" <<EOS
cat '$scratch/c1.jsonl'; sleep 1.3; cat '$scratch/c2.jsonl' '$scratch/c3.jsonl'
EOS
slow="sh '$scratch/slow.sh' | '$bin' terms --jsonl - --top 3 --format jsonl --threads 1 -o /dev/null"

# stderr to a file: no progress bytes at all, however long it runs.
sh -c "$slow" 2> "$scratch/slow.err"
if [ -s "$scratch/slow.err" ]; then
	fail "progress: stderr to a file got bytes:"
	od -c "$scratch/slow.err" | head -5
else
	ok
fi

if [ $tty_ok = 1 ]; then
	# On a terminal: the line appears (no total for stdin: documents, MB,
	# rate), and is erased at the end: the output ends in CR, blanks, CR.
	on_tty "$scratch/prog.tty" "$slow"
	if LC_ALL=C grep -q 'stichwort terms: [0-9]* documents, [0-9.]* MB, [0-9.]* MB/s' "$scratch/prog.tty"; then
		ok
	else
		fail "progress: no progress line on a terminal"
		LC_ALL=C od -c "$scratch/prog.tty" | head -5
	fi
	if [ "$(LC_ALL=C tail -c 3 "$scratch/prog.tty" | od -An -tx1 | tr -d ' \n')" = 20200d ]; then
		ok
	else
		fail "progress: line not erased at the end"
		LC_ALL=C tail -c 100 "$scratch/prog.tty" | od -c
	fi
	for opt in --no-progress --quiet; do
		on_tty "$scratch/quiet.tty" "$slow $opt"
		if [ -s "$scratch/quiet.tty" ]; then
			fail "progress: $opt still printed:"
			head -c 200 "$scratch/quiet.tty"
		else
			ok
		fi
	done

	# Colour: bold header on a terminal, none with NO_COLOR set and
	# non-empty, colour again with NO_COLOR empty, none in CSV.
	on_tty "$scratch/c1" "'$bin' terms '$top/corpora' --top 3"
	on_tty "$scratch/c2" "NO_COLOR=1 '$bin' terms '$top/corpora' --top 3"
	on_tty "$scratch/c3" "NO_COLOR= '$bin' terms '$top/corpora' --top 3"
	on_tty "$scratch/c4" "'$bin' terms '$top/corpora' --top 3 --format csv"
	on_tty "$scratch/c5" "TERM=dumb '$bin' terms '$top/corpora' --top 3"
	if LC_ALL=C grep -q "$(printf '\033\\[1mterm')" "$scratch/c1" &&
	   LC_ALL=C grep -q "$(printf '\033\\[2mdigital\033\\[0m')" "$scratch/c1" &&
	   ! has_esc "$scratch/c2" && has_esc "$scratch/c3" && ! has_esc "$scratch/c4" &&
	   ! has_esc "$scratch/c5"; then
		ok
	else
		fail "colour: expected bold header and dim key on a terminal only, none with NO_COLOR, CSV, TERM=dumb"
		for f in c1 c2 c3 c4 c5; do echo "-- $f"; od -c "$scratch/$f" | head -3; done
	fi

	# Width: $COLUMNS on a terminal gives the same table as --width in a
	# pipe (tests/golden/terms/table-width).
	on_tty "$scratch/w.tty" "COLUMNS=44 NO_COLOR=1 '$bin' terms '$top/corpora' --by group --top 3"
	tr -d '\r' < "$scratch/w.tty" > "$scratch/w.out"
	if cmp -s "$scratch/w.out" "$top/tests/golden/terms/table-width/expected.stdout"; then
		ok
	else
		fail "width: COLUMNS=44 on a terminal differs from the --width 44 golden table"
		diff "$top/tests/golden/terms/table-width/expected.stdout" "$scratch/w.out" | head -10
	fi
	# ... and a pipe is never cut, even with COLUMNS set.
	COLUMNS=44 "$bin" terms "$top/corpora" --by group --top 3 --format table > "$scratch/wp.out"
	if grep -q '^Kommune  Hafenbrück  hafenbrück ' "$scratch/wp.out"; then
		ok
	else
		fail "width: a table in a pipe was cut"
		head -5 "$scratch/wp.out"
	fi
fi

echo "terminal: $passed passed, $failed failed"
[ $failed = 0 ]
