#!/bin/sh
# tests/valgrind/run.sh - the golden CLI suite with the binary under
# valgrind memcheck (make valgrind).
#
#   sh tests/valgrind/run.sh path/to/stichwort
#
# Every case of tests/golden runs through a wrapper that starts the binary
# as `valgrind --error-exitcode=99 --leak-check=full ...`, so a memory
# error or a leak (definite or indirect) turns the case's exit status into
# 99 and the golden comparison fails.  Valgrind's own report goes to a log
# per process (not to the case's stderr, which is compared); the logs of
# failing processes are printed at the end.
if [ $# -ne 1 ]; then
	echo "usage: run.sh STICHWORT" >&2
	exit 2
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: not installed (apt-get install valgrind)" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sw-valgrind-XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/logs"

# The wrapper is named like the binary, so the golden suite's
# "binary path -> stichwort" replacement covers messages naming argv[0].
cat > "$work/stichwort" <<WRAP
#!/bin/sh
exec valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \\
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \\
  --track-origins=yes --log-file="$work/logs/vg.%p.log" "$bin" "\$@"
WRAP
chmod +x "$work/stichwort"

sh "$here/../golden/run.sh" "$work/stichwort"
rc=$?
bad=0
for log in "$work"/logs/vg.*.log; do
	[ -s "$log" ] || continue
	bad=$((bad + 1))
	echo "== valgrind report $(basename "$log"):"
	cat "$log"
done
if [ $rc -ne 0 ] || [ $bad -ne 0 ]; then
	echo "valgrind: FAILED ($bad process(es) with memcheck reports)"
	exit 1
fi
n=$(ls "$work"/logs | wc -l)
echo "valgrind: golden suite clean under memcheck ($n processes, no errors, no leaks)"
