#!/usr/bin/env python3
"""bench/perf-phases.py - where a stichwort run spends its wall time.

    perf record -g -F 999 -o run.perf BUILD/stichwort keywords --jsonl CORPUS \
        --threads 2 --no-progress --format jsonl > /dev/null
    python3 bench/perf-phases.py run.perf

Build with frame pointers (make BUILD=build/fp OPT="-O2 -g -fno-omit-frame-pointer")
so that call chains are whole.  Prints, for the calling thread, the span of
each phase (the innermost of sw_pipeline_load, sw_phrases_new,
sw_keywords_new, ... on a sample's stack), and the CPU seconds the calling
thread and all other threads spent within that span (samples / 999 Hz):
how much of the phase ran in parallel.
"""
import collections
import re
import subprocess
import sys

HZ = 999.0  # the -F of perf record
PHASES = ["sw_pipeline_load", "sw__counts_finish_par", "sw_phrases_new", "sw_keywords_new",
          "sw_keyness_new", "sw_trends_index_keys", "sw_writer_begin"]


def samples(path):
    out = subprocess.run(["perf", "script", "-i", path, "-F", "pid,tid,time,ip,sym"],
                         capture_output=True, text=True, check=True).stdout
    cur = None
    for line in out.split("\n"):
        m = re.match(r"^\s*(\d+)/(\d+)\s+([\d.]+):", line)
        if m:
            if cur:
                yield cur
            # the calling thread is the one whose id is the process's
            cur = [int(m.group(2)), float(m.group(3)), [], int(m.group(1)) == int(m.group(2))]
        elif line.strip() and cur:
            cur[2].append(line.split()[-1])
    if cur:
        yield cur


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: perf-phases.py PERF_DATA")
    ss = list(samples(sys.argv[1]))
    if not ss:
        sys.exit("no samples")
    main_tid = next((s[0] for s in ss if s[3]), min(s[0] for s in ss))
    t0 = min(s[1] for s in ss)
    span = {}
    for tid, t, st, _ in ss:
        if tid != main_tid:
            continue
        ph = next((p for p in st if p in PHASES), "other")
        a = span.setdefault(ph, [t, t, 0])
        a[0], a[1], a[2] = min(a[0], t), max(a[1], t), a[2] + 1
    print("calling thread: phase, from .. to (s), samples")
    for ph, (a, b, n) in sorted(span.items(), key=lambda kv: kv[1][0]):
        print(f"  {ph:24s} {a - t0:7.3f} .. {b - t0:7.3f}  {n:6d}")
    print("CPU seconds within each phase's span: calling thread, other threads")
    for ph, (a, b, n) in sorted(span.items(), key=lambda kv: kv[1][0]):
        if ph == "other":
            continue
        c = collections.Counter(tid == main_tid for tid, t, _, _ in ss if a <= t <= b)
        print(f"  {ph:24s} wall {b - a:6.3f} s: calling {c[True] / HZ:6.3f} s, "
              f"others {c[False] / HZ:6.3f} s")


main()
