#!/bin/sh
# tests/terminal/completion.sh - the bash completion
# (tools/completion/stichwort.bash): commands, options read from the
# program's --help, option values, files.
#
#   sh tests/terminal/completion.sh path/to/stichwort
#
# Skipped with a message when bash is missing.

if [ $# -ne 1 ]; then
	echo "usage: completion.sh STICHWORT" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if ! command -v bash > /dev/null 2>&1; then
	echo "completion: bash not found; skipped"
	exit 0
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sw-completion-XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir "$scratch/bin" "$scratch/proj" "$scratch/proj/reden" "$scratch/proj/programme"
ln -s "$bin" "$scratch/bin/stichwort"
: > "$scratch/proj/reden.jsonl"

# One case per line: the words typed so far (the last is completed) and
# the expected completions, sorted, separated by " => ".
cat > "$scratch/cases" <<'EOC'
stichwort ke => keyness keywords
stichwort t => terms themes tokens trends
stichwort --ver => --version
stichwort terms --fo => --format
stichwort terms --format j => json jsonl
stichwort terms --format  => csv json jsonl md table tsv
stichwort terms --stemmer c => cistem
stichwort keywords --method t => textrank tfidf
stichwort phrases --measure  => cvalue ll
stichwort terms --by q => quarter
stichwort trends --by  => month quarter year
stichwort keywords --per g => group
stichwort terms --no- => --no-default-stopwords --no-progress
stichwort tokens --no-p => --no-progress --no-punct
stichwort terms --wi => --width --with-compounds
stichwort terms red => reden reden.jsonl
stichwort terms --jsonl reden. => reden.jsonl
stichwort phrases corpora --max => --max-len
EOC

cat > "$scratch/driver.bash" <<'EOD'
source "$1"
while IFS= read -r line; do
	words=${line%% => *}
	want=${line#* => }
	read -r -a COMP_WORDS <<< "$words"
	# a trailing blank means: completing an empty word
	[[ $words == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$words
	COMP_POINT=${#words}
	COMPREPLY=()
	_stichwort
	got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ')
	got=${got% }
	if [[ $got == "$want" ]]; then
		echo "ok"
	else
		echo "FAIL '$words': got '$got', expected '$want'"
	fi
done < "$2"
EOD

(cd "$scratch/proj" && PATH="$scratch/bin:$PATH" LC_ALL=C bash --norc --noprofile \
	"$scratch/driver.bash" "$top/tools/completion/stichwort.bash" "$scratch/cases") > "$scratch/out" 2>&1
grep -v '^ok$' "$scratch/out"
passed=$(grep -c '^ok$' "$scratch/out")
failed=$(grep -vc '^ok$' "$scratch/out")
echo "completion: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
