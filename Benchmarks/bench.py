#!/usr/bin/env python3
"""hvwalk's benchmarks (issue 9). Prints a Markdown report; docs/PERFORMANCE.md records one.

  1. the shipped content: full build time and peak memory;
  2. a generated 1,000-lesson corpus built by hvwalk and by Hugo, alternating, medians, ratio;
  3. the floor: the same corpus rendered by cmark alone in one process;
  4. the simulation: events per second and peak memory (the hvwalk-bench target);
  5. page weight of every built page;
  6. serve: save → rebuilt page served.

Usage: Benchmarks/bench.py [--runs N]   (run from anywhere; builds in release first)"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "Benchmarks")


def run(command, cwd=None):
    """Runs a command under GNU time; returns (seconds, peak KB)."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    peak = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak


def median_of(samples):
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, capture_output=True)
    binary = os.path.join(ROOT, ".build", "release", "hvwalk")
    work = tempfile.mkdtemp(prefix="hvwalk-bench-")
    lines = ["| measure | result | target |", "|---|---|---|"]
    simulation = ""
    try:
        # 1. Shipped content.
        site = os.path.join(work, "site")
        shipped = [run([binary, "build", "--content", os.path.join(ROOT, "Content"), "--output", site])
                   for _ in range(args.runs)]
        seconds, peak = median_of(shipped)
        lines.append(f"| shipped content: full build | {seconds * 1000:.0f} ms, peak {peak / 1024:.0f} MB | < 1 s |")

        # 2 and 3. The corpus, alternating hvwalk, Hugo and the cmark floor.
        corpus = os.path.join(work, "corpus")
        subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), corpus, "1000"], check=True)
        floor_binary = os.path.join(work, "cmark-floor")
        subprocess.run(["cc", "-O2", "-o", floor_binary, os.path.join(HERE, "cmark-floor.c"), "-lcmark"], check=True)
        hugo = shutil.which("hugo")
        samples = {"hvwalk": [], "hugo": [], "floor": []}
        for index in range(args.runs):
            samples["hvwalk"].append(run([binary, "build", "--content", os.path.join(corpus, "hvwalk-content"),
                                          "--output", os.path.join(work, "hv-out")]))
            if hugo:
                samples["hugo"].append(run([hugo, "--quiet", "-d", os.path.join(work, "hugo-out")],
                                           cwd=os.path.join(corpus, "hugo-site")))
            shutil.rmtree(os.path.join(work, "floor-out"), ignore_errors=True)
            samples["floor"].append(run([floor_binary, os.path.join(corpus, "hvwalk-content", "lessons"),
                                         os.path.join(work, "floor-out")]))
        hv, hv_peak = median_of(samples["hvwalk"])
        floor, _ = median_of(samples["floor"])
        lines.append(f"| 1,000 lessons: hvwalk | {hv * 1000:.0f} ms, peak {hv_peak / 1024:.0f} MB | |")
        if hugo:
            hg, hg_peak = median_of(samples["hugo"])
            lines.append(f"| 1,000 lessons: Hugo {hugo_version(hugo)} | {hg * 1000:.0f} ms, peak {hg_peak / 1024:.0f} MB | |")
            lines.append(f"| 1,000 lessons: ratio hvwalk ÷ Hugo | {hv / hg:.2f} | ≤ 0.20 |")
        else:
            lines.append("| 1,000 lessons: Hugo | not installed (apt-get install hugo) | |")
        lines.append(f"| 1,000 lessons: cmark floor (read, render, write) | {floor * 1000:.0f} ms | |")
        lines.append(f"| 1,000 lessons: hvwalk ÷ cmark floor | {hv / floor:.1f}× | ≤ 2× |")

        # 4. The simulation: its own script and table (reusing this release build).
        simulation = subprocess.run([os.path.join(HERE, "sim-bench.sh")], cwd=ROOT, capture_output=True, text=True,
                                    env=dict(os.environ, SCRATCH=".build"), check=True).stdout.strip()
        # 5. Page weight.
        weights = sorted(((os.path.getsize(os.path.join(folder, name)), os.path.relpath(os.path.join(folder, name), site))
                          for folder, _, names in os.walk(site) for name in names if name.endswith(".html")), reverse=True)
        heavy = [w for w in weights if w[0] > 200 * 1024]
        lines.append(f"| page weight: largest of {len(weights)} pages | {weights[0][1]}: {weights[0][0] / 1024:.0f} KB "
                     f"(median {statistics.median(w[0] for w in weights) / 1024:.0f} KB; over 200 KB: {len(heavy)}) | < 200 KB each |")
        # 6. serve.
        serve = subprocess.run([sys.executable, os.path.join(HERE, "serve-latency.py"), binary,
                                os.path.join(ROOT, "Content")], capture_output=True, text=True, check=True).stdout
        found = re.search(r"median (\d+) ms", serve)
        lines.append(f"| serve: save → rebuilt page served | {found.group(1)} ms median | < 200 ms |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    print("\nSimulation (Benchmarks/sim-bench.sh):\n")
    print(simulation)
    print(f"\nMachine: {os.cpu_count()} cores, {machine()}; {args.runs} runs each, alternating; medians.")


def hugo_version(hugo):
    found = re.search(r"v(\d+\.\d+\.\d+)", subprocess.run([hugo, "version"], capture_output=True, text=True).stdout)
    return found.group(1) if found else ""


def machine():
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        model = "unknown CPU"
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return f"{model}, {memory} GiB"


if __name__ == "__main__":
    main()
