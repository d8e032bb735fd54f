"""Reading a walkthrough on a desktop (1366 px) and a phone (390 px), in every language: lifeline
names that stay in view, fit-to-width and zoom, step links that show their step, the step keys
without clicking first, and a print layout with readable diagrams.

Two pages per language: a "heavy" lesson (the one with the most walkthroughs and step links in its
text) and a "light" scenario page (one walkthrough, the widest diagram)."""

from __future__ import annotations

import re
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

WIDTHS = {1366: 768, 390: 844}
STEP_LINK = re.compile(r'href="#([A-Za-z0-9_-]+)-step-(\d+)"')
DIAGRAM_WIDTH = re.compile(r'<svg[^>]*class="hv-diagram"[^>]*\bwidth="(\d+)"')


def _pages_of(site, language):
    return [p for p in site.pages if p.folder_language == language and "print" not in p.rel]


def _heavy(site, language):
    """The lesson with the most walkthroughs among those whose text links to a step."""
    best, best_count = None, 0
    for page in _pages_of(site, language):
        if not page.is_lesson:
            continue
        text = page.path.read_text(encoding="utf-8")
        figures = set(re.findall(r'<figure class="hv-walkthrough" id="([^"]+)"', text))
        linked = {m.group(1) for m in STEP_LINK.finditer(text)} & figures
        if linked and len(figures) > best_count:
            best, best_count = page, len(figures)
    return best


def _light(site, language):
    """The scenario page with the widest diagram (one walkthrough)."""
    best, best_width = None, 0
    for page in _pages_of(site, language):
        if "/scenarios/" not in page.rel:
            continue
        widths = [int(w) for w in DIAGRAM_WIDTH.findall(page.path.read_text(encoding="utf-8"))]
        if len(widths) == 1 and widths[0] > best_width:
            best, best_width = page, widths[0]
    return best


@pytest.fixture(params=["en", "vi"])
def language(request, site):
    if request.param not in site.languages:
        pytest.skip(f"no {request.param} pages")
    return request.param


@pytest.fixture(params=sorted(WIDTHS), ids=lambda w: f"{w}px")
def width(request, browser):
    browser.set_viewport(request.param, WIDTHS[request.param], mobile=request.param < 600)
    yield request.param
    browser.cdp("Emulation.clearDeviceMetricsOverride")


def _open(browser, page, http_root, fragment=""):
    if page is None:
        pytest.skip("no such page in the site")
    browser.open(page.url(http_root) + fragment)
    browser.driver.execute_script("document.activeElement && document.activeElement.blur()")


def _state(driver, figure):
    """Where the walkthrough stands and where its parts are on screen."""
    return driver.execute_script("""
        var f = arguments[0];
        var box = f.querySelector('.hv-diagram-scroll');
        var svg = box.querySelector('svg.hv-diagram');
        var shape = svg.querySelector('.is-current');
        var item = f.querySelector('.hv-transcript li.is-current');
        function r(e) { if (!e) return null; var b = e.getBoundingClientRect();
          return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, width: b.width, height: b.height}; }
        return {
          step: item ? item.getAttribute('data-step') : null,
          shapeStep: shape ? shape.getAttribute('data-step') : null,
          controls: r(f.querySelector('.hv-controls')), shape: r(shape), item: r(item), box: r(box),
          svg: r(svg), boxWidth: box.clientWidth, zoom: f.getAttribute('data-zoom'),
          natural: svg.viewBox.baseVal.width,
          viewport: {width: document.documentElement.clientWidth, height: window.innerHeight},
          pageLeft: document.documentElement.scrollLeft
        };""", figure)


def _inside(point_x, point_y, rect):
    return rect["left"] - 1 <= point_x <= rect["right"] + 1 and rect["top"] - 1 <= point_y <= rect["bottom"] + 1


def _centre(rect):
    return rect["left"] + rect["width"] / 2, rect["top"] + rect["height"] / 2


def _assert_in_view(state, where):
    view = {"left": 0, "top": 0, "right": state["viewport"]["width"], "bottom": state["viewport"]["height"]}
    controls = state["controls"]
    assert controls["top"] >= -1 and controls["bottom"] <= view["bottom"] + 1, f"{where}: controls off screen {controls}"
    x, y = _centre(state["shape"])
    assert _inside(x, y, view), f"{where}: the current message is off screen {state['shape']}"
    assert _inside(x, y, state["box"]), f"{where}: the current message is outside the diagram's box"
    assert state["pageLeft"] == 0, f"{where}: the page scrolled sideways"


def test_lifeline_names_stay_in_view(browser, site, http_root, language, width):
    page = _light(site, language)
    _open(browser, page, http_root)
    driver = browser.driver
    figure = driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    driver.execute_script("arguments[0].scrollIntoView()", figure)
    figure.find_element(By.CSS_SELECTOR, 'button[data-zoom="actual"]').click()
    result = driver.execute_script("""
        var box = arguments[0].querySelector('.hv-diagram-scroll');
        box.scrollTop = 1200; box.scrollLeft = 300;
        box.dispatchEvent(new Event('scroll'));
        var strip = box.querySelector('.hv-diagram-header');
        var s = strip.getBoundingClientRect(), b = box.getBoundingClientRect();
        // A lifeline whose name is within the box sideways, in the copy and in the diagram.
        var titles = strip.querySelectorAll('.hv-lifeline > rect');
        var lines = box.querySelectorAll('svg.hv-diagram .hv-lifeline > line');
        var i = 0, t = null;
        for (; i < titles.length; i++) {
          t = titles[i].getBoundingClientRect();
          if (t.left + t.width / 2 > b.left && t.left + t.width / 2 < b.right) break;
        }
        var hit = document.elementFromPoint(t.left + t.width / 2, t.top + t.height / 2);
        // The same lifeline in the diagram: its dashed line must sit under the copied title.
        var line = lines[Math.min(i, lines.length - 1)].getBoundingClientRect();
        return {scrolled: box.scrollTop, stripTop: s.top, boxTop: b.top + box.clientTop, stripHeight: s.height,
                titleTop: t.top, titleBottom: t.bottom, hitInStrip: !!(hit && strip.contains(hit)),
                titleCentre: t.left + t.width / 2, lineX: line.left + line.width / 2,
                names: strip.querySelectorAll('.hv-actor-title').length,
                lifelines: lines.length, hidden: strip.getAttribute('aria-hidden')};
        """, figure)
    assert result["scrolled"] > 0, f"{page}: the diagram does not scroll down"
    assert abs(result["stripTop"] - result["boxTop"]) <= 2, f"{page}: the header is not stuck to the top: {result}"
    assert result["stripHeight"] > 40, f"{page}: the header strip is too short: {result}"
    assert result["hitInStrip"], f"{page}: a lifeline name is covered or not drawn after scrolling: {result}"
    assert abs(result["titleCentre"] - result["lineX"]) <= 2, f"{page}: the header does not follow sideways: {result}"
    assert result["names"] == result["lifelines"], f"{page}: every lifeline has its name in the header"
    assert result["hidden"] == "true", "the copy is hidden from screen readers (the diagram has them)"


def test_fit_and_zoom(browser, site, http_root, language, width):
    page = _light(site, language)
    _open(browser, page, http_root)
    driver = browser.driver
    figure = driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    driver.execute_script("arguments[0].scrollIntoView()", figure)
    state = _state(driver, figure)
    assert state["natural"] > state["boxWidth"], f"{page}: the light page should have a diagram wider than its box"
    if width < 600:
        assert state["zoom"] == "fit", f"{page}: a phone fits the diagram to its box by default"
        assert state["svg"]["width"] <= state["boxWidth"] + 0.5
    figure.find_element(By.CSS_SELECTOR, 'button[data-zoom="fit"]').click()
    state = _state(driver, figure)
    assert state["zoom"] == "fit"
    assert state["svg"]["width"] <= state["boxWidth"] + 0.5, f"{page}: fit leaves the diagram wider than its box"
    assert state["svg"]["width"] >= state["boxWidth"] - 2, f"{page}: fit uses the box's width"
    assert figure.find_element(By.CSS_SELECTOR, 'button[data-zoom="fit"]').get_attribute("aria-pressed") == "true"
    fitted = state["svg"]["width"]
    figure.find_element(By.CSS_SELECTOR, 'button[data-zoom="in"]').click()
    zoomed = _state(driver, figure)["svg"]["width"]
    assert zoomed > fitted, "+ enlarges the diagram"
    figure.find_element(By.CSS_SELECTOR, 'button[data-zoom="out"]').click()
    assert _state(driver, figure)["svg"]["width"] < zoomed, "- shrinks it"
    figure.find_element(By.CSS_SELECTOR, 'button[data-zoom="actual"]').click()
    state = _state(driver, figure)
    assert state["zoom"] == "actual" and abs(state["svg"]["width"] - state["natural"]) <= 1, "100 % is the natural size"
    header = driver.execute_script(
        "return arguments[0].querySelector('.hv-diagram-header').getBoundingClientRect().width", figure)
    assert abs(header - state["svg"]["width"]) <= 1, "the header strip follows the zoom"
    fits = driver.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert fits, f"{page}: zooming widened the page"


def _step_link(driver):
    """A link in the lesson text (outside the figures) to a step of a figure on the page, preferring
    one that is not the first figure and not its first step."""
    links = driver.execute_script("""
        var out = [];
        document.querySelectorAll('main a[href^="#"]').forEach(function (a) {
          var m = a.getAttribute('href').match(/^#(.+)-step-(\\d+)$/);
          if (!m || a.closest('figure')) return;
          var f = document.getElementById(m[1]);
          if (!f || !f.matches('figure[data-walkthrough]')) return;
          var figures = Array.prototype.indexOf.call(document.querySelectorAll('figure[data-walkthrough]'), f);
          out.push([a, m[1], m[2], figures]);
        });
        return out;""")
    assert links, "the heavy page has step links in its text"
    links.sort(key=lambda l: (l[3] == 0, l[2] == "1"))
    return links[0]


def test_step_link_shows_its_step(browser, site, http_root, language, width):
    page = _heavy(site, language)
    _open(browser, page, http_root)
    driver = browser.driver
    link, figure_id, step, _ = _step_link(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    time.sleep(0.1)
    figure = driver.find_element(By.ID, figure_id)
    state = _state(driver, figure)
    assert state["step"] == step and state["shapeStep"] == step, f"{page}: the link did not move {figure_id} to {step}"
    assert driver.current_url.endswith(f"#{figure_id}-step-{step}"), "the address bar holds the link"
    _assert_in_view(state, f"{page} at {width} px")
    if width < 600:
        x, y = _centre(state["item"])
        assert 0 <= y <= state["viewport"]["height"], f"{page}: the current transcript row is off screen on a phone"
    # Back returns to where the reader was; Forward shows the step again.
    driver.back()
    time.sleep(0.1)
    assert not driver.current_url.endswith(f"-step-{step}")
    driver.forward()
    time.sleep(0.1)
    _assert_in_view(_state(driver, figure), f"{page} after Forward")


def test_deep_link_on_load_shows_controls_and_message(browser, site, http_root, language, width):
    page = _heavy(site, language)
    text = page.path.read_text(encoding="utf-8") if page else ""
    match = STEP_LINK.search(text)
    if not match:
        pytest.skip("no step link")
    browser.driver.get("about:blank")  # a fresh load, not a jump within the page a test left open
    _open(browser, page, http_root, f"#{match.group(1)}-step-{match.group(2)}")
    time.sleep(0.1)
    figure = browser.driver.find_element(By.ID, match.group(1))
    state = _state(browser.driver, figure)
    assert state["step"] == match.group(2)
    _assert_in_view(state, f"{page} opened at a step")


def _figures_by_view(driver):
    return driver.find_elements(By.CSS_SELECTOR, "figure[data-walkthrough]")


def test_arrow_keys_step_the_figure_on_screen(browser, site, http_root, language, width):
    page = _heavy(site, language)
    _open(browser, page, http_root)
    driver = browser.driver
    figures = _figures_by_view(driver)
    target = figures[1] if len(figures) > 1 else figures[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", target)
    time.sleep(0.05)
    assert driver.execute_script("return document.activeElement === document.body"), "nothing has focus"
    before = [_state(driver, f)["step"] for f in figures]
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
    after = [_state(driver, f)["step"] for f in figures]
    index = figures.index(target)
    first = driver.execute_script(
        "return arguments[0].querySelectorAll('.hv-transcript li[data-step]')[1].getAttribute('data-step')", target)
    assert after[index] == first, f"{page}: → without a click moves the figure on screen ({before} → {after})"
    assert [s for i, s in enumerate(after) if i != index] == [s for i, s in enumerate(before) if i != index], \
        "only the figure most in view moves"
    ActionChains(driver).send_keys(Keys.END).perform()
    total = int(target.get_attribute("data-steps"))
    last = driver.execute_script(
        "var l = arguments[0].querySelectorAll('.hv-transcript li[data-step]'); return l[l.length - 1].getAttribute('data-step')",
        target)
    assert _state(driver, target)["step"] == last, f"End goes to the last of {total} steps"
    ActionChains(driver).send_keys(Keys.HOME).perform()
    ActionChains(driver).send_keys(Keys.ARROW_LEFT).perform()
    state = _state(driver, target)
    assert state["step"] == before[index], "Home goes back to the first step; ← stops there"
    _assert_in_view(state, f"{page} stepping with the keys")


def test_keys_typed_in_the_search_box_do_not_step(browser, site, http_root, language, width):
    page = _heavy(site, language)
    _open(browser, page, http_root)
    driver = browser.driver
    figure = _figures_by_view(driver)[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    before = _state(driver, figure)["step"]
    box = driver.find_element(By.ID, "site-search-input")
    driver.execute_script("arguments[0].focus({preventScroll: true})", box)
    ActionChains(driver).send_keys("ab", Keys.ARROW_LEFT, Keys.ARROW_RIGHT, Keys.END, Keys.HOME).perform()
    assert _state(driver, figure)["step"] == before, f"{page}: keys typed in the search box moved the walkthrough"
    assert box.get_attribute("value") == "ab"
    # Out of the box, the keys step again.
    driver.execute_script("arguments[0].blur()", box)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
    assert _state(driver, figure)["step"] != before


def test_print_layout(browser, site, http_root, language):
    """In print: no controls, no sticky copy, the transcript in full, a diagram only where it stays
    readable, and figure titles kept with what follows them."""
    page = site.page(f"{language}/print.html")
    if page is None:
        pytest.skip("no print page")
    browser.open(page.url(http_root))
    browser.cdp("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        found = browser.driver.execute_script("""
            var out = [];
            document.querySelectorAll('figure[data-walkthrough]').forEach(function (f) {
              var box = f.querySelector('.hv-diagram-scroll'), svg = box.querySelector('svg.hv-diagram');
              var shown = getComputedStyle(box).display !== 'none';
              out.push({id: f.id, natural: svg.viewBox.baseVal.width, shown: shown,
                        rendered: shown ? svg.getBoundingClientRect().width : 0,
                        controls: getComputedStyle(f.querySelector('.hv-controls')).display,
                        header: f.querySelector('.hv-diagram-header') ?
                          getComputedStyle(f.querySelector('.hv-diagram-header')).display : 'none',
                        transcript: getComputedStyle(f.querySelector('.hv-transcript-scroll')).maxHeight,
                        caption: getComputedStyle(f.querySelector('figcaption')).breakAfter});
            });
            return out;""")
    finally:
        browser.cdp("Emulation.setEmulatedMedia", {"media": ""})
    assert found, "the print page has walkthroughs"
    for figure in found:
        assert figure["controls"] == "none" and figure["header"] == "none", figure
        assert figure["transcript"] == "none", f"{figure['id']}: the whole transcript prints"
        assert figure["caption"] == "avoid", f"{figure['id']}: the figure title stays with its figure"
        if figure["shown"]:
            # 13 px text at (rendered / natural) of its size: at least 8 pt (10.67 px) on paper.
            assert figure["natural"] <= 856, f"{figure['id']}: a diagram too wide to read is printed"
        else:
            assert figure["natural"] > 856, f"{figure['id']}: a diagram that fits is left out"
