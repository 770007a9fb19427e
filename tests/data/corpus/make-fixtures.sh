#!/bin/sh
# Regenerate the binary fixtures of tests/unit/test_corpus.c (encodings,
# NUL bytes, invalid UTF-8).  The text fixtures beside them are written
# by hand.  Run from anywhere; needs printf and iconv.
set -eu
cd "$(dirname "$0")"
mkdir -p enc jsonl

# The sentence every encoding test decodes back to UTF-8.
s='Digitale Souveränität für Bürgerinnen und Bürger – „Open Source“ kostet 5 € weniger.\n'

printf "$s" | iconv -f UTF-8 -t WINDOWS-1252 > enc/win1252.txt
{ printf '\377\376'; printf "$s" | iconv -f UTF-8 -t UTF-16LE; } > enc/utf16le-bom.txt
{ printf '\376\377'; printf "$s" | iconv -f UTF-8 -t UTF-16BE; } > enc/utf16be-bom.txt
{ printf '\357\273\277'; printf "$s"; } > enc/utf8-bom.txt
printf "$s" > enc/utf8.txt

# Mostly UTF-8: two stray Latin-1 bytes (0xE4 "ä" at byte 13, 0xDF "ß"
# later) among many valid umlauts.
printf 'Die Stra\303\237e f\344hrt \303\274ber Br\303\274cken nach S\303\274den, Gr\303\274\337e.\n' \
	> enc/mostly-utf8.txt

# Binary: a ZIP-like header with NUL bytes.
printf 'PK\003\004\024\000\000\000\010\000Souver\303\244nit\303\244t' > enc/binary.txt

: > enc/empty.txt

# JSON Lines with non-UTF-8 lines: line 1 is windows-1252 throughout,
# line 2 is UTF-8 with one stray byte.
{
	printf '{"id": "w1", "text": "B\374rgerinnen und B\374rger \204fragen\223"}\n'
	printf '{"id": "w2", "text": "Gr\303\274\303\237e \303\274ber Br\303\274cken, \344"}\n'
} > jsonl/bad-utf8.jsonl
