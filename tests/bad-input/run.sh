#!/bin/sh
# tests/bad-input/run.sh - the bad-input matrix (docs/bad-input.md): one
# case per kind of hostile or broken input, each checking the exit
# status, the message (file, line, byte) and what was still processed.
#
#   sh tests/bad-input/run.sh path/to/stichwort
#
# Every run is under `timeout`, so an input that makes the program
# superlinear fails the case instead of hanging the suite.  Inputs are
# generated into a scratch directory at run time.  Environment:
#   BAD_INPUT_HEAVY=1   the full-size rows: a 200 MB line (else 20 MB),
#                       10 million distinct tokens (else 200,000)
#   SW_TIME_SCALE=N     multiply every time bound by N (sanitizer builds)
# Ends with "bad-input: N passed, M failed, K skipped"; exit 1 on failure.

if [ $# -ne 1 ]; then
	echo "usage: run.sh STICHWORT" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
[ -x "$bin" ] || { echo "run.sh: $bin is not executable" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "run.sh: needs python3 to generate inputs" >&2; exit 2; }

scale=${SW_TIME_SCALE:-1}
heavy=${BAD_INPUT_HEAVY:-0}
# The full-size rows peak at about 5 GB (docs/reliability.md): with less
# memory available they fall back to the small sizes, saying so.
if [ "$heavy" = 1 ] && [ -r /proc/meminfo ]; then
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	if [ "${avail:-0}" -lt 8000 ]; then
		echo "bad-input: only ${avail} MB of memory available, the full-size rows need 8000: small sizes"
		heavy=0
	fi
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/sw-bad-input-XXXXXX") || exit 2
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 2
LC_ALL=C
export LC_ALL

passed=0
failed=0
skipped=0
name=""
ok=1

# start NAME: a new case.
start() {
	name=$1
	ok=1
}

# run SECONDS EXIT ARGS...: run stichwort ARGS with a time bound (scaled)
# into out/err; check the exit status.
run() {
	secs=$(($1 * scale))
	want=$2
	shift 2
	timeout "$secs" "$bin" "$@" > out 2> err < /dev/null
	rc=$?
	if [ $rc = 124 ]; then
		note "took longer than $secs s (stichwort $*)"
	elif [ "$rc" != "$want" ]; then
		note "exit status $rc, expected $want (stichwort $*)"
	fi
}

note() {
	[ $ok = 1 ] && echo "FAIL $name"
	echo "  $*"
	ok=0
}

# err_has TEXT / out_has TEXT / out_lacks TEXT: fixed strings.
err_has() {
	grep -qF -- "$1" err || { note "stderr lacks: $1"; sed 's/^/    stderr: /' err | head -n 8; }
}
out_has() {
	grep -qF -- "$1" out || { note "stdout lacks: $1"; cut -c1-200 out | sed 's/^/    stdout: /' | head -n 8; }
}
err_lines() {
	n=$(wc -l < err)
	[ "$n" -eq "$1" ] || { note "stderr has $n lines, expected $1"; sed 's/^/    stderr: /' err | head -n 12; }
}

finish() {
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
	fi
}

skip() {
	skipped=$((skipped + 1))
	echo "skip $name: $*"
}

# ---------------------------------------------------------------- encodings

start "invalid UTF-8: lone continuation bytes"
printf 'Die B\303\274rger \200\201 fragen nach der Verwaltung.\n' > lone.txt
run 10 1 terms lone.txt --format jsonl
err_has "lone.txt: byte 12: invalid UTF-8: 2 bytes replaced by U+FFFD (the first here); kept"
out_has '"term": "Bürger"'
out_has '"term": "Verwaltung"'
finish

start "invalid UTF-8: overlong forms"
printf 'Gr\303\274\303\237e f\303\274r B\303\274rger: \300\257 und \340\200\257 in der Verwaltung.\n' > overlong.txt
run 10 1 terms overlong.txt --format jsonl
err_has "overlong.txt: byte 22: invalid UTF-8: 5 bytes replaced by U+FFFD (the first here); kept"
out_has '"term": "Verwaltung"'
finish

start "invalid UTF-8: encoded surrogates"
printf 'Gr\303\274\303\237e \355\240\200 aus der Verwaltung.\n' > surrogate.txt
run 10 1 terms surrogate.txt --format jsonl
err_has "surrogate.txt: byte 8: invalid UTF-8: 3 bytes replaced by U+FFFD (the first here); kept"
out_has '"term": "Gruß"'
finish

start "invalid UTF-8: sequence truncated at end of file"
printf 'Die Verwaltung endet abgeschnitten \342\202' > truncated.txt
run 10 1 terms truncated.txt --format jsonl
err_has "truncated.txt: byte 35: invalid UTF-8: 2 bytes replaced by U+FFFD (the first here); kept"
out_has '"term": "abschneiden"'
finish

start "stray bytes in otherwise ASCII text (read as Windows-1252)"
printf 'Overlong \300\257 in der Verwaltung.\n' > ascii-stray.txt
run 10 0 terms ascii-stray.txt --format jsonl
err_has "ascii-stray.txt: byte 9: not valid UTF-8 (first invalid byte here); decoded as windows-1252"
out_has '"term": "Verwaltung"'
finish

start "UTF-16 without BOM (LE and BE)"
printf 'D\000i\000e\000 \000V\000e\000r\000w\000a\000l\000t\000u\000n\000g\000 \000G\000r\000\374\000\337\000e\000\n\000' > u16le.txt
printf '\000D\000i\000e\000 \000V\000e\000r\000w\000a\000l\000t\000u\000n\000g' > u16be.txt
run 10 0 terms u16le.txt u16be.txt --format jsonl
err_has "u16le.txt: no byte order mark, but zero bytes in every other position; decoded as UTF-16LE"
err_has "u16be.txt: no byte order mark, but zero bytes in every other position; decoded as UTF-16BE"
out_has '"term": "Verwaltung", "key": "verwaltung", "count": 2'
out_has '"term": "Gruß"'
finish

start "a mix of encodings in one directory"
mkdir mixed
printf 'Die Verwaltung in UTF-8: Gr\303\274\303\237e.\n' > mixed/a-utf8.txt
printf 'Die Verwaltung in Windows-1252: Gr\374\337e \204Zitat\223.\n' > mixed/b-cp1252.txt
printf '\377\376D\000i\000e\000 \000V\000e\000r\000w\000a\000l\000t\000u\000n\000g\000\n\000' > mixed/c-utf16.txt
printf '\357\273\277Die Verwaltung mit BOM.\n' > mixed/d-bom.txt
run 10 0 terms mixed --format json
err_has "mixed/b-cp1252.txt: byte 34: not valid UTF-8 (first invalid byte here); decoded as windows-1252"
err_lines 1
out_has '"documents": 4'
out_has '"term": "Verwaltung", "key": "verwaltung", "count": 4'
out_has '"term": "Gruß", "key": "gruss", "count": 2'
out_has '"term": "Zitat"'
finish

start "NUL bytes and binary files"
mkdir bin
printf 'Text\000mit NUL\n' > bin/nul.txt
python3 -c "import sys; sys.stdout.buffer.write(bytes((i * 7919 + 13) % 256 for i in range(4096)))" > bin/random.txt
printf 'Die Verwaltung bleibt.\n' > bin/ok.txt
run 10 1 terms bin --format json
err_has "bin/nul.txt: byte 4: NUL byte: binary data, not text; skipped"
err_has "bin/random.txt: byte "
err_has ": NUL byte: binary data, not text; skipped"
out_has '"documents": 1'
out_has '"problems": 2'
out_has '"term": "Verwaltung"'
finish

# ---------------------------------------------------------------- sizes

if [ "$heavy" = 1 ]; then mb=200; t_line=300; else mb=20; t_line=60; fi
start "a $mb MB single line without spaces"
python3 -c "
import sys
w = b'Verwaltungsdigitalisierung'
n = $mb * 1024 * 1024 // len(w)
sys.stdout.buffer.write(w * n)" > line.txt
run $t_line 0 terms line.txt --format json --top 1 --threads 1
out_has '"documents": 1, "tokens": 1, "types": 1'
out_has '"count": 1'
finish
rm -f line.txt

start "a single 10 MB word"
python3 -c "import sys; sys.stdout.write('a' * (10 * 1024 * 1024))" > word.txt
run 40 0 terms word.txt --format json --top 1
out_has '"documents": 1, "tokens": 1, "types": 1'
# the term is the whole word: 10,485,760 letters
len=$(python3 -c "import json; print(len(json.load(open('out'))['results'][0]['term']))")
[ "$len" = 10485760 ] || note "the term has $len letters, not the whole 10 MB word"
finish
rm -f word.txt

start "100,000 hyphens"
python3 -c "
import sys
sys.stdout.write('Die ' + '-' * 100000 + ' Verwaltung.\n')
sys.stdout.write('Bund' + '-' * 100000 + 'Land und ' + '- ' * 50000 + 'Ende\n')" > hyphens.txt
run 10 0 terms hyphens.txt --format json
out_has '"term": "Verwaltung"'
out_has '"term": "Ende"'
out_has '"documents": 1'
finish

if [ "$heavy" = 1 ]; then n=10000000; t_n=600; else n=200000; t_n=60; fi
start "$n distinct tokens"
# consonants only: no form is a German word or ends like one, so every
# token keeps its own lemma and key (with real letters a few coincide with
# lexicon forms, "quaken", and share a lemma)
python3 -c "
import sys
L = 'bcdfghjklmnpqrstvwxz'
out = sys.stdout
buf = []
for i in range($n):
    x = i
    w = 'q'
    for _ in range(6):
        w += L[x % 20]
        x //= 20
    buf.append(w)
    if len(buf) == 12:
        out.write(' '.join(buf) + '\n')
        buf = []
out.write(' '.join(buf) + '\n')" > distinct.txt
run $t_n 0 terms distinct.txt --stemmer none --format json --top 3 --threads 1
out_has "\"documents\": 1, \"tokens\": $n, \"types\": $n"
out_has '"count": 1, "per_10k"'
finish
rm -f distinct.txt

start "100,000 one-document groups"
# the units (groups, titles, speakers) are found by hash, and a unit's
# table starts small: linear time, and memory that grows with what the
# units hold (issue 23: this took over 300 s and 2.85 GB)
python3 -c "
import sys
W = ['Verwaltung', 'Digitalisierung', 'Cloud', 'Netz', 'Daten', 'Schule']
out = sys.stdout
for i in range(100000):
    t = ' '.join(W[(i * 7 + k * 3) % 6] for k in range(8))
    out.write('{\"id\":\"d%d\",\"group\":\"g%d\",\"text\":\"%s. Die wort%d.\"}\n' % (i, i, t, i))" > groups.jsonl
# (no address-space limit under the sanitizers: their shadow memory needs more)
(if [ "$scale" = 1 ]; then ulimit -v 1500000; fi
 exec timeout $((60 * scale)) "$bin" terms --jsonl groups.jsonl --by group --top 1 --format jsonl) > out 2> err < /dev/null
rc=$?
[ $rc = 0 ] || note "exit status $rc, expected 0 (terms --by group, 1.5 GB address space)"
[ "$(grep -c '"group": "g' out)" = 100000 ] || note "expected 100000 groups, got $(grep -c '"group": "g' out)"
out_has '{"group": "g99999", "term": '
run 60 0 keywords --jsonl groups.jsonl --per group --top 1 --threads 2 --format jsonl
[ "$(grep -c '"group": "g' out)" = 100000 ] || note "keywords: expected 100000 groups, got $(grep -c '"group": "g' out)"
finish
rm -f groups.jsonl

start "--threads 8 under a 400 MB address-space limit (ulimit -v)"
if [ "$scale" != 1 ]; then
	skip "sanitizer build (SW_TIME_SCALE=$scale): its shadow memory needs more address space than any ulimit -v"
else
	# glibc's malloc arena per thread reserves 64 MB of address space: under
	# ulimit -v the CLI keeps one arena, and an analyser whose state cannot be
	# had is left out (a warning); the output is that of one thread (issue 23:
	# out of memory, exit 3)
	python3 -c "
import random
random.seed(5)
L = 'bcdfghjklmnprstvwz'
V = 'aeiou'
words = [''.join(random.choice(L) + random.choice(V) for _ in range(random.randint(2, 5))) for _ in range(60000)]
for i in range(4000):
    print('{\"id\":\"d%d\",\"text\":\"%s\"}' % (i, ' '.join(random.choice(words) for _ in range(120))))" > threads.jsonl
	run 60 0 terms --jsonl threads.jsonl --threads 1 --format jsonl
	mv out one.out
	(ulimit -v 400000; exec timeout $((60 * scale)) "$bin" terms --jsonl threads.jsonl --threads 8 --format jsonl) > out 2> err < /dev/null
	rc=$?
	[ $rc = 0 ] || { note "exit status $rc, expected 0 (--threads 8, ulimit -v 400000)"; sed 's/^/    stderr: /' err | head -n 4; }
	cmp -s one.out out || note "the output of --threads 8 under the limit differs from --threads 1"
	finish
	rm -f threads.jsonl one.out
fi

start "--by a field that no document has (a typo)"
printf '{"id":"a","group":"X","date":"2024-01-01","text":"Die Verwaltung."}\n' > by.jsonl
run 10 2 terms --jsonl by.jsonl --by gruop
err_has "stichwort terms: no document has the field 'gruop'"
[ -s out ] && note "nothing may be written"
run 10 2 themes --jsonl by.jsonl --terms Verwaltung --by gruop
err_has "stichwort themes: no document has the field 'gruop'"
run 10 2 trends --jsonl by.jsonl --by gruop
err_has "stichwort trends: --by takes year, quarter or month, not 'gruop'"
run 10 2 keyness --jsonl by.jsonl --by gruop --target X
err_has "stichwort keyness: no document has gruop 'X'"
run 10 0 terms --jsonl by.jsonl --by group --format jsonl
out_has '"group": "X"'
finish

# ---------------------------------------------------------------- JSON Lines

start "JSONL: deeply nested and very long JSON values"
python3 -c "
import json, sys
print(json.dumps({'id': 'flach', 'text': 'Die Verwaltung arbeitet.'}))
print('{\"id\":\"tief\",\"x\":' + '[' * 100000 + ']' * 100000 + ',\"text\":\"tief\"}')
print(json.dumps({'id': 'lang', 'x': 'y' * (20 * 1024 * 1024), 'text': 'Lange Metadaten, kurze Verwaltung.'}))
print('{\"id\":\"tief2\",\"text\":\"verschachtelt\",\"x\":' + '{\"a\":' * 3000 + '1' + '}' * 3000 + '}')
print(json.dumps({'id': 'langtext', 'text': 'Verwaltung ' * 500000}))
" > nested.jsonl
run 30 1 terms --jsonl nested.jsonl --format json
err_has "nested.jsonl:2: byte 2116: malformed JSON (maximum parsing depth reached near '['); line skipped"
err_has "nested.jsonl:4: byte 21181951: malformed JSON (maximum parsing depth reached near '{'); line skipped"
err_lines 2
out_has '"documents": 3'
out_has '"term": "Verwaltung", "key": "verwaltung", "count": 500002'
finish

start "JSONL: text missing or not a string"
cat > text.jsonl <<'EOF'
{"id":"ok","text":"Die Verwaltung arbeitet."}
{"id":"ohne"}
{"id":"zahl","text":42}
{"id":"liste","text":["a","b"]}
{"id":"null","text":null}
kein JSON
{"id":"ok2","text":"Die Verwaltung ruht."}
EOF
run 10 1 terms --jsonl text.jsonl --format json
err_has 'text.jsonl:2: byte 46: no "text" field; line skipped'
err_has 'text.jsonl:3: byte 60: "text" is a number, not a string; line skipped'
err_has 'text.jsonl:4: byte 84: "text" is an array, not a string; line skipped'
err_has 'text.jsonl:5: byte 116: "text" is null, not a string; line skipped'
err_has "text.jsonl:6: byte 145: malformed JSON ('[' or '{' expected near 'kein'); line skipped"
out_has '"documents": 2'
out_has '"term": "Verwaltung", "key": "verwaltung", "count": 2'
finish

start "duplicate document ids"
printf '{"id":"a","text":"Die Verwaltung."}\n{"id":"b","text":"Die Bundesregierung."}\n{"id":"a","text":"Die Verwaltung wieder."}\n' > dup.jsonl
run 10 1 terms --jsonl dup.jsonl --by doc --format jsonl
err_has 'dup.jsonl:3: byte 77: duplicate document id "a" (first used by document 1); kept'
out_has '{"doc": "a", "term": "Verwaltung"'
out_has '{"doc": "b", "term": "Bundesregierung"'
[ "$(grep -c '"doc": "a", "term": "Verwaltung"' out)" = 2 ] || note "both documents \"a\" should be counted"
finish

# ---------------------------------------------------------------- metadata

start "manifest line whose path does not exist"
mkdir manifest
printf 'Die Verwaltung.\n' > manifest/a.txt
printf '{"path":"a.txt","date":"2024-01-02"}\n{"path":"fehlt.txt","date":"2024-01-03"}\n' > manifest/metadata.jsonl
run 10 1 terms manifest --format json
err_has "manifest/metadata.jsonl:2: byte 37: cannot read manifest/fehlt.txt: No such file or directory; skipped"
out_has '"documents": 1'
finish

start "--meta record whose path does not exist"
mkdir meta
printf 'Die Verwaltung.\n' > meta/a.txt
printf '{"path":"a.txt","date":"2024-01-02"}\n{"path":"fehlt.txt","date":"2024-01-03"}\n' > meta.jsonl
run 10 1 terms meta --meta meta.jsonl --by year --format jsonl
err_has 'meta.jsonl:2: metadata for path "fehlt.txt": no such file (in any directory input or as given); record unused'
out_has '{"year": "2024", "term": "Verwaltung"'
finish

start "impossible dates (2025-13-45)"
printf '{"id":"a","date":"2025-13-45","text":"Die Verwaltung."}\n{"id":"b","date":"2024-02-30","text":"Die Verwaltung."}\n{"id":"c","date":"2024-02-29","text":"Die Verwaltung."}\n' > dates.jsonl
run 10 1 terms --jsonl dates.jsonl --by year --format jsonl
err_has 'dates.jsonl:1: byte 0: invalid date "2025-13-45" (expected YYYY, YYYY-MM or YYYY-MM-DD naming a real day); document kept without date'
err_has 'dates.jsonl:2: byte 56: invalid date "2024-02-30"'
out_has '{"year": "2024", "term": "Verwaltung", "key": "verwaltung", "count": 1'
out_has '{"year": null, "term": "Verwaltung", "key": "verwaltung", "count": 2'
finish

# ---------------------------------------------------------------- file system

start "an empty directory"
mkdir empty
run 10 0 terms empty --format json
err_has "empty: no .txt or .md files in this directory or below it; nothing read"
out_has '"documents": 0'
finish

start "an unreadable file"
# Root ignores permission bits: as root the case runs as user "nobody"
# (setpriv), which needs the scratch directory and the binary readable.
as=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && chmod 755 "$work" &&
	   setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" --help > /dev/null 2>&1; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		as=skip
	fi
fi
if [ "$as" = skip ]; then
	skip "running as root without a way to drop privileges: permission bits are not enforced"
else
	mkdir unread
	printf 'Die Verwaltung.\n' > unread/a.txt
	printf 'Geheim.\n' > unread/b.txt
	chmod 000 unread/b.txt
	timeout $((10 * scale)) $as "$bin" terms unread --format json > out 2> err < /dev/null
	rc=$?
	[ $rc = 1 ] || note "exit status $rc, expected 1"
	err_has "unread/b.txt: cannot read: Permission denied; skipped"
	out_has '"documents": 1'
	finish
fi

start "a symbolic link loop in a directory tree"
mkdir -p loop/sub
printf 'Die Verwaltung.\n' > loop/sub/a.txt
ln -s .. loop/sub/hoch
ln -s selbst.txt loop/selbst.txt
run 10 1 terms loop --format json
err_has "loop/sub/hoch: directory already visited (symbolic link loop or second link); not entered again"
err_has "loop/selbst.txt: cannot read: Too many levels of symbolic links; skipped"
out_has '"documents": 1'
finish

# ---------------------------------------------------------------- output

printf 'Die Verwaltung der Bundesregierung und die digitale Verwaltung.\n' > rede-out.txt

start "writing to a full disk: -o /dev/full"
if [ -w /dev/full ]; then
	run 10 3 terms rede-out.txt -o /dev/full
	err_has "stichwort terms: cannot write /dev/full: No space left on device"
	finish
else
	skip "no /dev/full"
fi

start "writing to a full disk: > /dev/full"
if [ -w /dev/full ]; then
	timeout $((10 * scale)) "$bin" tokens rede-out.txt > /dev/full 2> err < /dev/null
	rc=$?
	[ $rc = 3 ] || note "exit status $rc, expected 3"
	err_has "stichwort tokens: cannot write standard output: No space left on device"
	finish
else
	skip "no /dev/full"
fi

start "a failed write leaves the old output file in place"
mkdir outdir
"$bin" terms rede-out.txt --format csv -o outdir/terms.csv 2> err || note "first run failed"
cp outdir/terms.csv good.csv
# 1 KiB file size limit; SIGXFSZ ignored so that write(2) fails (EFBIG).
python3 -c "
import sys
sys.stdout.write(' '.join('Wort%d' % i for i in range(20000)) + '\n')" > big.txt
(trap '' XFSZ; ulimit -f 1; exec timeout $((30 * scale)) "$bin" tokens big.txt --format csv -o outdir/terms.csv) > out 2> err
rc=$?
[ $rc = 3 ] || note "exit status $rc, expected 3"
err_has "stichwort tokens: cannot write outdir/terms.csv: File too large"
cmp -s good.csv outdir/terms.csv || note "outdir/terms.csv was changed by the failed run"
[ "$(ls -A outdir)" = "terms.csv" ] || note "left behind: $(ls -A outdir | tr '\n' ' ')"
finish

# ---------------------------------------------------------------- themes

start "a theme dictionary with a syntax error"
if ! "$bin" themes --help > /dev/null 2>&1; then
	skip "the themes command is not available in this build"
else
	THEMES_CASE=1
fi
if [ "${THEMES_CASE:-0}" = 1 ]; then
	printf 'Die digitale Verwaltung und der Klimaschutz.\n' > rede.txt
	printf '{\n  "Digitales": ["digital", "Verwaltung"],\n  "Klima": ["Klimaschutz" "Energie"]\n}\n' > themes.json
	run 10 2 themes rede.txt --dict themes.json
	err_has "themes.json:3: byte 79: JSON syntax error: ']' expected near '\"Energie\"'"
	[ -s out ] && note "nothing may be counted with a broken dictionary"
	finish
fi

echo "bad-input: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
