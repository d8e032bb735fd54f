"""Shared fixtures for hvwalk's browser suite (pytest + Selenium + headless Chromium).

Everything is discovered from the built site, so new pages are covered without edits:

* ``page``      every ``*.html`` file under the site folder (any depth).
* ``lesson``    every page whose ``<body>`` has the class ``page-lesson``.
* ``origin``    ``file`` (opened from disk) and ``http`` (served on 127.0.0.1).

A test asks for one of those names as an argument and is parametrized over it (see
``pytest_generate_tests``). ``site`` describes the site, ``browser`` is one shared Chromium session
(reset between tests), ``http_root`` is the base URL of a local HTTP server for the site, and
``notes`` collects non-fatal findings (vnu warnings, minor axe findings) that are printed in the
summary at the end of the run.

Options (or environment variables):
  --site DIR          site folder to check (HVWALK_SITE; default: <repo>/Site)
  --screenshots DIR   where README screenshots go (HVWALK_SCREENSHOTS; default: <repo>/docs/screenshots)
  HVWALK_CHROMIUM / HVWALK_CHROMEDRIVER   explicit browser/driver paths
  HVWALK_ALLOW_NO_BROWSER=1   skip (loudly) instead of failing when Chromium is not installed
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest

# Selenium must never try to download a driver or report statistics: CI only reaches Debian and PyPI.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENDOR = HERE / "vendor"

LOUD = "!" * 78


# --------------------------------------------------------------------------------------------
# Static description of the site (parsed once, without a browser)
# --------------------------------------------------------------------------------------------

_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")  # not data blocks (JSON)


class _PageParser(HTMLParser):
    """Collects the few facts the tests need from a page's markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.body_classes: list[str] = []
        self.csp: list[tuple[str, bool, int]] = []  # (content, inside <head>, line)
        self.first_resource_line: int | None = None  # first <script>/<link>/<style> (CSP must precede it)
        self.inline_scripts: list[int] = []  # line numbers of <script> without src
        self.event_handlers: list[tuple[int, str, str]] = []  # (line, tag, attribute)
        self.language_links: list[tuple[str, str]] = []  # (hreflang, href)
        self.rel_links: dict[str, str] = {}  # "prev"/"next" -> href
        self.sidebar_current: list[str] = []  # hrefs of a[aria-current=page] in nav.sidebar
        self.has_sidebar = False
        self.text_inputs: int = 0
        self._stack: list[tuple[str, set[str]]] = []
        self._in_head = False

    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
             "track", "wbr"}

    def _inside(self, tag: str, cls: str) -> bool:
        return any(t == tag and cls in c for t, c in self._stack)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        classes = set(a.get("class", "").split())
        line = self.getpos()[0]
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
            self.body_classes = sorted(classes)
        elif tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp.append((a.get("content", ""), self._in_head, line))
        elif tag == "script" and "src" not in a and a.get("type", "").lower() in _SCRIPT_TYPES:
            self.inline_scripts.append(line)
        if tag in ("script", "link", "style") and self.first_resource_line is None:
            self.first_resource_line = line
        elif tag == "nav" and "sidebar" in classes:
            self.has_sidebar = True
        elif tag == "a":
            if "hreflang" in a and self._inside("nav", "language-switch"):
                self.language_links.append((a["hreflang"], a.get("href", "")))
            for rel in a.get("rel", "").split():
                if rel in ("prev", "next") and "href" in a:
                    self.rel_links.setdefault(rel, a["href"])
            if a.get("aria-current") == "page" and self._inside("nav", "sidebar"):
                self.sidebar_current.append(a.get("href", ""))
        elif tag == "textarea" or (tag == "input" and a.get("type", "text").lower() in
                                   ("text", "search", "email", "url", "tel", "number", "password")):
            self.text_inputs += 1
        for name in a:
            if name.startswith("on"):
                self.event_handlers.append((line, tag, name))
        if tag not in self._VOID:
            self._stack.append((tag, classes))

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break


@dataclass(frozen=True)
class Page:
    """One HTML page of the built site."""

    site: Path
    rel: str  # path relative to the site root, with "/" separators, e.g. "en/hyper-v-at-a-glance.html"
    info: _PageParser = field(compare=False, repr=False)

    @property
    def path(self) -> Path:
        return self.site / self.rel

    @property
    def folder_language(self) -> str | None:
        """The language folder the page lives in ("en", "vi"), or None for top-level pages."""
        parts = self.rel.split("/")
        return parts[0] if len(parts) > 1 and parts[0] in Site.languages_of(self.site) else None

    @property
    def is_lesson(self) -> bool:
        return "page-lesson" in self.info.body_classes

    @property
    def is_not_found(self) -> bool:
        return "page-not-found" in self.info.body_classes or self.rel.rsplit("/", 1)[-1] == "404.html"

    def url(self, root: str) -> str:
        return root + quote(self.rel)

    def resolve(self, href: str) -> str | None:
        """The site-relative path an href on this page points to, or None if it leaves the site."""
        target = urljoin("http://site.invalid/" + self.rel, href)
        parts = urlsplit(target)
        if parts.scheme != "http" or parts.netloc != "site.invalid":
            return None
        return unquote(parts.path.lstrip("/"))

    def __str__(self) -> str:
        return self.rel


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages = [Page(root, p.relative_to(root).as_posix(), _parse(p))
                      for p in sorted(root.rglob("*.html"))]
        self.languages = Site.languages_of(root)

    @staticmethod
    @functools.lru_cache(maxsize=None)
    def languages_of(root: Path) -> frozenset[str]:
        """Top-level folders with an index.html whose <html lang> is the folder's name."""
        langs = set()
        for d in root.iterdir():
            index = d / "index.html"
            if d.is_dir() and index.is_file() and _parse(index).html_lang == d.name:
                langs.add(d.name)
        return frozenset(langs)

    @property
    def lessons(self) -> list[Page]:
        return [p for p in self.pages if p.is_lesson]

    def page(self, rel: str) -> Page | None:
        return next((p for p in self.pages if p.rel == rel), None)

    @property
    def file_root(self) -> str:
        return self.root.as_uri() + "/"


@functools.lru_cache(maxsize=None)
def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


# --------------------------------------------------------------------------------------------
# Options, discovery and parametrization
# --------------------------------------------------------------------------------------------

def pytest_addoption(parser):
    group = parser.getgroup("hvwalk")
    group.addoption("--site", default=os.environ.get("HVWALK_SITE", str(REPO / "Site")),
                    help="built site folder to check (default: <repo>/Site)")
    group.addoption("--screenshots",
                    default=os.environ.get("HVWALK_SCREENSHOTS", str(REPO / "docs" / "screenshots")),
                    help="folder for the README screenshots (default: <repo>/docs/screenshots)")


def pytest_configure(config):
    root = Path(config.getoption("--site")).resolve()
    if not root.is_dir():
        raise pytest.UsageError(f"site folder not found: {root} (build it with `swift run hvwalk build`)")
    site = Site(root)
    if not site.pages:
        raise pytest.UsageError(f"no .html pages under {root}")
    config._hvwalk_site = site
    config._hvwalk_notes = []


def pytest_report_header(config):
    site: Site = config._hvwalk_site
    return [f"hvwalk site: {site.root} ({len(site.pages)} pages, {len(site.lessons)} lessons, "
            f"languages: {', '.join(sorted(site.languages)) or 'none'})",
            f"axe-core: {axe_version()} ({VENDOR / 'axe.min.js'})"]


def pytest_generate_tests(metafunc):
    site: Site = metafunc.config._hvwalk_site
    names = metafunc.fixturenames
    if "origin" in names:
        metafunc.parametrize("origin", ["file", "http"])
    if "page" in names:
        metafunc.parametrize("page", site.pages, ids=[p.rel for p in site.pages])
    if "lesson" in names:
        lessons = site.lessons
        # An empty list would silently collect nothing; keep one test that skips with a reason.
        metafunc.parametrize("lesson", lessons or [None], ids=[p.rel for p in lessons] or ["no-lessons"])
    if "page_with_text_field" in names:
        # Where "[" / "]" could navigate (a text field and a rel=prev/next link); else one page with a field.
        with_field = [p for p in site.pages if p.info.text_inputs]
        pages = [p for p in with_field if p.info.rel_links] or with_field[:1]
        metafunc.parametrize("page_with_text_field", pages or [None],
                             ids=[p.rel for p in pages] or ["no-text-fields"])


@pytest.fixture(scope="session")
def site(pytestconfig) -> Site:
    return pytestconfig._hvwalk_site


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig) -> Path:
    return Path(pytestconfig.getoption("--screenshots")).resolve()


# --------------------------------------------------------------------------------------------
# Notes: non-fatal findings printed in the final summary
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def notes(pytestconfig) -> list[str]:
    return pytestconfig._hvwalk_notes


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    notes = getattr(config, "_hvwalk_notes", [])
    if notes:
        terminalreporter.section("hvwalk: non-blocking findings (warnings, minor/moderate axe results)")
        for line in notes:
            terminalreporter.write_line(line)
    no_browser = getattr(config, "_hvwalk_no_browser", None)
    if no_browser:
        terminalreporter.write_line(LOUD, red=True, bold=True)
        for line in no_browser:
            terminalreporter.write_line(f"!!! {line}", red=True, bold=True)
        terminalreporter.write_line(LOUD, red=True, bold=True)


# --------------------------------------------------------------------------------------------
# Local HTTP server (127.0.0.1 only, free port, stopped after the session)
# --------------------------------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="session")
def http_root(site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="hvwalk-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def root_url(origin, site, http_root) -> str:
    return site.file_root if origin == "file" else http_root


# --------------------------------------------------------------------------------------------
# Chromium through Selenium
# --------------------------------------------------------------------------------------------

def _find(env: str, names: tuple[str, ...]) -> str | None:
    explicit = os.environ.get(env)
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def find_chromium() -> tuple[str | None, str | None]:
    return (_find("HVWALK_CHROMIUM", ("chromium", "chromium-browser", "google-chrome")),
            _find("HVWALK_CHROMEDRIVER", ("chromedriver",)))


@dataclass
class Visit:
    """What happened while a page loaded."""

    url: str
    console: list[dict]  # browser log entries (level, source, message)
    requests: list[str]  # every URL the page requested (CDP Network.requestWillBeSent)
    failures: list[str]  # failed loads and HTTP errors


class Browser:
    """One headless Chromium session shared by all tests; reset() restores a neutral state."""

    def __init__(self, chromium: str, chromedriver: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        opts = webdriver.ChromeOptions()
        opts.binary_location = chromium
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900",
                    "--hide-scrollbars", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-extensions", "--lang=en-US"):
            opts.add_argument(arg)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        opts.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
        self.driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
        self.driver.set_page_load_timeout(30)
        # axe on the print pages (about 1.7 MB of HTML) takes tens of seconds on a loaded 2-core
        # machine; a hung script still fails, only later.
        self.driver.set_script_timeout(120)
        self.version = self.driver.capabilities.get("browserVersion", "?")

    def quit(self) -> None:
        self.driver.quit()

    def cdp(self, cmd: str, params: dict | None = None):
        return self.driver.execute_cdp_cmd(cmd, params or {})

    def reset(self) -> None:
        self.cdp("Emulation.clearDeviceMetricsOverride")
        self.set_color_scheme("light")
        self.drain()

    def set_viewport(self, width: int, height: int, mobile: bool = False) -> None:
        self.cdp("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def set_color_scheme(self, scheme: str) -> None:
        self.cdp("Emulation.setEmulatedMedia",
                 {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def drain(self) -> tuple[list[dict], list[dict]]:
        """Returns and clears (console entries, CDP network events) gathered so far."""
        console = self.driver.get_log("browser")
        network = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method", "").startswith("Network."):
                network.append(message)
        return console, network

    def open(self, url: str) -> Visit:
        """Loads url, waits until it has settled, and reports console messages and requests."""
        self.drain()
        self.driver.get(url)
        console, network = self.drain()
        # Late requests (favicon, lazy resources) and messages: wait until two quiet rounds in a row.
        quiet, deadline = 0, time.monotonic() + 2.0
        while quiet < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            more_console, more_network = self.drain()
            console += more_console
            network += more_network
            quiet = quiet + 1 if not (more_console or more_network) else 0
        requests, failures, ids = [], [], {}
        for event in network:
            params = event.get("params", {})
            if event["method"] == "Network.requestWillBeSent":
                request_url = params["request"]["url"]
                ids[params.get("requestId")] = request_url
                requests.append(request_url)
            elif event["method"] == "Network.responseReceived":
                response = params.get("response", {})
                status = response.get("status", 0)
                if response.get("url", "").startswith("http") and status >= 400:
                    failures.append(f"HTTP {status} for {response.get('url')}")
            elif event["method"] == "Network.loadingFailed":
                failures.append(f"{params.get('errorText', 'failed')}"
                                f"{' (' + params['blockedReason'] + ')' if params.get('blockedReason') else ''}"
                                f" for {ids.get(params.get('requestId'), '?')}")
        return Visit(url=self.driver.current_url, console=console, requests=requests, failures=failures)

    def wait_for_url_change(self, old: str, timeout: float = 5.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = self.driver.current_url
            if current != old and self.driver.execute_script("return document.readyState") == "complete":
                return current
            time.sleep(0.05)
        return self.driver.current_url


@pytest.fixture(scope="session")
def _browser_session(pytestconfig):
    chromium, chromedriver = find_chromium()
    if not chromium or not chromedriver:
        missing = " and ".join(n for n, p in (("chromium", chromium), ("chromedriver", chromedriver)) if not p)
        allowed = os.environ.get("HVWALK_ALLOW_NO_BROWSER") == "1"
        # The banner is printed once, at the end of the run (pytest_terminal_summary).
        pytestconfig._hvwalk_no_browser = (
            f"BROWSER TESTS NOT RUN: {missing} not found.",
            "Install with: apt-get install -y chromium chromium-driver",
            "HVWALK_ALLOW_NO_BROWSER=1 is set: they are SKIPPED, not passed." if allowed else
            "They FAIL; set HVWALK_ALLOW_NO_BROWSER=1 to skip them instead.")
        reason = f"BROWSER TESTS NOT RUN: {missing} not found"
        if allowed:
            pytest.skip(reason + " (HVWALK_ALLOW_NO_BROWSER=1)")
        pytest.fail(reason + " (set HVWALK_ALLOW_NO_BROWSER=1 to skip instead)", pytrace=False)
    session = Browser(chromium, chromedriver)
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture
def browser(_browser_session) -> Browser:
    _browser_session.reset()
    return _browser_session


# --------------------------------------------------------------------------------------------
# axe-core (vendored)
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def axe_source() -> str:
    return (VENDOR / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_script() -> str:
    return axe_source()


def axe_version() -> str:
    match = re.search(r"axe v([0-9][0-9.]*)", axe_source()[:200])
    return match.group(1) if match else "?"

