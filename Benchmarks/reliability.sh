#!/usr/bin/env bash
# The reliability suite of issue 15 ("Nothing lost, nothing let in"), for a person to run:
#   Benchmarks/reliability.sh            # everything (about 10 minutes on 2 cores)
#   KILLS=10 ROUNDS=3 FUZZ=500 Benchmarks/reliability.sh   # shorter
# 1. kills builds of a large course at random moments: Site/ is always the old or the new site;
# 2. runs builds into one output at once: all succeed, the site is always complete;
# 3. fills a small tmpfs during a build (ENOSPC): clear error, old site intact (skipped, with a
#    message, where tmpfs cannot be mounted);
# 4. mutation fuzz: thousands of broken lessons, strings files, scenarios and site.yaml files
#    through whole builds (MutationFuzzTests) and scenario files through the parser and the
#    simulation (MutationTests): no crash, every diagnostic inside its file;
# 5. serve under load: normal page requests mixed with 64 KB URLs, huge headers, other methods,
#    garbage and idle connections; every answer valid, the server idle again afterwards.
# Each part prints RESULT lines; docs/RELIABILITY.md records a run's figures.
set -u
cd "$(dirname "$0")/.."
KILLS=${KILLS:-30}
ROUNDS=${ROUNDS:-6}
FUZZ=${FUZZ:-1000}
LESSONS=${LESSONS:-300}
swift build >/dev/null || { echo "swift build failed"; exit 1; }
H="$PWD/.build/debug/hvwalk"
WORK=$(mktemp -d /tmp/hvwalk-reliability.XXXXXX)
trap 'umount "$WORK/tiny" 2>/dev/null; rm -rf "$WORK"' EXIT
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }
digest() { (cd "$1" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16) || echo none; }
leftovers() { ls -a "$1" | grep -E '^\.Site\.(tmp|old)-' | wc -l; }

# A course large enough for a build to take a while: the shipped content plus generated lessons.
make_course() {
  cp -r Content "$1/Content"
  for lang in vi en; do
    for i in $(seq 1 "$LESSONS"); do
      { printf -- "---\ntitle: Generated %s\norder: %s\n---\n" "$i" $((1000 + i))
        for s in 1 2 3 4 5 6; do printf "## Section %s\n\nText with \`code\` and a [link](#section-%s).\n\n" "$s" "$s"; done
      } > "$1/Content/lessons/$lang/generated-$i.md"
    done
  done
}

echo "== 1. builds killed at random moments ($KILLS kills)"
K="$WORK/kill"; mkdir -p "$K"; make_course "$K"
(cd "$K" && "$H" build >/dev/null) || fail "first build"
start=$(date +%s%N); (cd "$K" && "$H" build --output Timing >/dev/null); took=$(( ($(date +%s%N) - start) / 1000000 ))
survived=0; old_kept=0; new_whole=0
for i in $(seq 1 "$KILLS"); do
  echo "Round $i." >> "$K/Content/lessons/en/generated-1.md"
  before=$(digest "$K/Site")
  (cd "$K" && exec "$H" build >/dev/null 2>&1) & pid=$!
  sleep "$(awk -v t="$took" -v r="$RANDOM" 'BEGIN { printf "%.3f", t * 1.1 * r / 32768 / 1000 }')"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  after=$(digest "$K/Site")
  if [ "$after" = "$before" ]; then old_kept=$((old_kept + 1)); survived=$((survived + 1)); continue; fi
  rm -rf "$K/Ref"; (cd "$K" && "$H" build --output Ref >/dev/null) || fail "reference build"
  if [ "$after" = "$(digest "$K/Ref")" ]; then new_whole=$((new_whole + 1)); survived=$((survived + 1))
  else fail "after kill $i Site/ is neither the old nor the new site"; fi
done
(cd "$K" && "$H" build >/dev/null) || fail "build after the kills"
[ "$(leftovers "$K")" = 0 ] || fail "leftovers after the kills: $(ls -a "$K")"
echo "RESULT kills=$KILLS survived=$survived old_site_kept=$old_kept new_site_whole=$new_whole build_ms=$took pages=$(find "$K/Site" -name '*.html' | wc -l)"

echo "== 2. concurrent builds ($ROUNDS rounds of 3)"
C="$WORK/concurrent"; mkdir -p "$C"; cp -r Content "$C/Content"
ok=0; waited=0
for r in $(seq 1 "$ROUNDS"); do
  echo "Round $r." >> "$C/Content/lessons/en/vmbus.md"
  pids=()
  for j in 1 2 3; do (cd "$C" && "$H" build >/dev/null 2>"$C/err-$j") & pids+=($!); done
  for p in "${pids[@]}"; do if wait "$p"; then ok=$((ok + 1)); else fail "a concurrent build failed: $(cat "$C"/err-*)"; fi; done
  waited=$((waited + $(cat "$C"/err-* | grep -c "Waiting for another build")))
  rm -rf "$C/Ref"; (cd "$C" && "$H" build --output Ref >/dev/null)
  [ "$(digest "$C/Site")" = "$(digest "$C/Ref")" ] || fail "round $r: Site/ is not the complete site"
done
[ "$(leftovers "$C")" = 0 ] || fail "leftovers after concurrent builds"
echo "RESULT concurrent_builds=$((ROUNDS * 3)) succeeded=$ok waited_for_another=$waited complete_sites=$ROUNDS"

echo "== 3. a full disk (ENOSPC)"
T="$WORK/tiny"; mkdir -p "$T"
if mount -t tmpfs -o size=20m tmpfs "$T" 2>/dev/null; then
  cp -r Content "$T/Content"
  (cd "$T" && "$H" build >/dev/null) || fail "build on tmpfs"
  before=$(digest "$T/Site")
  # Every page changes (the site title is on each), so hard links cannot save the space.
  sed -i 's/^  en: Hyper-V, step by step/  en: Hyper-V, step by step (full disk)/' "$T/Content/site.yaml"
  head -c 7M /dev/zero > "$T/filler" 2>/dev/null || true
  out=$(cd "$T" && "$H" build 2>&1); status=$?
  if [ $status -eq 0 ]; then echo "SKIP: the build fit in the space left ($(df -h "$T" | tail -1))"
  else
    echo "$out" | grep -q "No space left on device" || fail "no clear ENOSPC message: $out"
    echo "$out" | grep -q "NSCocoaErrorDomain" && fail "raw Foundation error: $out"
    [ "$(digest "$T/Site")" = "$before" ] || fail "the previous site changed after ENOSPC"
    [ "$(leftovers "$T")" = 0 ] || fail "staging folder left after ENOSPC"
    echo "RESULT enospc_exit=$status message=\"$(echo "$out" | head -1 | cut -c1-120)\" old_site_intact=yes"
  fi
  rm -f "$T/filler"; umount "$T"
else
  echo "SKIP: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN in this container)"
fi

echo "== 4. mutation fuzz ($FUZZ cases per kind)"
rm -f "$WORK/fuzz.txt"
if HVWALK_FUZZ_CASES=$FUZZ HVWALK_FUZZ_REPORT="$WORK/fuzz.txt" swift test --disable-xctest \
     --filter "MutationFuzzTests|MutationTests" > "$WORK/fuzz.log" 2>&1; then
  cat "$WORK/fuzz.txt"
  total=$(awk -F'cases=' '{split($2, a, " "); s += a[1]} END {print s}' "$WORK/fuzz.txt")
  echo "RESULT fuzz_site_builds=$total fuzz_scenario_parses=3000 crashes=0 diagnostics_outside_file=0"
else
  tail -20 "$WORK/fuzz.log"; fail "mutation fuzz"
fi

echo "== 5. serve under load"
S="$WORK/serve"; mkdir -p "$S"; cp -r Content "$S/Content"
(cd "$S" && exec "$H" serve --port 0 > "$S/log" 2>&1) & spid=$!
for _ in $(seq 1 200); do grep -q "Serving" "$S/log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$S/log" | head -1 | cut -d: -f2)
python3 - "$port" <<'PY' || fail "serve load"
import socket, sys, threading, time, random
port = int(sys.argv[1]); lock = threading.Lock()
stats = {"requests": 0, "bad": 0, "latencies": [], "statuses": {}}
def ask(raw, timeout=10):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        try: s.sendall(raw)
        except OSError: pass
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            data += chunk
        return data
    finally: s.close()
def status(data):
    try: return int(data.split(b" ", 2)[1])
    except Exception: return 0
kinds = [
  (b"GET /en/vmbus.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 200),
  (b"GET /vi/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 200),
  (b"GET /" + b"a" * 65536 + b" HTTP/1.1\r\n\r\n", 414),
  (b"GET /en/ HTTP/1.1\r\nX: " + b"x" * 40000 + b"\r\n\r\n", 431),
  (b"POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello", 405),
  (b"GET /en HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 301),
  (bytes(random.Random(1).randrange(256) for _ in range(3000)) + b"\r\n\r\n", 400),
]
def worker(seed, count):
    r = random.Random(seed)
    for _ in range(count):
        raw, expected = r.choice(kinds)
        t = time.monotonic(); got = status(ask(raw)); dt = time.monotonic() - t
        with lock:
            stats["requests"] += 1
            stats["statuses"][got] = stats["statuses"].get(got, 0) + 1
            if got != expected and not (expected == 400 and got in (400, 414, 431, 405)): stats["bad"] += 1
            if expected == 200: stats["latencies"].append(dt)
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]  # slow clients holding connections
for s in idle: s.sendall(b"GET /en/ HTTP/1.1\r\n")
started = time.monotonic()
threads = [threading.Thread(target=worker, args=(i, 150)) for i in range(16)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.monotonic() - started
for s in idle: s.close()
lat = sorted(stats["latencies"])
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
print(f"RESULT serve_requests={stats['requests']} wrong_answers={stats['bad']} seconds={elapsed:.1f} "
      f"rate={stats['requests']/elapsed:.0f}/s page_p50_ms={p(0.5):.1f} page_p99_ms={p(0.99):.1f} "
      f"idle_connections=20 statuses={dict(sorted(stats['statuses'].items()))}")
sys.exit(1 if stats["bad"] else 0)
PY
sleep 2
cpu=$(ps -o %cpu= -p "$spid" | tr -d ' '); ticks1=$(awk '{print $14+$15}' /proc/$spid/stat); sleep 2; ticks2=$(awk '{print $14+$15}' /proc/$spid/stat)
kill -INT "$spid"; wait "$spid"
[ $((ticks2 - ticks1)) -lt 20 ] || fail "serve kept the CPU busy after the load ($((ticks2 - ticks1)) ticks in 2 s)"
echo "RESULT serve_cpu_ticks_idle_2s=$((ticks2 - ticks1))"

[ $FAILED = 0 ] && echo "ALL PASSED" || echo "SOME PARTS FAILED"
exit $FAILED
