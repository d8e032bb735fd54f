#!/usr/bin/env python3
"""Time from saving a lesson to the rebuilt page being served by `hvwalk serve` (issue 9).

Starts `hvwalk serve` on a copy of the content, waits on the long-poll endpoint the reload script
uses, appends a sentence to a lesson, and measures until the server has published the new
version and the page contains the sentence. Prints the median of several edits.
Usage: serve-latency.py HVWALK_BINARY CONTENT_DIR [EDITS] [LESSON]
  LESSON: the lesson edited, relative to the content folder (default lessons/en/hyper-v-at-a-glance.md;
  for the generated corpus, e.g. lessons/en/lesson-0500.md)."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

binary, content = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 7
edited = sys.argv[4] if len(sys.argv) > 4 else "lessons/en/hyper-v-at-a-glance.md"
work = tempfile.mkdtemp(prefix="hvwalk-serve-bench-")
shutil.copytree(content, os.path.join(work, "Content"))
server = subprocess.Popen([binary, "serve", "--port", "0", "--poll", "20"], cwd=work,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
try:
    port = None
    started = time.perf_counter()
    for line in server.stdout:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            port = int(found.group(1))
            break
    print(f"serve: first build and listening after {(time.perf_counter() - started) * 1000:.0f} ms")
    base = f"http://127.0.0.1:{port}"
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    lesson = os.path.join(work, "Content", edited)
    language, name = edited.split("/")[1], os.path.basename(edited)[:-3]
    page = f"{base}/{language}/{name}.html"
    samples = []
    for edit in range(edits):
        version = re.search(r'data-version="(\d+)"', urllib.request.urlopen(page).read().decode()).group(1)
        marker = f"Benchmark sentence {edit}."
        started = time.perf_counter()
        with open(lesson, "a") as handle:
            handle.write(f"\n{marker}\n")
        urllib.request.urlopen(f"{base}/__hvwalk/wait?version={version}", timeout=30).read()
        body = urllib.request.urlopen(page).read().decode()
        elapsed = time.perf_counter() - started
        assert marker in body, "the served page does not have the edit"
        samples.append(elapsed * 1000)
        time.sleep(0.2)
    print(f"serve: save → rebuilt page served: median {statistics.median(samples):.0f} ms "
          f"(min {min(samples):.0f}, max {max(samples):.0f}, {edits} edits, polling every 20 ms)")
finally:
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)
