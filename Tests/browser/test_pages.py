"""Every page of the built site in headless Chromium.

Parametrized automatically over every ``*.html`` page (``page``), every lesson (``lesson``) and both
ways of opening the site (``origin``: ``file://`` and a local HTTP server on 127.0.0.1); see conftest.py.
"""

from __future__ import annotations

import os
import struct
from urllib.parse import quote, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

# Console levels that fail a page. INFO/DEBUG (console.log) are allowed.
FAILING_LEVELS = {"WARNING", "SEVERE"}


def _strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _inside(url: str, root_url: str) -> bool:
    """True if url is a resource of the site: under its root (data: URLs never leave the page)."""
    if url.startswith("data:"):
        return True
    return _strip_fragment(url).startswith(root_url) and "/../" not in urlsplit(url).path


# --------------------------------------------------------------------------------------------
# Loading: console and network
# --------------------------------------------------------------------------------------------

def test_page_loads_without_console_messages_or_outside_requests(browser, page, origin, root_url):
    url = page.url(root_url)
    visit = browser.open(url)
    problems = []
    if _strip_fragment(visit.url) != url:
        problems.append(f"expected to stay on {url}, browser is at {visit.url}")
    for entry in visit.console:
        if entry.get("level") in FAILING_LEVELS:
            problems.append(f"console {entry['level'].lower()} ({entry.get('source')}): {entry.get('message')}")
    for requested in visit.requests:
        if not _inside(requested, root_url):
            problems.append(f"request outside the site: {requested}")
    problems += [f"failed request: {failure}" for failure in visit.failures]
    if not any(_strip_fragment(r) == url for r in visit.requests):
        problems.append("network log did not record the page itself (request capture broken?)")
    assert not problems, f"{page} via {origin}:\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------------------------
# Markup facts that need no browser
# --------------------------------------------------------------------------------------------

def _directives(policy: str) -> dict[str, list[str]]:
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return result


def test_content_security_policy_meta(page):
    info = page.info
    problems = []
    if len(info.csp) != 1:
        problems.append(f"expected one <meta http-equiv=Content-Security-Policy>, found {len(info.csp)}")
    for content, in_head, line in info.csp:
        if not in_head:
            problems.append(f"line {line}: the CSP meta tag must be inside <head>")
        if info.first_resource_line is not None and line > info.first_resource_line:
            problems.append(f"line {line}: the CSP meta tag comes after a script/link/style "
                            f"(line {info.first_resource_line}), which it then does not cover")
        directives = _directives(content)
        scripts = directives.get("script-src", directives.get("default-src"))
        if scripts is None:
            problems.append("the policy restricts no scripts (no script-src or default-src)")
        elif {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(scripts):
            problems.append(f"script sources allow inline/eval/any: {' '.join(scripts)}")
    problems += [f"line {line}: inline <script> (blocked by the CSP)" for line in info.inline_scripts]
    problems += [f"line {line}: <{tag} {attr}=…> inline event handler (blocked by the CSP)"
                 for line, tag, attr in info.event_handlers]
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


def test_html_lang(page):
    lang = page.info.html_lang
    assert lang, f"{page}: <html> has no lang attribute"
    if page.folder_language:
        assert lang == page.folder_language, (
            f"{page}: <html lang={lang!r}> but the page is in the {page.folder_language!r} folder")


def test_sidebar_marks_the_current_lesson(lesson):
    if lesson is None:
        pytest.skip("the site has no lesson pages (body.page-lesson)")
    assert lesson.info.has_sidebar, f"{lesson}: no nav.sidebar"
    current = lesson.info.sidebar_current
    assert len(current) == 1, f"{lesson}: expected one a[aria-current=page] in nav.sidebar, found {current}"
    assert lesson.resolve(current[0]) == lesson.rel, (
        f"{lesson}: the sidebar marks {current[0]!r} as current, not this lesson")


# --------------------------------------------------------------------------------------------
# Language switch
# --------------------------------------------------------------------------------------------

def test_language_switch_lands_on_the_same_page(browser, page, site, http_root):
    links = page.info.language_links
    assert links, f"{page}: no nav.language-switch a[hreflang]"
    driver = browser.driver
    for hreflang, href in links:
        target = page.resolve(href)
        assert target is not None, f"{page}: language link {href!r} leaves the site"
        if page.folder_language:
            expected = f"{hreflang}/{page.rel.split('/', 1)[1]}"
            if page.is_not_found and target == f"{hreflang}/index.html":
                expected = target  # a "page not found" page may send the reader to the other home page
            assert target == expected, (
                f"{page}: the {hreflang} link goes to {target}, expected the same page {expected}")
        assert (site.root / target).is_file(), f"{page}: the {hreflang} link goes to missing {target}"

        url = page.url(http_root)
        browser.open(url)
        link = driver.find_element(By.CSS_SELECTOR, f'nav.language-switch a[hreflang="{hreflang}"]')
        link.click()
        landed = browser.wait_for_url_change(url)
        assert _strip_fragment(landed) == http_root + quote(target), (
            f"{page}: clicking the {hreflang} link landed on {landed}")
        landed_lang = driver.execute_script("return document.documentElement.lang")
        assert landed_lang == hreflang, (
            f"{page}: the {hreflang} link landed on a page with <html lang={landed_lang!r}>")


# --------------------------------------------------------------------------------------------
# Phone width
# --------------------------------------------------------------------------------------------

OVERFLOW_JS = """
const root = document.documentElement;
const width = root.clientWidth;
const clips = el => { for (let p = el.parentElement; p && p !== root && p !== document.body; p = p.parentElement) {
  const o = getComputedStyle(p).overflowX; if (o !== 'visible') return true; } return false; };
const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (el.classList.length ? '.' + [...el.classList].join('.') : '');
const wide = new Set([...document.body.querySelectorAll('*')].filter(el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.right > width + 0.5 && !clips(el) && getComputedStyle(el).position !== 'fixed';
}));
const outermost = [...wide].filter(el => !wide.has(el.parentElement)).slice(0, 8).map(el =>
  describe(el) + ' right=' + Math.round(el.getBoundingClientRect().right) + 'px "' +
  (el.textContent || '').trim().slice(0, 60).replace(/\\s+/g, ' ') + '"');
return {scrollWidth: root.scrollWidth, clientWidth: width, innerWidth: window.innerWidth, offenders: outermost};
"""


def test_no_horizontal_overflow_at_375px(browser, page, http_root):
    # Mobile emulation: overlay scrollbars, meta viewport honoured. Chromium then widens innerWidth to
    # fit overflowing content, so compare against the document's clientWidth (the 375-px layout width).
    browser.set_viewport(375, 812, mobile=True)
    browser.open(page.url(http_root))
    m = browser.driver.execute_script(OVERFLOW_JS)
    assert m["clientWidth"] == 375, f"{page}: layout width is {m['clientWidth']}px, not 375px (viewport meta?)"
    assert m["scrollWidth"] <= m["clientWidth"], (
        f"{page}: horizontal overflow at 375px: scrollWidth {m['scrollWidth']} > {m['clientWidth']} "
        f"(innerWidth {m['innerWidth']}); widest elements:\n  " + "\n  ".join(m["offenders"] or ["?"]))


# --------------------------------------------------------------------------------------------
# Keyboard
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("key,rel", [("]", "next"), ("[", "prev")], ids=["next", "prev"])
def test_bracket_keys_move_between_lessons(browser, site, lesson, key, rel, http_root):
    if lesson is None:
        pytest.skip("the site has no lesson pages (body.page-lesson)")
    href = lesson.info.rel_links.get(rel)
    if not href:
        same_language = [p for p in site.lessons if p.folder_language == lesson.folder_language]
        if len(same_language) <= 1:
            pytest.skip(f"one-lesson course in {lesson.folder_language or 'this language'}: "
                        f"no a[rel={rel}] to follow with {key!r}")
        pytest.skip(f"{lesson} has no a[rel={rel}] ({'last' if rel == 'next' else 'first'} lesson)")
    target = lesson.resolve(href)
    assert target is not None, f"{lesson}: a[rel={rel}] {href!r} leaves the site"
    url = lesson.url(http_root)
    browser.open(url)
    ActionChains(browser.driver).send_keys(key).perform()
    landed = browser.wait_for_url_change(url)
    assert _strip_fragment(landed) == http_root + quote(target), (
        f"{lesson}: pressing {key!r} should open {target}, browser is at {landed}")


def test_bracket_keys_do_nothing_while_typing(browser, page_with_text_field, http_root):
    page = page_with_text_field
    if page is None:
        pytest.skip("no page has a text field yet (search is not built): nothing to type into")
    url = page.url(http_root)
    browser.open(url)
    driver = browser.driver
    fields = [f for f in driver.find_elements(By.CSS_SELECTOR, "input, textarea")
              if f.is_displayed() and f.get_attribute("type") in (None, "", "text", "search")]
    if not fields:
        pytest.skip(f"{page}: its text fields are hidden at this size")
    fields[0].click()
    ActionChains(driver).send_keys("][").perform()
    browser.wait_for_url_change(url, timeout=0.3)
    assert driver.current_url.split("#")[0] == url, f"{page}: typing ']' or '[' in a field navigated away"
    assert "][" in (fields[0].get_attribute("value") or ""), f"{page}: the keys did not reach the field"


# --------------------------------------------------------------------------------------------
# README screenshots
# --------------------------------------------------------------------------------------------

SHOTS = [
    # file name, width, height, mobile emulation, colour scheme
    ("lesson-light.png", 1200, 900, False, "light"),
    ("lesson-dark.png", 1200, 900, False, "dark"),
    ("lesson-phone.png", 375, 812, True, "light"),
]


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", png[16:24])


def _screenshot_lesson(site):
    wanted = os.environ.get("HVWALK_SCREENSHOT_PAGE")
    if wanted:
        page = site.page(wanted)
        assert page is not None, f"HVWALK_SCREENSHOT_PAGE={wanted}: no such page"
        return page
    lessons = site.lessons
    return next((p for p in lessons if p.folder_language == "en"), lessons[0] if lessons else None)


def test_readme_screenshots(browser, site, http_root, screenshot_dir):
    lesson = _screenshot_lesson(site)
    if lesson is None:
        pytest.skip("the site has no lesson to photograph")
    screenshot_dir.mkdir(parents=True, exist_ok=True)
    backgrounds = {}
    for name, width, height, mobile, scheme in SHOTS:
        browser.set_viewport(width, height, mobile=mobile)
        browser.set_color_scheme(scheme)
        browser.open(lesson.url(http_root))
        browser.driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));")
        backgrounds[name] = browser.driver.execute_script(
            "return getComputedStyle(document.body).backgroundColor")
        png = browser.driver.get_screenshot_as_png()
        assert _png_size(png) == (width, height), f"{name}: got {_png_size(png)}, wanted {width}x{height}"
        tmp = screenshot_dir / f".{name}.tmp"
        tmp.write_bytes(png)
        tmp.replace(screenshot_dir / name)
    assert backgrounds["lesson-dark.png"] != backgrounds["lesson-light.png"], (
        f"{lesson}: the page looks the same with prefers-color-scheme: dark "
        f"(body background {backgrounds['lesson-dark.png']})")
