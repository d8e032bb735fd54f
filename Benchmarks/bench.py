#!/usr/bin/env python3
"""hvwalk's benchmarks (issue 9). Prints a Markdown report; docs/PERFORMANCE.md records one.

  1. the shipped content: full build time and peak memory;
  2. a generated 1,000-lesson corpus built by hvwalk and by Hugo, cold (empty output) and warm
     (unchanged rebuild) separately, alternating, medians and min–max, ratios;
  3. two floors: cmark alone rendering the bodies, and the equal-output floor, cmark writing the
     very pages hvwalk writes (the bytes around each body cut from hvwalk's own output);
  4. the simulation: events per second and peak memory (the hvwalk-bench target);
  5. page weight of every built page;
  6. serve: save → rebuilt page served.

Usage: Benchmarks/bench.py [--runs N] [--scratch DIR]   (run from anywhere; builds in release first)
  --scratch DIR  where the corpus and every tool's output go (default: the system's temporary
                 folder). The cold runs of every tool create about 1,000 files right after
                 deleting as many; on ext4 that costs more the more often it is done, so a
                 tmpfs folder (/dev/shm) shows the tools' own work without the file system's."""
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
    parser.add_argument("--scratch", default=None)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, capture_output=True)
    binary = os.path.join(ROOT, ".build", "release", "hvwalk")
    work = tempfile.mkdtemp(prefix="hvwalk-bench-", dir=args.scratch)
    lines = ["| measure | result | target |", "|---|---|---|"]
    simulation = ""
    try:
        # 1. Shipped content.
        site = os.path.join(work, "site")
        shipped_command = [binary, "build", "--content", os.path.join(ROOT, "Content"), "--output", site]
        shipped = []
        for _ in range(args.runs):
            shutil.rmtree(site, ignore_errors=True)
            shipped.append(run(shipped_command))
        seconds, peak = median_of(shipped)
        lines.append(f"| shipped content: full build, cold | {seconds * 1000:.0f} ms, peak {peak / 1024:.0f} MB | < 1 s |")

        # 2 and 3. The corpus: hvwalk, Hugo, the cmark floor and the equal-output floor, each
        # measured cold (its output folder removed first) and warm (rebuilt over its own unchanged
        # output), alternating tool by tool so that no tool gets a warmer machine.
        corpus = os.path.join(work, "corpus")
        subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), corpus, "1000"], check=True)
        lessons = os.path.join(corpus, "hvwalk-content", "lessons")
        floor_binary = os.path.join(work, "cmark-floor")
        subprocess.run(["cc", "-O2", "-o", floor_binary, os.path.join(HERE, "cmark-floor.c"), "-lcmark"], check=True)
        equal_binary = os.path.join(work, "cmark-floor-equal")
        subprocess.run(["cc", "-O2", "-o", equal_binary, os.path.join(HERE, "cmark-floor-equal.c"), "-lcmark"],
                       check=True)
        hugo = shutil.which("hugo")
        outputs = {name: os.path.join(work, f"{name}-out") for name in ("hvwalk", "hugo", "floor", "equal")}
        commands = {
            "hvwalk": ([binary, "build", "--content", os.path.join(corpus, "hvwalk-content"), "--output",
                        outputs["hvwalk"]], None),
            "floor": ([floor_binary, lessons, outputs["floor"]], None),
        }
        if hugo:
            commands["hugo"] = ([hugo, "--quiet", "-d", outputs["hugo"]], os.path.join(corpus, "hugo-site"))
        # The frames of the equal-output floor: the bytes hvwalk writes around each lesson's body.
        run(commands["hvwalk"][0])
        frames = os.path.join(work, "frames")
        frame_bytes = cut_frames(outputs["hvwalk"], lessons, frames)
        commands["equal"] = ([equal_binary, lessons, frames, outputs["equal"]], None)
        samples = {(name, kind): [] for name in commands for kind in ("cold", "warm")}
        for _ in range(args.runs):
            for kind in ("cold", "warm"):
                for name, (command, cwd) in commands.items():
                    if kind == "cold":
                        shutil.rmtree(outputs[name], ignore_errors=True)
                    samples[(name, kind)].append(run(command, cwd=cwd))
        def cell(name, kind):
            values = [s[0] for s in samples[(name, kind)]]
            peak = max(s[1] for s in samples[(name, kind)])
            return (statistics.median(values),
                    f"{statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}–{max(values) * 1000:.0f}), "
                    f"peak {peak / 1024:.0f} MB")
        names = {"hvwalk": "hvwalk", "floor": "cmark floor (read, render, write the body only)",
                 "equal": f"equal-output floor (cmark + the same {frame_bytes / 1048576:.0f} MB of page frames)"}
        if hugo:
            names["hugo"] = f"Hugo {hugo_version(hugo)}"
        medians = {}
        for name in ("hvwalk", "hugo", "floor", "equal"):
            if name not in commands:
                continue
            for kind in ("cold", "warm"):
                medians[(name, kind)], text = cell(name, kind)
                lines.append(f"| 1,000 lessons, {kind}: {names[name]} | {text} | |")
        for kind in ("cold", "warm"):
            hv = medians[("hvwalk", kind)]
            if hugo:
                lines.append(f"| 1,000 lessons, {kind}: hvwalk ÷ Hugo | {hv / medians[('hugo', kind)]:.2f} | "
                             f"{'≤ 0.10' if kind == 'cold' else ''} |")
            lines.append(f"| 1,000 lessons, {kind}: hvwalk ÷ equal-output floor | "
                         f"{hv / medians[('equal', kind)]:.1f}× | {'≤ 3×' if kind == 'cold' else ''} |")
        lines.append(f"| 1,000 lessons: hvwalk warm ÷ cold | "
                     f"{medians[('hvwalk', 'warm')] / medians[('hvwalk', 'cold')]:.2f} | ≤ 0.25 |")
        if not hugo:
            lines.append("| 1,000 lessons: Hugo | not installed (apt-get install hugo) | |")

        # 4. The simulation: its own script and table (reusing this release build).
        simulation = subprocess.run([os.path.join(HERE, "sim-bench.sh")], cwd=ROOT, capture_output=True, text=True,
                                    env=dict(os.environ, SCRATCH=".build"), check=True).stdout.strip()
        # 5. Page weight.
        weights = sorted(((os.path.getsize(os.path.join(folder, name)), os.path.relpath(os.path.join(folder, name), site))
                          for folder, _, names in os.walk(site) for name in names if name.endswith(".html")), reverse=True)
        heavy = [w for w in weights if w[0] > 200 * 1024]
        lines.append(f"| page weight: largest of {len(weights)} pages | {weights[0][1]}: {weights[0][0] / 1024:.0f} KB "
                     f"(median {statistics.median(w[0] for w in weights) / 1024:.0f} KB; over 200 KB: {len(heavy)}) | < 200 KB each |")
        # 6. serve: the shipped course and the 1,000-lesson corpus.
        for name, folder, lesson in (("Content/", os.path.join(ROOT, "Content"), "lessons/en/hyper-v-at-a-glance.md"),
                                     ("1,000 lessons", os.path.join(corpus, "hvwalk-content"), "lessons/en/lesson-0250.md")):
            serve = subprocess.run([sys.executable, os.path.join(HERE, "serve-latency.py"), binary, folder, "9", lesson],
                                   capture_output=True, text=True, check=True).stdout
            found = re.search(r"median (\d+) ms \(min (\d+), max (\d+)", serve)
            lines.append(f"| serve, {name}: save → rebuilt page served | {found.group(1)} ms median "
                         f"({found.group(2)}–{found.group(3)}) | < 100 ms |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    print("\nSimulation (Benchmarks/sim-bench.sh):\n")
    print(simulation)
    print(f"\nMachine: {os.cpu_count()} cores, {machine()}; {args.runs} runs each, alternating; medians (min–max); "
          f"scratch folder {os.path.dirname(work)} ({filesystem(work)}).")


def cut_frames(site, lessons, frames):
    """Cuts every lesson page hvwalk built into the bytes before its body (up to the end of the
    lesson header and table of contents) and after it (from `</article>` on); returns their size."""
    total = 0
    for language in ("vi", "en"):
        os.makedirs(os.path.join(frames, language), exist_ok=True)
        for name in os.listdir(os.path.join(lessons, language)):
            if not name.endswith(".md"):
                continue
            slug = name[:-3]
            page = open(os.path.join(site, language, slug + ".html"), encoding="utf-8").read()
            start = page.index("</header>", page.index('<article class="lesson">')) + len("</header>")
            toc = page.find('<nav class="toc"', start)
            if toc != -1 and page.find("</nav>", toc) < page.index("</article>"):
                start = page.index("</nav>", toc) + len("</nav>")
            end = page.index("</article>")
            for suffix, text in ((".prefix", page[:start]), (".suffix", page[end:])):
                with open(os.path.join(frames, language, slug + suffix), "w", encoding="utf-8") as file:
                    file.write(text)
                total += len(text.encode("utf-8"))
    return total


def filesystem(path):
    """The file system type of the folder holding path (from /proc/mounts), e.g. ext4, tmpfs."""
    best, kind = "", "unknown"
    try:
        for line in open("/proc/mounts"):
            parts = line.split()
            if len(parts) > 2 and os.path.realpath(path).startswith(parts[1]) and len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
    except OSError:
        pass
    return kind


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
