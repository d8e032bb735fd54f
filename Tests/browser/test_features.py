"""The reader's features in a real browser: search, walkthrough stepping, deep links, keys,
theme toggle, print page. Runs over whichever pages of the site have each feature, so new lessons
and scenarios are covered without edits."""

from __future__ import annotations

import time
import unicodedata

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def _walkthrough_pages(site):
    """Pages with at least one stepping walkthrough, one per language, scenario pages first."""
    pages = [p for p in site.pages if "data-walkthrough" in p.path.read_text(encoding="utf-8")]
    chosen = {}
    for page in sorted(pages, key=lambda p: ("/scenarios/" not in str(p.rel), str(p.rel))):
        chosen.setdefault(page.folder_language, page)
    return list(chosen.values())


def _position(driver, figure):
    return figure.find_element(By.CSS_SELECTOR, ".hv-position").text


def _current_steps(figure):
    return [e.get_attribute("data-step") for e in figure.find_elements(By.CSS_SELECTOR, ".is-current")]


def test_search_finds_vietnamese_without_diacritics(browser, site, http_root):
    page = site.page("vi/index.html")
    if page is None:
        pytest.skip("no Vietnamese index page")
    browser.open(page.url(http_root))
    body = browser.driver.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    active = browser.driver.switch_to.active_element
    assert active.get_attribute("id") == "site-search-input", "'/' must focus the search box"
    active.send_keys("may ao")
    deadline = time.monotonic() + 5
    links = []
    while time.monotonic() < deadline and not links:
        links = browser.driver.find_elements(By.CSS_SELECTOR, "#site-search-results a")
        time.sleep(0.05)
    assert links, "searching 'may ao' (no diacritics) finds nothing"
    target = links[0].get_attribute("href")
    links[0].click()
    assert browser.wait_for_url_change(page.url(http_root)).split("#")[0] == target.split("#")[0]
    # The query had no diacritics; the page it leads to must say it with them.
    text = unicodedata.normalize("NFC", browser.driver.find_element(By.TAG_NAME, "body").text).lower()
    assert unicodedata.normalize("NFC", "máy ảo") in text, "results should include 'máy ảo'"


def test_keys_are_ignored_while_typing(browser, site, http_root):
    lesson = next((p for p in site.lessons if p.folder_language == "en"), None)
    if lesson is None:
        pytest.skip("no English lesson")
    url = lesson.url(http_root)
    browser.open(url)
    box = browser.driver.find_element(By.ID, "site-search-input")
    box.send_keys("[]?/")
    assert browser.driver.current_url == url
    assert box.get_attribute("value") == "[]?/"
    assert not browser.driver.execute_script("return document.querySelector('.keys-dialog').open")


def test_question_mark_lists_the_keys(browser, site, http_root):
    page = site.page("en/index.html")
    browser.open(page.url(http_root))
    browser.driver.find_element(By.TAG_NAME, "body").send_keys("?")
    assert browser.driver.execute_script("return document.querySelector('.keys-dialog').open")
    browser.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert not browser.driver.execute_script("return document.querySelector('.keys-dialog').open")


def test_walkthrough_steps_by_button_and_key(browser, site, http_root):
    pages = _walkthrough_pages(site)
    if not pages:
        pytest.skip("no walkthroughs in the site")
    for page in pages:
        browser.open(page.url(http_root))
        figure = browser.driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
        total = int(figure.get_attribute("data-steps"))
        assert figure.find_element(By.CSS_SELECTOR, ".hv-controls").is_displayed()
        first = _current_steps(figure)
        assert len(first) == 2, f"{page}: step 1 is highlighted in the diagram and the transcript"
        figure.find_element(By.CSS_SELECTOR, 'button[data-action="next"]').click()
        second = _current_steps(figure)
        assert second != first and len(set(second)) == 1, f"{page}: Next moves both highlights together"
        assert browser.driver.current_url.endswith(f"-step-{second[0]}"), "the address bar holds a deep link"
        scroller = figure.find_element(By.CSS_SELECTOR, ".hv-diagram-scroll")
        scroller.send_keys(Keys.END)
        assert _position(browser.driver, figure).replace(".", "").replace(",", "").count(str(total)) >= 1
        scroller.send_keys(Keys.ARROW_LEFT)
        scroller.send_keys(Keys.HOME)
        assert _current_steps(figure) == first
        assert figure.find_element(By.CSS_SELECTOR, 'button[data-action="previous"]').get_attribute("disabled")
        so_far = figure.find_elements(By.CSS_SELECTOR, ".hv-counters td.hv-so-far")
        assert so_far and so_far[0].is_displayed() and so_far[0].text != "", "the counters so far are shown"


def test_deep_link_opens_its_step(browser, site, http_root):
    pages = _walkthrough_pages(site)
    if not pages:
        pytest.skip("no walkthroughs in the site")
    page = pages[0]
    browser.open(page.url(http_root))
    figure = browser.driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    items = figure.find_elements(By.CSS_SELECTOR, ".hv-transcript li[data-step]")
    target = items[min(4, len(items) - 1)]
    anchor = target.get_attribute("id")
    browser.open(page.url(http_root) + "#" + anchor)
    figure = browser.driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    assert target.get_attribute("data-step") in _current_steps(figure)
    offset = browser.driver.execute_script("return document.documentElement.scrollLeft")
    assert offset == 0, "a deep link never scrolls the page sideways"


def test_theme_toggle_is_remembered(browser, site, http_root):
    page = site.page("en/index.html")
    browser.open(page.url(http_root))
    button = browser.driver.find_element(By.CSS_SELECTOR, ".theme-toggle")
    assert button.is_displayed()
    button.click()
    button.click()
    assert browser.driver.execute_script("return document.documentElement.getAttribute('data-theme')") == "dark"
    browser.open(site.page("vi/index.html").url(http_root))
    assert browser.driver.execute_script("return document.documentElement.getAttribute('data-theme')") == "dark"
    dark = browser.driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    browser.driver.find_element(By.CSS_SELECTOR, ".theme-toggle").click()
    assert browser.driver.execute_script("return document.documentElement.getAttribute('data-theme')") is None
    assert browser.driver.execute_script("return getComputedStyle(document.body).backgroundColor") != dark


def test_print_page_holds_the_whole_course(site):
    for language in ("vi", "en"):
        page = site.page(f"{language}/print.html")
        assert page is not None, f"no print page for {language}"
        text = page.path.read_text(encoding="utf-8")
        lessons = [p for p in site.lessons if p.folder_language == language]
        for lesson in lessons:
            slug = lesson.path.stem
            assert f'id="{slug}"' in text, f"{language}/print.html lacks lesson {slug}"


def test_walkthrough_screenshot(browser, site, http_root, screenshot_dir):
    """README picture: a walkthrough a few steps in, controls and diagram in view."""
    page = site.page("en/scenarios/disk-write-emulated.html")
    if page is None:
        pages = [p for p in _walkthrough_pages(site) if p.folder_language == "en"]
        if not pages:
            pytest.skip("no English walkthrough")
        page = pages[0]
    browser.set_viewport(1200, 900)
    browser.open(page.url(http_root))
    figure = browser.driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    for _ in range(4):
        figure.find_element(By.CSS_SELECTOR, 'button[data-action="next"]').click()
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    time.sleep(0.2)
    screenshot_dir.mkdir(parents=True, exist_ok=True)
    tmp = screenshot_dir / ".walkthrough.tmp"
    tmp.write_bytes(browser.driver.get_screenshot_as_png())
    tmp.replace(screenshot_dir / "walkthrough.png")


def _sweep_pages(site):
    """Pages with a sweep chart, one per language."""
    chosen = {}
    for page in sorted(site.pages, key=lambda p: str(p.rel)):
        if 'class="hv-sweep"' in page.path.read_text(encoding="utf-8"):
            chosen.setdefault(page.folder_language, page)
    return list(chosen.values())


@pytest.mark.parametrize("width", [1366, 390])
def test_sweep_switches_between_counters(browser, site, http_root, width):
    """A sweep shows one counter's chart at a time; the radio switch (no JavaScript) changes it."""
    pages = _sweep_pages(site)
    if not pages:
        pytest.skip("no sweep charts in the site")
    browser.set_viewport(width, 900, mobile=width < 600)
    try:
        for page in pages:
            browser.open(page.url(http_root))
            figure = browser.driver.find_element(By.CSS_SELECTOR, "figure.hv-sweep")
            charts = figure.find_elements(By.CSS_SELECTOR, ".hv-sweep-chart")
            assert len(charts) >= 2, f"{page}: more than one counter to choose from"
            shown = [c.get_attribute("data-counter") for c in charts if c.is_displayed()]
            assert shown == [charts[0].get_attribute("data-counter")], f"{page}: only the first chart at first"
            browser.driver.execute_script("arguments[0].scrollIntoView()", figure)
            figure.find_elements(By.CSS_SELECTOR, ".hv-sweep-choice label")[1].click()
            shown = [c.get_attribute("data-counter") for c in charts if c.is_displayed()]
            assert shown == [charts[1].get_attribute("data-counter")], f"{page}: the switch shows the chosen chart"
            svg = charts[1].find_element(By.CSS_SELECTOR, "svg.hv-loglog")
            assert svg.find_elements(By.CSS_SELECTOR, "polyline"), "one line per scenario"
            fits = browser.driver.execute_script(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            assert fits, f"{page}: the chart does not widen the page at {width} px"
    finally:
        browser.cdp("Emulation.clearDeviceMetricsOverride")
