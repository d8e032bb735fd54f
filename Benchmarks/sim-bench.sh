#!/usr/bin/env bash
# Simulation benchmark (not a test): events per second and peak memory for 10 KiB, 1 MiB and
# 64 MiB writes on the emulated and the synthetic disk path, release build.
#
#   Benchmarks/sim-bench.sh            # build (release) and run every case
#   SCRATCH=.build-bench Benchmarks/sim-bench.sh
#
# Each case runs in its own process, so "peak MiB" is that case's own high-water mark
# (getrusage ru_maxrss). "executed" counts the events the model actually ran; "represented"
# counts the events the trace stands for once every repeat group is expanded (what a
# non-compressing simulator would have executed). The last row executes every event of a 1 MiB
# emulated write, the engine's raw speed. The "services" rows let a running VM with the default
# Integration Services wait: a heartbeat every 2 s and a time sample every 5 s, compressed into
# whole 10 s cycles (the last row executes every one of them).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-bench}
swift build -c release --scratch-path "$SCRATCH" --product hvwalk-bench >&2
BIN="$SCRATCH/release/hvwalk-bench"
"$BIN" --header
for path in emulated synthetic; do
  for size in "10 KiB" "1 MiB" "64 MiB"; do
    "$BIN" "$path" "$size"
  done
done
for duration in "1 min" "1 h" "24 h"; do
  "$BIN" services "$duration"
done
"$BIN" emulated "1 MiB" --uncompressed
"$BIN" synthetic "64 MiB" --uncompressed
"$BIN" services "1 h" --uncompressed
