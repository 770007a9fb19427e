#!/bin/sh
# Turn a text file into the body of a C string literal, one source line per
# line, so that data files (stopword and abbreviation lists) are compiled
# into the library and the binary works without its source tree.
# Usage: embed.sh FILE > FILE.inc
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$1"
