#!/bin/sh
# tools/build-reference.sh - rebuild the built-in reference list of general
# political German (data/reference/bundestag-2022-2023.tsv) with stichwort
# itself, from the Bundestag speeches of 2022-2023 (issue 18; format:
# `stichwort keyness --help`, data/reference/README.md).
#
#   sh tools/build-reference.sh [BIN [CORPUS [OUT]]]
#
# BIN      stichwort binary (default build/stichwort)
# CORPUS   the speeches as JSON Lines (default
#          ../shared/corpora/bundestag-2022-2023.jsonl)
# OUT      the list (default data/reference/bundestag-2022-2023.tsv)
#
# Lines are keyed ("#key lemma": lemma key, display form, count), so
# that loading the list does not lemmatize a form out of context again
# ("heißen" alone is the adjective "heiß").
# Words: every content word of the corpus (lemma key, default stopwords
# left out as they are everywhere) seen at least WORD_MIN times; phrases:
# every phrase seen at least PHRASE_MIN times.  "#total" is the corpus's
# counted tokens, so that the cut-off tail and the stopwords still count
# in the reference's size; "#absent" / "#absent-phrases" are the most a
# word / phrase the list lacks can have been seen (the cut less one), the
# count keyness takes for it, so that a term below the cut is not key
# merely for being missing.  Rebuild after a change of the lemmatizer or
# the tokenizer (the list's terms are keyed again when it is loaded, but
# what counts as a word or phrase follows the code that counted them).
set -eu

BIN=${1:-build/stichwort}
CORPUS=${2:-../shared/corpora/bundestag-2022-2023.jsonl}
OUT=${3:-data/reference/bundestag-2022-2023.tsv}
WORD_MIN=${WORD_MIN:-3}
PHRASE_MIN=${PHRASE_MIN:-5}

[ -x "$BIN" ] || { echo "build-reference: no stichwort binary at $BIN (run make)" >&2; exit 2; }
[ -r "$CORPUS" ] || { echo "build-reference: cannot read the corpus $CORPUS" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$BIN" terms --jsonl "$CORPUS" --top 0 --format json -q -o "$tmp/terms.json"
"$BIN" terms --jsonl "$CORPUS" --top 0 --format tsv -q -o "$tmp/terms.tsv"
"$BIN" phrases --jsonl "$CORPUS" --top 0 --min-count "$PHRASE_MIN" --format tsv -q \
	-o "$tmp/phrases.tsv"

docs=$(sed -n 's/.*"corpus": {"documents": \([0-9]*\).*/\1/p' "$tmp/terms.json")
tokens=$(sed -n 's/.*"corpus": {[^}]*"tokens": \([0-9]*\).*/\1/p' "$tmp/terms.json")
version=$("$BIN" --version | head -n 1)
[ -n "$tokens" ] || { echo "build-reference: no token total in the terms output" >&2; exit 1; }

{
	printf '# stichwort reference list: general political German\n'
	printf '# source: %s (%s speeches of the German Bundestag, 2022-2023)\n' \
		"$(basename "$CORPUS")" "$docs"
	printf '# built by tools/build-reference.sh with %s\n' "$version"
	printf '# words seen >= %s times (lemmas), phrases seen >= %s times\n' "$WORD_MIN" "$PHRASE_MIN"
	printf '#total %s\n' "$tokens"
	printf '# a term the list lacks was seen fewer times than the cut: at most\n'
	printf '#absent %s\n#absent-phrases %s\n' $((WORD_MIN - 1)) $((PHRASE_MIN - 1))
	printf '# lines: lemma key, display form, count\n#key lemma\n'
	# columns of terms: term key count per_10k docs in_compounds
	awk -F'\t' -v min="$WORD_MIN" 'NR > 1 && $3 >= min { print $2 "\t" $1 "\t" $3 }' "$tmp/terms.tsv"
	# columns of phrases: term key count docs score n variants
	awk -F'\t' 'NR > 1 { print $2 "\t" $1 "\t" $3 }' "$tmp/phrases.tsv"
} > "$tmp/out.tsv"
mv "$tmp/out.tsv" "$OUT"
echo "build-reference: $OUT: $(grep -vc '^#' "$OUT") terms, $tokens tokens" >&2
