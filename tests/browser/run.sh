#!/bin/sh
# tests/browser/run.sh - report.html in a real browser, and its validity.
#
#   sh tests/browser/run.sh path/to/stichwort
#
# Writes a report of corpora/ (with the theme dictionary of the golden
# case tests/golden/report/themes) into BUILD/browser/ beside the binary,
# then:
#   1. html    tests/browser/check_html.py: well-formed, self-contained,
#              unique ids, links resolve, every chart has a title, a desc
#              and drawn marks (python3; skipped without it)
#   2. tidy    HTML Tidy reports no problem except the two it raises for
#              valid inline SVG 2 (an <a href> and a <title id> inside
#              <svg>; its HTML 5 tables predate SVG 2) (skipped without tidy)
#   3. browser headless Chromium loads the page with ?selftest: the page's
#              script must have run (data-js="ok" on <html>), raised no
#              error (no data-js-error, no console message in the browser
#              log), counted drawn marks with a positive size in every
#              chart (data-drawn > 0), and opened the concordance lines of
#              the first term on a click (data-selftest="ok"); then a
#              screenshot goes to BUILD/browser/report.png
#              (skipped with a message without chromium)
# Ends with "browser: N passed, M failed, K skipped".
set -u
bin=${1:?usage: run.sh path/to/stichwort}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
out=$(cd "$(dirname "$bin")" && pwd)/browser
rm -rf "$out"
mkdir -p "$out"
pass=0
fail=0
skip=0

if ! (cd "$top/tests/golden/report/themes" &&
	"$bin" report "$top/corpora" --themes themes.json -o "$out/report" -q > "$out/stdout.txt"); then
	echo "FAIL browser: stichwort report failed"
	echo "browser: 0 passed, 1 failed, 0 skipped"
	exit 1
fi
html=$out/report/report.html

# 1. structure and validity
if command -v python3 > /dev/null 2>&1; then
	if python3 "$here/check_html.py" --quiet "$html"; then
		pass=$((pass + 1))
	else
		echo "FAIL html: $html"
		fail=$((fail + 1))
	fi
else
	echo "SKIP html: python3 not installed"
	skip=$((skip + 1))
fi

# 2. HTML Tidy
if command -v tidy > /dev/null 2>&1; then
	tidy -q -e "$html" > "$out/tidy.txt" 2>&1
	if grep -v -e 'Warning: <a> proprietary attribute "href"' \
		-e 'Warning: <title> proprietary attribute "id"' "$out/tidy.txt" | grep -q .; then
		echo "FAIL tidy: $html"
		grep -v -e 'proprietary attribute "href"' -e 'proprietary attribute "id"' "$out/tidy.txt" | head -20
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
else
	echo "SKIP tidy: not installed (Debian package tidy)"
	skip=$((skip + 1))
fi

# 3. headless Chromium
chrome=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" > /dev/null 2>&1; then
		chrome=$c
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "SKIP browser: chromium not installed (Debian package chromium; .ci/run installs it)"
	skip=$((skip + 1))
else
	flags="--headless --disable-gpu --no-sandbox --hide-scrollbars --user-data-dir=$out/profile"
	# shellcheck disable=SC2086
	timeout 180 "$chrome" $flags --virtual-time-budget=5000 --enable-logging=stderr --v=0 \
		--dump-dom "file://$html?selftest" > "$out/dom.html" 2> "$out/chromium.log"
	ncharts=$(grep -c '<svg class="chart"' "$html")
	drawn=$(grep -o 'data-drawn="[0-9]*"' "$out/dom.html" | grep -vc 'data-drawn="0"')
	ok=1
	if ! grep -q '<html[^>]* data-js="ok"' "$out/dom.html"; then
		echo "FAIL browser: the page's script did not finish (no data-js=\"ok\"; see $out/chromium.log)"
		ok=0
	fi
	if grep -q 'data-js-error=' "$out/dom.html" || grep -q ':CONSOLE' "$out/chromium.log"; then
		echo "FAIL browser: console messages or script errors:"
		grep ':CONSOLE' "$out/chromium.log" | head -10
		ok=0
	fi
	if [ "$ncharts" -eq 0 ] || [ "$drawn" -ne "$ncharts" ]; then
		echo "FAIL browser: $drawn of $ncharts charts have drawn marks"
		ok=0
	fi
	if ! grep -q 'data-selftest="ok"' "$out/dom.html"; then
		echo "FAIL browser: clicking a term did not open its concordance lines"
		ok=0
	fi
	# shellcheck disable=SC2086
	timeout 180 "$chrome" $flags --window-size=1280,2600 --screenshot="$out/report.png" \
		"file://$html" > /dev/null 2>> "$out/chromium.log"
	if [ ! -s "$out/report.png" ]; then
		echo "FAIL browser: no screenshot"
		ok=0
	fi
	if [ $ok = 1 ]; then
		echo "browser: $ncharts charts drawn, no console errors; screenshot $out/report.png"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
fi

echo "browser: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
