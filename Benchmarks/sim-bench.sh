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
# emulated write, the engine's raw speed.
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
"$BIN" emulated "1 MiB" --uncompressed
"$BIN" synthetic "64 MiB" --uncompressed
