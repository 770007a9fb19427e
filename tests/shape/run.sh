#!/bin/sh
# tests/shape/run.sh - the shape fuzzer (issue 23, docs/reliability.md).
#
#   sh tests/shape/run.sh path/to/stichwort      (best: the ASan + UBSan build)
#
# Each round, tests/shape/gen.py writes a corpus of a hostile *shape*
# (thousands of one-document groups, sentinel dates, empty groups,
# stopword-only or punctuation-only documents, a 1 MB title, a 5 MB word,
# many distinct field values, deep period series; as JSON Lines, a manifest
# directory, a plain directory with --meta, or all at once) and the command
# lines to run on it: every command once with options drawn from the seed,
# then the runs aimed at the shape.  A run fails when
#   - its exit status is not 0, 1 or 3 (2, a usage error, means the
#     fuzzer's own command line is wrong, so it fails too),
#   - a sanitizer reports anything (stderr, or exit status 86),
#   - it exceeds SHAPE_TIMEOUT seconds or its memory bound,
#   - it takes more than SHAPE_RATIO times as long as the same command line
#     on an ordinary corpus of the same size (normal documents and dates,
#     five groups; generated when a run exceeds SHAPE_FLOOR seconds, so
#     fast runs cost nothing; a ratio above the bound is measured twice).
#     trends and report draw every period from the first date to the last,
#     at a cost linear in the periods (docs/report.md): their bound is
#     multiplied by the corpus's period span over the ordinary one's.
#     Likewise an output O times the ordinary run's (a report with a
#     table per group) allows O times the time, up to 64 output bytes
#     per input byte.
# Memory: with an ASan build, ASAN_OPTIONS=hard_rss_limit_mb (ASan reserves
# terabytes of address space, so `ulimit -v` cannot bound it); with another
# build, ulimit -v.  Both are SHAPE_MEM_MB.
#
# Environment (defaults in brackets):
#   SHAPE_SEED     seed [seconds since the epoch]; printed, replays a run
#   SHAPE_ROUNDS   rounds, one corpus each [10: every shape once]
#   SHAPE_FIRST    first round [0]; a failure names its round, and
#                  SHAPE_SEED=S SHAPE_FIRST=R SHAPE_ROUNDS=1 replays it
#   SHAPE_SCALE    ci or full (larger corpora) [ci]
#   SHAPE_TIME     start no new round after this many seconds [0: no limit]
#   SHAPE_TIMEOUT  seconds per run [300]
#   SHAPE_RATIO    the bound on hostile / ordinary time [10]
#   SHAPE_FLOOR    seconds below which a run is never compared [2]
#   SHAPE_MEM_MB   memory bound per run [4096]
#   SHAPE_MAX_GROUPS  most groups in the many-groups shape [3000 ci, 5000 full]
#   SHAPE_WORD_MB  size of the single-word document [5]
#   SHAPE_KNOWN    COMMAND:SHAPE pairs whose time ratio is a known problem,
#                  printed as KNOWN and not counted [none; report:groups was
#                  one until report became linear in groups].  Memory errors, exit statuses and timeouts always fail
#   SHAPE_ONLY     one shape only (groups, sentinel, empty, stopwords,
#                  hugetitle, hugeword, values, periods, punct, mixed)
#   SHAPE_DIR      work directory [$TMPDIR/sw-shape-SEED]; the corpora of
#                  failed rounds stay there, the others are removed
#   SHAPE_KEEP=1   keep every round's corpus
# Ends with "shape: N rounds, M runs, K failed"; exit 1 on a failure.

if [ $# -ne 1 ]; then
	echo "usage: run.sh STICHWORT" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
[ -x "$bin" ] || { echo "run.sh: $bin is not executable" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "shape: skipped: needs python3 to generate corpora"; exit 0; }
command -v timeout >/dev/null 2>&1 || { echo "run.sh: needs timeout (coreutils)" >&2; exit 2; }

src=$(cd "$(dirname "$0")/../.." && pwd)
gen=$src/tests/shape/gen.py
seed=${SHAPE_SEED:-$(date +%s)}
rounds=${SHAPE_ROUNDS:-10}
first=${SHAPE_FIRST:-0}
scale=${SHAPE_SCALE:-ci}
budget=${SHAPE_TIME:-0}
tmo=${SHAPE_TIMEOUT:-300}
ratio=${SHAPE_RATIO:-10}
floor_ms=$(( ${SHAPE_FLOOR:-2} * 1000 ))
mem=${SHAPE_MEM_MB:-4096}
work=${SHAPE_DIR:-${TMPDIR:-/tmp}/sw-shape-$seed}
mkdir -p "$work" || exit 2
work=$(cd "$work" && pwd)
LC_ALL=C.UTF-8
export LC_ALL
tab=$(printf '\t')

if grep -q __asan_init "$bin" 2>/dev/null; then
	asan=1
	ASAN_OPTIONS="hard_rss_limit_mb=$mem:exitcode=86:detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
	UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86:${UBSAN_OPTIONS:-}"
	export ASAN_OPTIONS UBSAN_OPTIONS
	membound="hard_rss_limit_mb=$mem (ASan)"
else
	asan=0
	membound="ulimit -v $((mem * 1024)) KB"
fi
echo "shape: seed $seed, rounds $first..$((first + rounds - 1)), scale $scale, $(basename "$bin")$( [ $asan = 1 ] && echo ' (ASan + UBSan)'), time $tmo s and ${ratio}x ordinary (floor ${SHAPE_FLOOR:-2} s), memory $membound"
echo "shape: work directory $work"

# COMMAND:SHAPE pairs whose time ratio is a known, reported problem (not
# memory errors, exit statuses or timeouts: those always fail).  None by
# default (report:groups was one until report became linear in groups).
known=${SHAPE_KNOWN-}
nknown=0
nrounds=0
nruns=0
nfail=0
ncmp=0
status_counts=""
slow_ms=0
slow_what=""
t_start=$(date +%s)

now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# quote ARG: ARG as a shell word
quote() {
	case $1 in
	'' | *[!A-Za-z0-9_./=:,@+%-]*) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
	*) printf '%s' "$1" ;;
	esac
}

# run_line CORPUSDIR OUTDIR LINE: run the command line (tab-separated,
# @C @O @S replaced) with the bounds; sets rc, ms, shown; stderr in OUTDIR/err.
run_line() {
	rl_out=$2
	rl_line=$(printf '%s\n' "$3" | sed -e "s|@C|$1|g" -e "s|@O|$2/out|g" -e "s|@S|$src|g")
	rm -rf "$2/out"
	mkdir -p "$2"
	set -f
	rl_ifs=$IFS
	IFS=$tab
	# shellcheck disable=SC2086
	set -- $rl_line
	IFS=$rl_ifs
	set +f
	shown="$(quote "$bin")"
	for a in "$@"; do shown="$shown $(quote "$a")"; done
	rl_t0=$(now_ms)
	(
		[ $asan = 0 ] && ulimit -v $((mem * 1024))
		exec timeout -k 10 "$tmo" "$bin" "$@" < /dev/null > "$rl_out/stdout" 2> "$rl_out/err"
	)
	rc=$?
	ms=$(( $(now_ms) - rl_t0 ))
}

# Bytes a run wrote: its standard output and its -o file or directory.
out_bytes() {
	cat "$1/stdout" $( [ -e "$1/out" ] && find "$1/out" -type f ) 2> /dev/null | wc -c
}

fail() {
	nfail=$((nfail + 1))
	keep=1
	echo "FAIL round $round ($shape): $*"
	echo "  command: $shown"
	echo "  corpus:  $rdir/corpus (kept)"
	echo "  replay:  SHAPE_SEED=$seed SHAPE_FIRST=$round SHAPE_ROUNDS=1 SHAPE_SCALE=$scale sh tests/shape/run.sh $bin"
	if [ -s "$rl_out/err" ]; then
		grep -v '^[[:space:]]*0x[0-9a-f]*-' "$rl_out/err" | head -n 30 | sed 's/^/  stderr: /'
	fi
}

secs() {
	printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10))
}

round=$first
last=$((first + rounds))
while [ $round -lt $last ]; do
	if [ "$budget" != 0 ] && [ $(( $(date +%s) - t_start )) -ge "$budget" ]; then
		echo "shape: time budget of $budget s used up before round $round"
		break
	fi
	rdir=$work/r$round
	rm -rf "$rdir"
	mkdir -p "$rdir"
	if ! python3 "$gen" hostile "$seed" "$round" "$scale" "$src" "$rdir"; then
		echo "FAIL round $round: gen.py failed" >&2
		nfail=$((nfail + 1))
		round=$((round + 1))
		continue
	fi
	read -r shape < "$rdir/shape"
	bytes=${shape##*bytes=}
	echo "round $round: $shape"
	keep=0
	based=0
	while IFS= read -r line; do
		nruns=$((nruns + 1))
		rl_out=$rdir/run
		run_line "$rdir/corpus" "$rl_out" "$line"
		what=$(printf '%s' "$line" | tr '\t' ' ' | sed -e "s|@C/[^ ]*||g" -e 's/  */ /g' -e 's/ -o @O//' -e 's/ -q$//')
		echo "  $(secs $ms) s  exit $rc  $what"
		case " $status_counts " in
		*" $rc:"*) ;;
		*) status_counts="$status_counts $rc:" ;;
		esac
		eval "cnt_$rc=\$(( \${cnt_$rc:-0} + 1 ))"
		if [ $ms -gt $slow_ms ]; then slow_ms=$ms; slow_what="round $round ($shape): $what"; fi
		if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|runtime error:|hard rss limit' "$rl_out/err"; then
			fail "sanitizer report (exit $rc)"
			continue
		fi
		case $rc in
		0 | 1) ;;
		3) echo "  note: exit 3 (I/O or internal error): $(head -n 1 "$rl_out/err")" ;;
		124 | 137) fail "no end within $tmo s (exit $rc)"; continue ;;
		2) fail "exit 2: usage error (the fuzzer's command line or a missing --target)"; continue ;;
		*) fail "exit status $rc (not 0, 1, 2 or 3: crash, signal or memory bound)"; continue ;;
		esac
		[ $ms -le $floor_ms ] && continue
		# slower than the floor: compare with an ordinary corpus of the same size
		bdir=$rdir/base
		if [ $based = 0 ]; then
			python3 "$gen" baseline "$seed" "$bytes" "$src" "$bdir" "$rdir/inputs" || { fail "gen.py baseline failed"; continue; }
			based=1
		fi
		# a period series (trends, report) is documented to cost time in
		# proportion to its periods (docs/report.md): a span of P times
		# the ordinary corpus's periods allows P times the time
		factor=1
		case $line in
		trends"$tab"* | report"$tab"*)
			per=$(printf '%s\n' "$line" | tr '\t' '\n' | sed -n '/^--\(by\|period\)$/{n;p;q}')
			case $per in
			quarter) col=2 ;;
			month) col=3 ;;
			*) col=1 ;;
			esac
			hs=$(cut -d ' ' -f $col "$rdir/span")
			bs=$(cut -d ' ' -f $col "$bdir/span")
			factor=$(( (hs + bs - 1) / bs ))
			[ $factor -lt 1 ] && factor=1
			;;
		esac
		h_ms=$ms
		h_shown=$shown
		h_out=$(out_bytes "$rdir/run")
		tries=0
		while :; do
			rl_out=$bdir/run
			run_line "$bdir/corpus" "$bdir/run" "$line"
			b_ms=$ms
			b_rc=$rc
			rl_out=$rdir/run
			ncmp=$((ncmp + 1))
			[ $b_ms -lt 1 ] && b_ms=1
			# an output O times the ordinary one's (a report's tables
			# per group) allows O times the time: the output is what
			# was asked for, and writing it is linear; but not an output
			# of more than 64 bytes per input byte, which is itself a
			# defect to catch (a table padded to 5 million columns)
			b_out=$(out_bytes "$bdir/run")
			[ $b_out -lt 1 ] && b_out=1
			ofactor=$(( (h_out + b_out - 1) / b_out ))
			[ $ofactor -lt 1 ] && ofactor=1
			[ $h_out -gt $((64 * bytes)) ] && ofactor=1
			[ $ofactor -gt $factor ] && factor=$ofactor
			# the hostile time may not exceed max(ratio x ordinary, floor)
			fx=""
			[ $factor -gt 1 ] && fx=" (the period span or the output is ${factor}x the ordinary one's: bound ${ratio}x${factor})"
			if [ $h_ms -le $((ratio * factor * b_ms)) ]; then
				echo "          ordinary corpus of $bytes bytes: $(secs $b_ms) s (exit $b_rc), ratio $((h_ms * 10 / b_ms / 10)).$((h_ms * 10 / b_ms % 10))$fx"
				break
			fi
			tries=$((tries + 1))
			case " $known " in
			*" ${line%%"$tab"*}:${shape%% *} "*)
				# a known problem: not measured again
				nknown=$((nknown + 1))
				echo "  KNOWN (${line%%"$tab"*} on ${shape%% *}, SHAPE_KNOWN): $(secs $h_ms) s, more than ${ratio}x the $(secs $b_ms) s of an ordinary corpus of the same size ($bytes bytes)$fx"
				echo "  command: $h_shown"
				break
				;;
			esac
			if [ $tries -ge 2 ]; then
				shown=$h_shown
				fail "$(secs $h_ms) s, more than ${ratio}x the $(secs $b_ms) s of an ordinary corpus of the same size ($bytes bytes; measured twice)$fx"
				echo "  ordinary: $bdir/corpus, same command line"
				break
			fi
			# measure both again before calling it
			run_line "$rdir/corpus" "$rdir/run" "$line"
			h_ms=$ms
			[ $h_ms -le $floor_ms ] && break
		done
	done < "$rdir/commands"
	nrounds=$((nrounds + 1))
	if [ $keep = 0 ] && [ "${SHAPE_KEEP:-0}" != 1 ]; then
		rm -rf "$rdir"
	fi
	round=$((round + 1))
done

elapsed=$(( $(date +%s) - t_start ))
st=""
for s in $status_counts; do
	s=${s%:}
	eval "st=\"\$st exit $s: \${cnt_$s}\""
done
echo "shape: seed $seed: $nrounds rounds, $nruns runs ($st), $ncmp compared with an ordinary corpus, in $elapsed s; slowest $(secs $slow_ms) s: $slow_what"
[ $nknown -gt 0 ] && echo "shape: $nknown known slow runs (SHAPE_KNOWN=\"$known\"), not counted as failures"
echo "shape: $nrounds rounds, $nruns runs, $nfail failed"
if [ $nfail -gt 0 ]; then
	echo "shape: failed corpora kept in $work"
	exit 1
fi
[ "${SHAPE_KEEP:-0}" = 1 ] || rmdir "$work" 2>/dev/null
exit 0
