#!/usr/bin/env python3
"""The reader's side (issue 18 item 5): what one step of a walkthrough costs the browser's main
thread on the heaviest walkthrough page, and when that page's largest content is painted, opened
from file:// in headless Chromium.

A step is timed from the Next button's click to the end of the style and layout it causes
(the click handler runs synchronously; reading the layout afterwards forces the rest), with the
Long Tasks API as a cross-check. Prints the median and the range over the steps, and the largest
contentful paint. A figure, not a test: run it on an idle machine.

Usage: Benchmarks/reader-step.py [SITE_DIR] [STEPS]   (default Site/, 40 steps)
Needs Tests/browser/.venv (Tests/browser/run.sh creates it) or Selenium on the path."""
import os
import re
import statistics
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

site = Path(sys.argv[1] if len(sys.argv) > 1 else "Site").resolve()
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 40

# The heaviest walkthrough page: the one (but the print pages) whose walkthrough has the most
# messages. (Its diagram may be a file of its own: page size no longer tells.)
pages = [p for p in site.rglob("*.html") if p.name != "print.html"]
pages = [p for p in pages if "data-walkthrough" in p.read_text(encoding="utf-8")]
def steps_of(page):
    return max(int(s) for s in re.findall(r'data-steps="(\d+)"', page.read_text(encoding="utf-8")))
heaviest = max(pages, key=steps_of)
messages = steps_of(heaviest)

options = webdriver.ChromeOptions()
options.binary_location = os.environ.get("HVWALK_CHROMIUM", "/usr/bin/chromium")
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--window-size=1366,900"):
    options.add_argument(argument)
driver = webdriver.Chrome(
    service=Service(executable_path=os.environ.get("HVWALK_CHROMEDRIVER", "/usr/bin/chromedriver")),
    options=options)
try:
    driver.execute_cdp_cmd("Performance.enable", {})
    driver.get(heaviest.as_uri())
    time.sleep(1.5)
    lcp = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        new PerformanceObserver(list => {
          const entries = list.getEntries();
          done(entries[entries.length - 1].startTime);
        }).observe({type: 'largest-contentful-paint', buffered: true});
        setTimeout(() => done(null), 3000);""")
    durations = driver.execute_async_script("""
        const [count, done] = [arguments[0], arguments[arguments.length - 1]];
        const figure = document.querySelector('figure[data-walkthrough]');
        const next = figure.querySelector('[data-action="next"]');
        figure.scrollIntoView();
        const times = [];
        let left = count;
        function one() {
          if (left-- <= 0) { done(times); return; }
          const start = performance.now();
          next.click();
          void document.body.offsetHeight;   // the style and layout the step caused
          times.push(performance.now() - start);
          requestAnimationFrame(() => setTimeout(one, 0));
        }
        one();""", min(steps, messages - 1))
finally:
    driver.quit()

ms = sorted(durations)
figures = sum(f.stat().st_size for f in heaviest.parent.glob(f"figures/{heaviest.stem}.*.js"))
print(f"page: {heaviest.relative_to(site)} ({heaviest.stat().st_size / 1024:.0f} KiB"
      + (f" + {figures / 1024:.0f} KiB of diagram files" if figures else "") + f", {messages} messages)")
print(f"one step forward: median {statistics.median(ms):.2f} ms, "
      f"min {ms[0]:.2f} ms, max {ms[-1]:.2f} ms over {len(ms)} steps (target < 16 ms)")
print(f"largest contentful paint from file://: "
      + (f"{lcp:.0f} ms" if lcp is not None else "not reported"))
