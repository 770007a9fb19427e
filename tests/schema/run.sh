#!/bin/sh
# Validate real output of every command against docs/schema/*.schema.json.
# usage: run.sh path/to/stichwort
set -u
bin=${1:?stichwort binary}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if ! command -v python3 >/dev/null 2>&1; then
	echo "schema: SKIPPED (python3 not installed; the schema checks need it)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
# one bad JSONL line, so that warnings are exercised too
printf '%s\n' '{"id": "a", "date": "2024-01-02", "group": "G", "text": "Digitale Souveränität für Bürger*innen."}' \
	'not json' > "$tmp/in.jsonl"
check() { # name schema args...
	name=$1; schema=$2; shift 2
	"$bin" "$@" --format json > "$tmp/$name.json" 2>/dev/null
	"$bin" "$@" --format jsonl > "$tmp/$name.jsonl" 2>/dev/null
	if python3 "$here/validate.py" "$top/docs/schema/$schema" "$tmp/$name.json" >/dev/null &&
	   python3 "$here/validate.py" --jsonl "$top/docs/schema/$schema" "$tmp/$name.jsonl" >/dev/null; then
		pass=$((pass + 1))
	else
		python3 "$here/validate.py" "$top/docs/schema/$schema" "$tmp/$name.json"
		echo "FAIL schema $name"
		fail=$((fail + 1))
	fi
}
for s in "$top"/docs/schema/*.schema.json; do
	cmd=$(basename "$s" .schema.json)
	case $cmd in
	tokens) check tokens tokens.schema.json tokens "$top/corpora" --jsonl "$tmp/in.jsonl" ;;
	terms) check terms terms.schema.json terms "$top/corpora" --jsonl "$tmp/in.jsonl"
		check terms-by terms.schema.json terms "$top/corpora" --by year --top 5 ;;
	phrases) check phrases phrases.schema.json phrases "$top/corpora" ;;
	keywords) check keywords keywords.schema.json keywords "$top/corpora"
		check keywords-per keywords.schema.json keywords "$top/corpora" --per group ;;
	keyness) check keyness keyness.schema.json keyness "$top/corpora" --jsonl "$tmp/in.jsonl" --by group --target Kommune
		check keyness-dates keyness.schema.json keyness "$top/corpora" --target-dates 2023.. --p 0.05 --bonferroni
		check keyness-themes keyness.schema.json keyness "$top/corpora" --by year --target 2024 --themes "$top/tests/golden/keyness/themes/themen.json"
		check keyness-g2-docs keyness.schema.json keyness "$top/corpora" --by group --target Kommune --measure g2_docs
		check keyness-list keyness.schema.json keyness "$top/corpora" --reference-list "$top/tests/golden/keyness/reference-list/allgemein.tsv" ;;
	trends) check trends trends.schema.json trends "$top/corpora" --jsonl "$tmp/in.jsonl" --terms 'souveränität,open source'
		check trends-summary trends.schema.json trends "$top/corpora" --rising 3 --falling 3 --summary ;;
	themes) check themes themes.schema.json themes "$top/corpora" --jsonl "$tmp/in.jsonl" --dict "$top/docs/examples/digitale-souveraenitaet.json"
		check themes-by themes.schema.json themes "$top/corpora" --terms 'souverän*,open source' --by year --per-pattern ;;
	kwic) check kwic kwic.schema.json kwic "$top/corpora" --jsonl "$tmp/in.jsonl" --term 'digitale souveränität' --term 'souverän*'
		check kwic-sentence kwic.schema.json kwic "$top/corpora" --dict "$top/docs/examples/digitale-souveraenitaet.json" --sentence --limit 50 ;;
	report)
		if "$bin" report "$top/corpora" --jsonl "$tmp/in.jsonl" --themes "$top/tests/golden/report/themes/themes.json" -o "$tmp/rep" > /dev/null 2>&1 ||
		   [ -f "$tmp/rep/report.json" ]; then
			if python3 "$here/validate.py" "$top/docs/schema/report.schema.json" "$tmp/rep/report.json" > /dev/null; then
				pass=$((pass + 1))
			else
				python3 "$here/validate.py" "$top/docs/schema/report.schema.json" "$tmp/rep/report.json"
				echo "FAIL schema report"; fail=$((fail + 1))
			fi
		else
			echo "FAIL schema report: no report.json"; fail=$((fail + 1))
		fi ;;
	*) echo "FAIL schema $cmd: no check for this schema"; fail=$((fail + 1)) ;;
	esac
done
echo "schema: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
