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

start "16,000 one-document groups: report"
# report compares each group with the rest: all groups from one
# preparation (sw_keyness_units_new), each in time linear in its own
# tokens, not in the corpus (issue 23: 178 s, quadratic in groups); each
# document has a word of its own three times, its one distinctive term
python3 -c "
import sys
W = ['Verwaltung', 'Digitalisierung', 'Cloud', 'Netz', 'Daten', 'Schule']
L = 'abcdefghiklmnoprstu'
out = sys.stdout
for i in range(16000):
    t = ' '.join(W[(i * 7 + k * 3) % 6] for k in range(8))
    x, w = i, 'Zet'
    for _ in range(4):
        w += L[x % 19]
        x //= 19
    out.write('{\"id\":\"d%d\",\"group\":\"g%05d\",\"text\":\"%s. Die %s %s %s.\"}\n' % (i, i, t, w, w, w))" > groups.jsonl
rm -rf rep
run 60 0 report --jsonl groups.jsonl -o rep --keywords-top 1 --trends-top 1 -q
n=$(grep -c '"section": "keyness_group", "unit": "g[0-9]*", "rank": 1, ' rep/report.json)
[ "$n" = 16000 ] || note "expected a distinctive term for each of 16000 groups, got $n"
grep -qF '"section": "keyness_group", "unit": "g15999", "rank": 1, "term": "Zetbggc", "key": "zetbggc", "count": 3, "docs": 1' rep/report.json ||
	note "group g15999 lacks its term Zetbggc: $(grep -m1 '"unit": "g15999", "rank": 1' rep/report.json | grep keyness | cut -c1-200)"
finish
rm -rf groups.jsonl rep

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

# ---------------------------------------------------------------- hostile input, round two

start "manifest paths outside its directory (../, absolute, a link out)"
mkdir -p conf/c
printf 'Geheim und vertraulich.\n' > conf/secret.txt
printf 'Die Verwaltung.\n' > conf/c/a.txt
ln -s ../secret.txt conf/c/link.txt
printf '{"path":"a.txt"}\n{"path":"../secret.txt"}\n{"path":"%s/conf/secret.txt"}\n{"path":"link.txt"}\n' "$work" > conf/c/metadata.jsonl
run 10 1 terms conf/c --format json
err_has "conf/c/metadata.jsonl:2: byte 17: path \"../secret.txt\" leads outside the manifest's directory (to "
err_has "conf/c/metadata.jsonl:3: byte 42: path \""
err_has "\" is absolute; a manifest reads only files inside its directory: skipped (--allow-outside reads it)"
err_has "conf/c/metadata.jsonl:4: byte "
err_lines 3
out_has '"documents": 1'
grep -q '"geheim"' out && note "the secret file was read"
run 10 0 terms conf/c --format json --allow-outside
out_has '"documents": 4'
finish

start "manifest entries that are a FIFO and /dev/zero"
mkdir spec
printf 'Die Verwaltung.\n' > spec/a.txt
mkfifo spec/pipe.txt
printf '{"path":"a.txt"}\n{"path":"pipe.txt"}\n{"path":"/dev/zero","id":"z"}\n' > spec/metadata.jsonl
run 10 1 terms spec --format json --allow-outside
err_has "spec/metadata.jsonl:2: byte 17: spec/pipe.txt is a named pipe (FIFO), not a regular file; skipped"
err_has "spec/metadata.jsonl:3: byte 37: /dev/zero is a character device, not a regular file; skipped"
out_has '"documents": 1'
finish

start "an input without end (/dev/zero given directly, as a file and as JSONL)"
# the memory runs out: under a 1.5 GB address-space limit, or in a
# sanitizer build (whose shadow memory needs more address space than any
# ulimit -v) where ASan refuses any allocation above 600 MB instead
zero_run() {
	if [ "$scale" = 1 ]; then
		(ulimit -v 1500000; exec timeout $((30 * scale)) "$bin" "$@") > out 2> err < /dev/null
	else
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=600" \
			timeout $((30 * scale)) "$bin" "$@" > out 2> err < /dev/null
	fi
}
zero_run terms /dev/zero --format json
rc=$?
[ $rc = 3 ] || note "exit status $rc, expected 3"
err_has "stichwort terms: /dev/zero: out of memory after reading "
err_has " bytes without an end (a device such as /dev/zero, or a file still being written?)"
zero_run terms --jsonl /dev/zero --format json
rc=$?
[ $rc = 3 ] || note "exit status $rc, expected 3"
err_has "stichwort terms: /dev/zero:1: byte 0: out of memory after reading "
err_has " bytes of this line without an end"
finish

start "a file still being written while it is read"
python3 -c "import sys; sys.stdout.write('Die Verwaltung arbeitet. ' * 800000)" > grow.txt
python3 -c "
import time
f = open('grow.txt', 'a')
end = time.time() + 60
while time.time() < end:
    f.write('Noch mehr Verwaltung.\n')
    f.flush()
    time.sleep(0.0001)" &
writer=$!
sleep 1
run 60 1 terms grow.txt --format json --top 1
kill $writer 2>/dev/null
wait $writer 2>/dev/null
err_has "grow.txt: the file grew while it was read (still being written?); only its first "
err_has " bytes, its size when opened, were read"
out_has '"documents": 1'
finish
rm -f grow.txt

start "a directory tree deeper than PATH_MAX, and one 4,200 levels deep"
python3 -c "
import os
os.mkdir('deep')
os.chdir('deep')
open('a.txt', 'w').write('Die Verwaltung oben.\n')
for i in range(25):
    os.mkdir('v' * 200)
    os.chdir('v' * 200)
    if i == 12:
        open('b.txt', 'w').write('Die Verwaltung in der Mitte.\n')
open('c.txt', 'w').write('Die Verwaltung ganz unten.\n')"
run 20 0 terms deep --format json
out_has '"documents": 3'
out_has '"term": "Verwaltung", "key": "verwaltung", "count": 3'
# 4,200 levels: the walk stops at 4,096, saying so (it recurses)
python3 -c "
import os
os.mkdir('nest')
os.chdir('nest')
open('a.txt', 'w').write('Die Verwaltung oben.\n')
for i in range(4200):
    os.mkdir('d')
    os.chdir('d')
open('z.txt', 'w').write('Die Verwaltung zu tief.\n')"
run 30 1 terms nest --format json
err_has "/d: directories nested more than 4096 deep; not entered"
err_lines 1
out_has '"documents": 1'
finish

start "upper-case extensions (REDE.TXT, .Md) and a link that cannot be followed"
mkdir caps
printf 'Die Verwaltung.\n' > caps/REDE.TXT
printf 'Die digitale Verwaltung.\n' > caps/notiz.Md
printf 'kein Text\n' > caps/bild.pdf
ln -s nirgends/ordner caps/ordner
run 10 1 terms caps --format json
err_has "caps/ordner: cannot follow the symbolic link: No such file or directory; skipped"
err_lines 1
out_has '"documents": 2'
out_has '"term": "Verwaltung", "key": "verwaltung", "count": 2'
finish

start "UTF-16 JSON Lines with a BOM (LE and BE, as PowerShell 5 writes)"
python3 -c "
def lines(a, b, c):
    return '\r\n'.join(['{\"id\":\"' + a + '\",\"text\":\"Die Verwaltung arbeitet.\"}',
                      '{\"id\":\"' + b + '\",\"text\":\"Grüße an die Bürger und die Verwaltung.\"}',
                      'kaputt',
                      '{\"id\":\"' + c + '\",\"text\":\"Die Cloud der Verwaltung.\"}', ''])
open('u16le.jsonl', 'wb').write(b'\xff\xfe' + lines('a', 'b', 'c').encode('utf-16-le'))
open('u16be.jsonl', 'wb').write(b'\xfe\xff' + lines('x', 'y', 'z').encode('utf-16-be'))"
run 10 1 terms --jsonl u16le.jsonl --jsonl u16be.jsonl --format json
err_has "u16le.jsonl:3: byte 216: malformed JSON ('[' or '{' expected near 'kaputt'); line skipped"
err_has "u16be.jsonl:3: byte 216: malformed JSON"
err_lines 2
out_has '"documents": 6'
out_has '"term": "Verwaltung", "key": "verwaltung", "count": 6'
out_has '"term": "Gruß"'
finish

start "JSONL fields jansson refuses: an id beyond 2^63, \\u0000, a lone surrogate"
printf '%s\n' '{"id":18446744073709551616,"text":"Die Verwaltung eins."}' \
	'{"id":"nul","text":"Die Verwaltung zwei.","note":"a\u0000b"}' \
	'{"id":"sur","text":"Die Verwaltung drei \udc00.","title":"\ud800"}' > refused.jsonl
run 10 1 terms --jsonl refused.jsonl --by doc --format jsonl
err_has "refused.jsonl:1: byte 0: integer 18446744073709551616 is beyond 64 bits: kept as its decimal string; line kept"
err_has "refused.jsonl:2: byte 58: \\u0000 (U+0000) escape replaced by U+FFFD; line kept"
err_has "refused.jsonl:3: byte 119: lone surrogate escapes replaced by U+FFFD; line kept"
out_has '{"doc": "18446744073709551616", "term": "Verwaltung"'
out_has '{"doc": "nul", "term": "Verwaltung"'
out_has '{"doc": "sur", "term": "Verwaltung"'
finish

start "terminal escape sequences in ids and paths are escaped on stderr"
printf '%s\n' '{"id":"x\u001b[2J\u001b]0;titel\u0007","text":"Die Verwaltung."}' \
	'{"id":"x\u001b[2J\u001b]0;titel\u0007","text":"Die \u009b Verwaltung."}' > esc.jsonl
mkdir escdir
printf 'x\000y' > "escdir/$(printf 'a\033[2Jb\302\233c').txt"
run 10 1 terms --jsonl esc.jsonl escdir --format json
err_has 'esc.jsonl:2: byte 65: duplicate document id "x\x1b[2J\x1b]0;titel\x07" (first used by document 1); kept'
err_has 'escdir/a\x1b[2Jb\u009bc.txt: byte 1: NUL byte: binary data, not text; skipped'
if grep -q "$(printf '\033')" err || grep -q "$(printf '\302\233')" err; then
	note "a raw ESC or CSI byte reached stderr"
fi
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

start "report > /dev/full"
if [ -w /dev/full ]; then
	timeout $((10 * scale)) "$bin" report rede-out.txt -o rep-full > /dev/full 2> err < /dev/null
	rc=$?
	[ $rc = 3 ] || note "exit status $rc, expected 3"
	err_has "stichwort report: cannot write standard output: No space left on device"
	finish
else
	skip "no /dev/full"
fi

start "-o: no temporary file possible, a write-protected file, a long name, a dangling link"
mkdir rodir
"$bin" terms rede-out.txt --format csv -o rodir/terms.csv 2> err || note "first run failed"
cp rodir/terms.csv ro-good.csv
if [ "$as" = skip ]; then
	skip "running as root without a way to drop privileges: permission bits are not enforced"
	ok=1
else
	# a directory we may not create files in, holding a file we may write:
	# no writing in place, the file stays whole
	chmod 666 rodir/terms.csv
	chmod 555 rodir
	timeout $((10 * scale)) $as "$bin" terms big.txt --format csv -o rodir/terms.csv > out 2> err < /dev/null
	rc=$?
	[ $rc = 3 ] || note "read-only directory: exit status $rc, expected 3"
	err_has "stichwort terms: cannot write 'rodir/terms.csv': Permission denied (cannot create a temporary file in its directory"
	cmp -s ro-good.csv rodir/terms.csv || note "rodir/terms.csv was changed by the failed run"
	# a write-protected file in a writable directory is refused
	chmod 777 rodir
	chmod 444 rodir/terms.csv
	timeout $((10 * scale)) $as "$bin" terms big.txt --format csv -o rodir/terms.csv > out 2> err < /dev/null
	rc=$?
	[ $rc = 3 ] || note "write-protected file: exit status $rc, expected 3"
	err_has "stichwort terms: cannot write 'rodir/terms.csv': Permission denied (the file is write-protected"
	cmp -s ro-good.csv rodir/terms.csv || note "the write-protected rodir/terms.csv was replaced"
	[ "$(ls -A rodir)" = "terms.csv" ] || note "left behind: $(ls -A rodir | tr '\n' ' ')"
	chmod 755 rodir
fi
# a name of 250 bytes: the temporary name is cut, the output written
long=$(python3 -c "print('n' * 246 + '.csv')")
run 10 0 terms rede-out.txt --format csv -o "$long"
cmp -s ro-good.csv "$long" || note "the file with a 250-byte name was not written"
# a dangling symbolic link: written through to its target, the link stays
ln -s ziel.csv link.csv
run 10 0 terms rede-out.txt --format csv -o link.csv
[ -L link.csv ] || note "link.csv is no longer a symbolic link"
cmp -s ro-good.csv ziel.csv || note "the target of the dangling link was not written"
finish

start "an interrupted run removes its temporary file (SIGTERM, SIGHUP, SIGINT)"
# The run reads its text from a FIFO that this shell holds open and never
# writes: it has made its temporary file and waits for input when the
# signal comes (a run that could finish first made this case flaky).
mkfifo sigin
mkdir sig
# SIGINT of a background job is ignored by a non-interactive shell (and
# stays ignored): python sets the default action and execs the run.
for s in TERM HUP INT; do
	exec 3<> sigin
	if [ $s = INT ]; then
		python3 -c "
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])" "$bin" tokens - --format csv -o sig/tokens.csv -q < sigin > /dev/null 2> err &
	else
		"$bin" tokens - --format csv -o sig/tokens.csv -q < sigin > /dev/null 2> err &
	fi
	pid=$!
	i=0
	while [ $i -lt $((200 * scale)) ] && ! ls -A sig | grep -q 'tmp-'; do
		sleep 0.05
		i=$((i + 1))
	done
	ls -A sig | grep -q 'tmp-' || note "SIG$s: no temporary file seen"
	kill -$s $pid
	# (the shell's "Terminated" for the job is not wanted in the log)
	{ wait $pid; } 2> /dev/null
	rc=$?
	exec 3>&-
	case "$s:$rc" in
	TERM:143 | HUP:129 | INT:130) ;;
	*) note "SIG$s: exit status $rc, expected the signal's" ;;
	esac
	[ -z "$(ls -A sig)" ] || note "SIG$s left behind: $(ls -A sig | tr '\n' ' ')"
done
rm -f sigin
finish

start "a failed report -o DIR leaves the old report whole"
python3 -c "
import random
random.seed(1)
w = ['Verwaltung', 'Digitalisierung', 'Bund', 'Land', 'Cloud', 'Netz', 'Schule', 'Daten']
for i in range(300):
    open('repbig/d%03d.txt' % i, 'w').write(' '.join(random.choice(w) + str(random.randint(0, 50)) for _ in range(200)) + '.\n')
" 2> /dev/null || { mkdir repbig && python3 -c "
import random
random.seed(1)
w = ['Verwaltung', 'Digitalisierung', 'Bund', 'Land', 'Cloud', 'Netz', 'Schule', 'Daten']
for i in range(300):
    open('repbig/d%03d.txt' % i, 'w').write(' '.join(random.choice(w) + str(random.randint(0, 50)) for _ in range(200)) + '.\n')
"; }
"$bin" report rede-out.txt -o rep -q > /dev/null 2> err || note "first report failed"
cp -r rep rep-good
# report.json (28 KB) and report.md (6 KB) of the new report fit in 80
# blocks (dash counts 512 bytes, bash 1024), report.html (108 KB) does
# not: the third file fails after the first two were written
(trap '' XFSZ; ulimit -f 80; exec timeout $((30 * scale)) "$bin" report repbig -o rep -q) > out 2> err
rc=$?
[ $rc = 3 ] || note "exit status $rc, expected 3"
err_has "stichwort report: cannot write 'rep/report.html': File too large"
for x in json md html; do
	cmp -s rep-good/report.$x rep/report.$x || note "rep/report.$x was changed by the failed run"
done
[ "$(ls -A rep | tr '\n' ' ')" = "report.html report.json report.md " ] || note "left behind: $(ls -A rep | tr '\n' ' ')"
# a full file system, when this user may mount a small tmpfs
mkdir tiny
if mount -t tmpfs -o size=1m tmpfs tiny 2> /dev/null; then
	"$bin" report rede-out.txt -o tiny/rep -q > /dev/null 2> err || note "tmpfs: first report failed"
	cp -r tiny/rep tiny-good
	# leave 64 KiB free: the new report.json and report.md fit, report.html not
	python3 -c "
import os
st = os.statvfs('tiny')
open('tiny/ballast', 'wb').write(b'x' * max(0, st.f_bavail * st.f_frsize - 65536))"
	timeout $((30 * scale)) "$bin" report repbig -o tiny/rep -q > out 2> err
	rc=$?
	[ $rc = 3 ] || note "tmpfs: exit status $rc, expected 3"
	err_has "No space left on device"
	for x in json md html; do
		cmp -s tiny-good/report.$x tiny/rep/report.$x || note "tmpfs: report.$x was changed by the failed run"
	done
	[ "$(ls -A tiny/rep | tr '\n' ' ')" = "report.html report.json report.md " ] || note "tmpfs: left behind: $(ls -A tiny/rep | tr '\n' ' ')"
	umount tiny
else
	echo "  (no tmpfs: mount is not permitted here; the file size limit stood in for a full disk)"
fi
finish

start "two reports into one directory at once"
mkdir cona conb
printf 'Die Verwaltung.\n' > cona/a.txt
printf 'Die Cloud.\n' > cona/b.txt
for i in 1 2 3; do printf 'Das Netz %d.\n' $i > conb/$i.txt; done
t=0
while [ $t -lt 20 ]; do
	t=$((t + 1))
	"$bin" report cona -o same -q > /dev/null 2> err-a &
	pa=$!
	"$bin" report conb -o same -q > /dev/null 2> err-b &
	pb=$!
	wait $pa
	ra=$?
	wait $pb
	rb=$?
	[ "$ra$rb" = 00 ] || note "trial $t: exit statuses $ra and $rb, expected 0 and 0"
	j=$(grep -o '"documents": [0-9]*' same/report.json | head -n 1 | sed 's/.* //')
	m=$(sed -n 's/^- \([0-9]*\) documents.*/\1/p' same/report.md)
	h=$(grep -o 'no group: [0-9]* documents' same/report.html | head -n 1 | sed 's/no group: \([0-9]*\).*/\1/')
	if [ "$j" != "$m" ] || [ "$m" != "$h" ] || [ -z "$j" ]; then
		note "trial $t: a mixed report (json $j, md $m, html $h documents)"
		break
	fi
done
[ "$(ls -A same | tr '\n' ' ')" = "report.html report.json report.md " ] || note "left behind: $(ls -A same | tr '\n' ' ')"
finish

# ---------------------------------------------------------------- dates

start "a placeholder date (9999-12-31) among dated documents"
python3 -c "
import json, random
random.seed(3)
w = ['Verwaltung', 'Digitalisierung', 'Cloud', 'Netz', 'Schule', 'Daten', 'Bund', 'Land']
with open('dated.jsonl', 'w') as f:
    for i in range(240):
        y, m = 2018 + i // 30, 1 + i % 12
        f.write(json.dumps({'id': 'd%d' % i, 'date': '%d-%02d-15' % (y, m),
                            'text': ' '.join(random.choice(w) for _ in range(80)) + '.'}) + '\n')
    f.write(json.dumps({'id': 'platzhalter', 'date': '9999-12-31', 'text': 'Die Verwaltung.'}) + '\n')
"
# by quarter: 32,000 periods; the pivot that scanned every record per
# cell took minutes here (hours by month).  Random words have no
# significant trend (no rising or falling terms since issue 18), so a
# theme dictionary gives the report its series over the periods.
printf '{"Verwaltung": ["verwaltung"], "Daten": ["daten", "cloud"]}\n' > date-themes.json
run 30 0 report --jsonl dated.jsonl -o rep-date --period quarter --themes date-themes.json
err_has "stichwort report: note: document 'platzhalter': date 9999-12-31 is 7"
grep -qF "without documents are left out; report.json has every period." rep-date/report.md ||
	note "report.md does not say which periods it left out"
[ "$(wc -c < rep-date/report.md)" -lt 200000 ] || note "report.md has $(wc -c < rep-date/report.md) bytes"
grep -qF '"unit": "9999-Q4"' rep-date/report.json || note "report.json lacks the period 9999-Q4"
run 30 0 trends --jsonl dated.jsonl --by month --format jsonl
err_has "stichwort trends: note: document 'platzhalter': date 9999-12-31 is 7"
finish

start "kwic --sentence in a sentence of 55 KB"
python3 -c "
import random
random.seed(2)
w = ['Wort%d' % i for i in range(100)]
open('langer-satz.txt', 'w').write('Kurz. ' + ' '.join(random.choice(w) for _ in range(4000)) + ' Verwaltung ' + ' '.join(random.choice(w) for _ in range(4000)) + '. Ende.\n')"
run 10 0 kwic langer-satz.txt --term Wort1 --sentence --format jsonl
[ "$(wc -c < out)" -lt 400000 ] || note "the concordance has $(wc -c < out) bytes"
out_has '"left": "… Wort'
out_has ' …"}'
finish

# ---------------------------------------------------------------- reference lists

start "keywords --reference a file that does not exist"
printf 'Die digitale Verwaltung braucht offene Standards.\n' > ref-rede.txt
run 10 2 keywords ref-rede.txt --reference fehlt.tsv
err_has "stichwort keywords: fehlt.tsv: cannot read the reference list"
[ -s out ] && note "nothing may be written without the reference"
finish

start "keywords --reference a list with a count that is not a number"
printf 'term\tcount\nVerwaltung\t50\nStandard\tzwölf\n#total 100000\n' > ref-bad.tsv
run 10 1 keywords ref-rede.txt --reference ref-bad.tsv --format jsonl
err_has "ref-bad.tsv:3: count 'zwölf' is not a whole number"
out_has '"term": "Standard"'
out_has '"term": "Verwaltung"'
run 10 1 keywords ref-rede.txt --reference ref-bad.tsv --strict
err_has "ref-bad.tsv:3"
[ -s out ] && note "--strict: nothing may be written"
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

if [ "${THEMES_CASE:-0}" = 1 ]; then
	start "a theme dictionary with a UTF-8 BOM (as Notepad saves it)"
	printf '\357\273\277{"Digitales": ["digital", "Verwaltung"]}\n' > themes-bom.json
	run 10 0 themes rede.txt --dict themes-bom.json --format jsonl
	out_has '"theme": "Digitales"'
	finish
fi

echo "bad-input: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
