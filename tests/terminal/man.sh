#!/bin/sh
# tests/terminal/man.sh - the man page docs/stichwort.1: renders without
# a single groff warning, and documents every command of `stichwort
# --help` and every common option of `stichwort terms --help`.
#
#   sh tests/terminal/man.sh path/to/stichwort
#
# Skipped with a message when groff is missing (Debian: groff-base).

if [ $# -ne 1 ]; then
	echo "usage: man.sh STICHWORT" >&2
	exit 2
fi
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
page="$here/../../docs/stichwort.1"
if ! command -v groff > /dev/null 2>&1; then
	echo "man: groff not found (Debian: groff-base); skipped"
	exit 0
fi
failed=0
# -ww: all warnings; -z: no output, so anything printed is a warning.
warn=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
if [ -n "$warn" ]; then
	echo "FAIL man: groff warnings:"
	echo "$warn"
	failed=1
fi
text=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -P-c -rLL=200n "$page" 2>/dev/null | sed 's/.\x08//g')
for s in NAME SYNOPSIS DESCRIPTION COMMANDS "COMMON OPTIONS" INPUT "OUTPUT FORMATS" \
	"EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
	printf '%s\n' "$text" | grep -q "^$s\$" || { echo "FAIL man: no section $s"; failed=1; }
done
cmds=$("$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$cmds" ] || { echo "FAIL man: no commands in 'stichwort --help'"; failed=1; }
for c in $cmds; do
	grep -q "^\.B $c\$" "$page" || { echo "FAIL man: command $c not in COMMANDS"; failed=1; }
done
# The common options (those of `terms --help` after the command's own).
opts=$("$bin" terms --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}\(--[a-z0-9-]*\).*/\2/p')
for o in $opts; do
	case $o in --top|--by|--all) continue ;; esac
	esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	grep -q "$esc" "$page" ||
		{ echo "FAIL man: option $o not documented"; failed=1; }
done
if command -v man > /dev/null 2>&1; then
	man -l "$page" > /dev/null 2>&1 || { echo "FAIL man: man -l cannot show the page"; failed=1; }
fi
[ $failed = 0 ] && echo "man: docs/stichwort.1 renders without warnings and covers $(echo $cmds | wc -w) commands"
exit $failed
