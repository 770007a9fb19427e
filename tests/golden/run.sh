#!/bin/sh
# tests/golden/run.sh - end-to-end tests of the stichwort CLI (STYLE.md D.3).
#
#   sh tests/golden/run.sh [--update] path/to/stichwort
#
# Every directory tests/golden/<command>/<case>/ holding a file "cmd" is a
# case.  "cmd" is one shell line: the arguments after `stichwort`, or a
# whole line that calls `stichwort` itself (it starts with "stichwort " or
# pipes into "| stichwort "); any other line gets "stichwort " in front.  It runs with
# sh in a scratch copy of the case directory, so inputs sit beside it, and
# `stichwort` is the binary under test (a wrapper on PATH).
#
#   expected.stdout  compared byte for byte (required)
#   expected.stderr  optional; compared after the binary's path is
#                    replaced by "stichwort"
#   expected.exit    optional exit status (default 0)
#
# A failing case prints a unified diff; the run exits 1 if any case failed
# and ends with "golden: N passed, M failed".  --update rewrites the
# expectations instead (review the diff before committing).

update=0
if [ "$1" = "--update" ]; then
	update=1
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: run.sh [--update] STICHWORT" >&2
	exit 2
fi

case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
if [ ! -x "$bin" ]; then
	echo "run.sh: $bin is not executable" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sw-golden-XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM

mkdir "$scratch/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$bin" > "$scratch/bin/stichwort"
chmod +x "$scratch/bin/stichwort"

# Deterministic environment.
LC_ALL=C
TZ=UTC
# Cases may read the source tree's files (the embedded corpus) as
# "$SW_TOP/corpora".
SW_TOP=$(cd "$here/../.." && pwd)
export LC_ALL TZ SW_TOP

passed=0
failed=0
for cmdfile in "$here"/*/*/cmd; do
	[ -f "$cmdfile" ] || continue
	dir=$(dirname "$cmdfile")
	name=${dir#"$here"/}
	work="$scratch/case"
	rm -rf "$work"
	mkdir "$work"
	# Copy the case (inputs included, hidden files too), not the expectations.
	(cd "$dir" && tar cf - --exclude='expected.*' .) | (cd "$work" && tar xf -)

	line=$(cat "$cmdfile")
	case "$line" in
	stichwort|stichwort\ *|*\|\ stichwort|*\|\ stichwort\ *) ;;
	*) line="stichwort $line" ;;
	esac

	(cd "$work" && PATH="$scratch/bin:$PATH" sh -c "$line" \
		> "$scratch/stdout" 2> "$scratch/stderr.raw" < /dev/null)
	rc=$?
	# The binary's absolute path (and the scratch dir) must not leak into
	# the expectations.
	sed -e "s|$bin|stichwort|g" -e "s|$work/||g" -e "s|$work|.|g" -e "s|$SW_TOP|SW_TOP|g" \
		"$scratch/stderr.raw" > "$scratch/stderr"

	if [ $update = 1 ]; then
		cp "$scratch/stdout" "$dir/expected.stdout"
		if [ -s "$scratch/stderr" ] || [ -f "$dir/expected.stderr" ]; then
			cp "$scratch/stderr" "$dir/expected.stderr"
		fi
		if [ $rc -ne 0 ]; then
			echo "$rc" > "$dir/expected.exit"
		else
			rm -f "$dir/expected.exit"
		fi
		echo "updated $name"
		passed=$((passed + 1))
		continue
	fi

	ok=1
	want_rc=0
	[ -f "$dir/expected.exit" ] && want_rc=$(cat "$dir/expected.exit")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit status $rc, expected $want_rc"
		ok=0
	fi
	if [ ! -f "$dir/expected.stdout" ]; then
		echo "FAIL $name: no expected.stdout (run with --update and review)"
		ok=0
	elif ! cmp -s "$dir/expected.stdout" "$scratch/stdout"; then
		echo "FAIL $name: stdout differs"
		diff -u "$dir/expected.stdout" "$scratch/stdout" | sed -e "1s|.*|--- $name/expected.stdout|" \
			-e "2s|.*|+++ $name/stdout|"
		ok=0
	fi
	if [ -f "$dir/expected.stderr" ] && ! cmp -s "$dir/expected.stderr" "$scratch/stderr"; then
		echo "FAIL $name: stderr differs"
		diff -u "$dir/expected.stderr" "$scratch/stderr" | sed -e "1s|.*|--- $name/expected.stderr|" \
			-e "2s|.*|+++ $name/stderr|"
		ok=0
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done

echo "golden: $passed passed, $failed failed"
[ $failed = 0 ]
