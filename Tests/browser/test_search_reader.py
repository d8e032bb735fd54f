"""What readers asked of search, the language switch and the home page, in a real browser at a
desktop width (1366 px) and a phone width (390 px), in both languages:

* search ranks the lesson whose title matches first, finds Vietnamese with or without
  diacritics, shows a snippet with the matched words in <mark>, moves with ↑/↓ and opens with
  Enter (the first result by default), and the page it opens has the words highlighted;
* the language switch carries the reader's place: a section by its position, a walkthrough step
  by its anchor;
* the home page offers both languages at the top, so an English start is above the fold on a phone.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

WIDTHS = [1366, 390]
LANGUAGES = ["en", "vi"]
REPO = Path(__file__).resolve().parents[2]


def _viewport(browser, width):
    browser.set_viewport(width, 900 if width > 600 else 844, mobile=width < 600)


def _page_or_skip(site, rel):
    page = site.page(rel)
    if page is None:
        pytest.skip(f"the site has no {rel}")
    return page


def _wait(predicate, timeout=5.0, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {message}")


def _path(url):
    """The page a URL opens: its path without query or fragment."""
    return unquote(urlsplit(url).path)


def _search(browser, query):
    """Types `query` into the search box; returns the result options once they are shown."""
    driver = browser.driver
    box = driver.find_element(By.ID, "site-search-input")
    assert box.is_displayed(), "the search box is visible"
    box.click()
    box.clear()
    box.send_keys(query)
    options = _wait(lambda: [o for o in driver.find_elements(By.CSS_SELECTOR, '#site-search-listbox [role="option"]')
                             if o.is_displayed()], message=f"results for {query!r}")
    return box, options


def _hits(driver):
    return driver.execute_script("return document.querySelectorAll('mark.search-hit').length")


# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_heartbeat_lists_the_heartbeat_lesson_first_and_enter_opens_it(browser, site, root_url, language, width):
    _page_or_skip(site, f"{language}/heartbeat.html")
    page = _page_or_skip(site, f"{language}/index.html")
    _viewport(browser, width)
    browser.open(page.url(root_url))
    box, options = _search(browser, "heartbeat")
    first = options[0]
    assert _path(first.get_attribute("href")).endswith(f"/{language}/heartbeat.html"), (
        f"first result is {first.get_attribute('href')}, not the Heartbeat lesson")
    assert "#" not in first.get_attribute("href"), "the lesson's own entry opens the page, not a section"
    # Combobox: the first result is selected by default, and the box points at it.
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    url = browser.driver.current_url
    box.send_keys(Keys.ENTER)
    landed = browser.wait_for_url_change(url)
    assert _path(landed).endswith(f"/{language}/heartbeat.html"), f"Enter opened {landed}"
    assert "q=heartbeat" in urlsplit(landed).query, "the query travels in the address (?q=)"
    assert _hits(browser.driver) > 0, "the search word is highlighted on the page it opened"


def _shutdown_title():
    source = REPO / "Content" / "lessons" / "vi" / "shutdown.md"
    if not source.is_file():
        return None
    match = re.search(r"^title:\s*(.+)$", source.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip().strip("\"'") if match else None


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["tắt máy", "tat may"])
def test_shutdown_lesson_found_with_and_without_diacritics(browser, site, http_root, query, width):
    _page_or_skip(site, "vi/shutdown.html")
    page = _page_or_skip(site, "vi/index.html")
    title = _shutdown_title()
    _viewport(browser, width)
    browser.open(page.url(http_root))
    _, options = _search(browser, query)
    lessons = [o for o in options if _path(o.get_attribute("href")).endswith("/vi/shutdown.html")
               and "#" not in o.get_attribute("href")]
    assert lessons, f"{query!r} does not find the shutdown lesson: " + " | ".join(o.text for o in options)
    assert lessons[0] == options[0], f"{query!r}: the shutdown lesson is not first: {options[0].text!r}"
    if title:
        assert lessons[0].find_element(By.CSS_SELECTOR, ".search-title").text == title


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_results_show_a_snippet_with_marked_words(browser, site, http_root, language, width):
    page = _page_or_skip(site, f"{language}/index.html")
    _viewport(browser, width)
    browser.open(page.url(http_root))
    _, options = _search(browser, "heartbeat")
    marked = browser.driver.find_elements(By.CSS_SELECTOR, "#site-search-listbox .search-snippet mark")
    assert marked, "no snippet has a <mark>"
    assert all(m.text.lower() == "heartbeat" for m in marked), [m.text for m in marked][:10]
    # Every result names its section; results below a lesson also name their page.
    assert all(o.find_element(By.CSS_SELECTOR, ".search-title").text for o in options)
    assert any(o.find_elements(By.CSS_SELECTOR, ".search-page") for o in options)
    # Text from the index is text, never markup.
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "#site-search-listbox script, #site-search-listbox img")
    if width < 600:
        fits = browser.driver.execute_script(
            "const r = document.getElementById('site-search-results').getBoundingClientRect();"
            "return r.left >= 0 && r.right <= document.documentElement.clientWidth + 0.5")
        assert fits, "the results fit the phone's width"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_arrow_down_then_enter_opens_the_second_result_with_highlights(browser, site, root_url, language, width):
    page = _page_or_skip(site, f"{language}/index.html")
    _viewport(browser, width)
    browser.open(page.url(root_url))
    box, options = _search(browser, "heartbeat")
    assert len(options) >= 2, "at least two results for 'heartbeat'"
    second = options[1]
    target = second.get_attribute("href")
    box.send_keys(Keys.ARROW_DOWN)
    assert second.get_attribute("aria-selected") == "true"
    assert options[0].get_attribute("aria-selected") == "false"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert browser.driver.switch_to.active_element == box, "focus stays in the search box"
    url = browser.driver.current_url
    box.send_keys(Keys.ENTER)
    landed = browser.wait_for_url_change(url)
    assert _path(landed) == _path(target) and urlsplit(landed).fragment == urlsplit(target).fragment, (
        f"Enter after ↓ opened {landed}, not the second result {target}")
    driver = browser.driver
    assert _hits(driver) > 0, "the page opened from a result highlights the search words"
    assert driver.execute_script("return document.querySelectorAll('svg mark, #content mark.search-hit mark').length") == 0
    outside = driver.execute_script(
        "return [...document.querySelectorAll('mark.search-hit')].filter(m => !m.closest('#content')).length")
    assert outside == 0, "highlights only inside the main content"
    visible = driver.execute_script(
        "return [...document.querySelectorAll('mark.search-hit')].some(m => {"
        " const r = m.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })")
    assert visible, "a highlighted word is in view on arrival"
    bar = driver.find_element(By.CSS_SELECTOR, ".search-hits-bar")
    assert bar.is_displayed()
    # Esc clears the highlights (and the bar).
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    _wait(lambda: _hits(driver) == 0, message="Esc to clear the highlights")
    assert not driver.find_elements(By.CSS_SELECTOR, ".search-hits-bar")


def test_clear_button_removes_highlights(browser, site, http_root):
    page = _page_or_skip(site, "en/heartbeat.html")
    browser.open(page.url(http_root) + "?q=heartbeat")
    driver = browser.driver
    assert _hits(driver) > 0
    driver.find_element(By.CSS_SELECTOR, ".search-hits-bar button").click()
    assert _hits(driver) == 0
    assert "q=" not in urlsplit(driver.current_url).query


@pytest.mark.parametrize("width", WIDTHS)
def test_escape_closes_the_results(browser, site, http_root, width):
    page = _page_or_skip(site, "en/index.html")
    _viewport(browser, width)
    browser.open(page.url(http_root))
    box, _ = _search(browser, "vmbus")
    box.send_keys(Keys.ESCAPE)
    assert not browser.driver.find_element(By.ID, "site-search-results").is_displayed()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("value") == "vmbus", "the first Esc closes the list and keeps the words"


def test_enter_typed_with_the_words_opens_the_first_result(browser, site, root_url):
    """Words and Enter at once (before the index has loaded): the first result still opens."""
    _page_or_skip(site, "en/heartbeat.html")
    page = _page_or_skip(site, "en/index.html")
    browser.open(page.url(root_url))
    url = browser.driver.current_url
    browser.driver.find_element(By.ID, "site-search-input").send_keys("heartbeat" + Keys.ENTER)
    landed = browser.wait_for_url_change(url)
    assert _path(landed).endswith("/en/heartbeat.html"), f"Enter opened {landed}"


# --------------------------------------------------------------------------------------------
# Language switch keeps the place
# --------------------------------------------------------------------------------------------

HEADINGS = "return [...document.querySelectorAll('#content h2, #content h3')].map(h => h.id)"


def _other(language):
    return "en" if language == "vi" else "vi"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_lands_on_the_same_section(browser, site, root_url, language, width):
    page = _page_or_skip(site, f"{language}/heartbeat.html")
    other = _other(language)
    _viewport(browser, width)
    driver = browser.driver
    browser.open(page.url(root_url))
    ids = driver.execute_script(HEADINGS)
    # A heading deep in the lesson, with an id (so that the other page's can be checked).
    index = next(i for i in range(len(ids) - 3, 0, -1) if ids[i])
    heading = driver.find_element(By.ID, ids[index])
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", heading)
    time.sleep(1.0)  # the reader settles there (the switch notes the place)
    url = driver.current_url
    driver.find_element(By.CSS_SELECTOR, f'nav.language-switch a[hreflang="{other}"]').click()
    landed = browser.wait_for_url_change(url)
    assert _path(landed).endswith(f"/{other}/heartbeat.html")
    other_ids = driver.execute_script(HEADINGS)
    assert len(other_ids) == len(ids), "the two languages have the same headings"
    assert urlsplit(landed).fragment == other_ids[index], (
        f"landed on #{urlsplit(landed).fragment}, expected #{other_ids[index]} (heading {index + 1})")
    assert "q=" not in urlsplit(landed).query
    time.sleep(0.3)
    top = driver.execute_script("return document.getElementById(arguments[0]).getBoundingClientRect().top",
                                other_ids[index])
    assert -2 <= top <= 120, f"the section's heading is at {top}px, not at the top of the window"


def _step_anchor(site, language):
    page = site.page(f"{language}/heartbeat.html")
    if page is None:
        return None, None
    match = re.search(r'<li id="([^"]+-step-5)"', page.path.read_text(encoding="utf-8"))
    return page, match.group(1) if match else None


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_from_a_step_link_lands_on_the_same_step(browser, site, root_url, language, width):
    page, anchor = _step_anchor(site, language)
    if not anchor:
        pytest.skip(f"no walkthrough step 5 on {language}/heartbeat.html")
    other = _other(language)
    _viewport(browser, width)
    driver = browser.driver
    browser.open(page.url(root_url) + "#" + anchor)
    time.sleep(1.0)
    url = driver.current_url
    driver.find_element(By.CSS_SELECTOR, f'nav.language-switch a[hreflang="{other}"]').click()
    landed = browser.wait_for_url_change(url)
    assert _path(landed).endswith(f"/{other}/heartbeat.html")
    assert urlsplit(landed).fragment == anchor, f"landed on {landed}, expected #{anchor}"
    figure = anchor.rsplit("-step-", 1)[0]
    current = driver.execute_script(
        "return [...document.getElementById(arguments[0]).querySelectorAll('.is-current')]"
        ".map(e => e.getAttribute('data-step'))", figure)
    assert current and set(current) == {"5"}, f"step 5 is not the current step: {current}"


def test_language_switch_at_the_top_lands_at_the_top(browser, site, http_root):
    page = _page_or_skip(site, "en/heartbeat.html")
    browser.open(page.url(http_root))
    url = browser.driver.current_url
    browser.driver.find_element(By.CSS_SELECTOR, 'nav.language-switch a[hreflang="vi"]').click()
    landed = browser.wait_for_url_change(url)
    assert urlsplit(landed).fragment == "" and browser.driver.execute_script("return scrollY") == 0


# --------------------------------------------------------------------------------------------
# Home page
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_home_shows_an_english_start_above_the_fold_on_a_phone(browser, site, http_root, javascript):
    page = _page_or_skip(site, "index.html")
    browser.set_viewport(390, 844, mobile=True)
    driver = browser.driver
    if not javascript:
        browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.open(page.url(http_root))
        links = [a for a in driver.find_elements(By.CSS_SELECTOR, "#content a[href]")
                 if page.resolve(a.get_dom_attribute("href")) == "en/index.html" and a.is_displayed()]
        assert links, "the home page has no visible link to the English course"
        box = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom]",
                                    links[0])
        assert box[1] <= 844, f"the English start is below the fold ({box[1]:.0f}px > 844px)"
        if javascript:
            # The browser asks for English (--lang=en-US): its card comes first.
            first = driver.find_element(By.CSS_SELECTOR, ".home-choice > .home-language")
            assert first.get_attribute("lang") == "en"
            assert driver.find_element(By.CSS_SELECTOR, ".theme-toggle").text.startswith("Theme")
    finally:
        if not javascript:
            browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})


def test_home_offers_both_languages_side_by_side_on_a_desktop(browser, site, http_root):
    page = _page_or_skip(site, "index.html")
    browser.set_viewport(1366, 900)
    browser.open(page.url(http_root))
    cards = browser.driver.find_elements(By.CSS_SELECTOR, ".home-choice > .home-language")
    assert {c.get_attribute("lang") for c in cards} >= {"en", "vi"}
    tops = {round(c.rect["y"]) for c in cards}
    assert len(tops) == 1, "the language cards sit side by side"
    for card in cards:
        start = card.find_element(By.CSS_SELECTOR, "a.button")
        assert start.is_displayed() and start.rect["y"] + start.rect["height"] <= 900

