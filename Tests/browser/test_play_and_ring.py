"""Play and the ring figure (play.js) on a desktop (1366 px) and a phone (390 px), in both languages.

Play steps a walkthrough through walkthrough.js's own stepping (highlight, transcript, address bar),
shows the message travelling along its arrow (a dot), pauses on Pause, on a manual step, a key or a
step link, and stops at the last step; with prefers-reduced-motion there is no dot, only steps; Space
toggles it while the focus is in the figure. A figure with ring-buffer packets (data-ring on their
transcript items) draws the current packet's ring, and its numbers are the item's. Without
JavaScript the controls stay hidden.

Pages: the heartbeat lesson (several walkthroughs, step links, ring packets) and the
heartbeat-ring-full scenario (one walkthrough whose ring fills up)."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WIDTHS = {1366: 768, 390: 844}
LESSON = "{language}/heartbeat.html"
SCENARIO = "{language}/scenarios/heartbeat-ring-full.html"
# play.js's English words, used where a figure has no data-label-* of its own.
FALLBACK = {
    "play": "Play",
    "speed": "Speed",
    "ring-sentence": "{bytes} bytes at {from}\u2026{to} of {size}; read index {read}; {free} bytes free",
}
BLOCKING = ("serious", "critical")


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


def _open(browser, site, http_root, template, language, fragment=""):
    page = site.page(template.format(language=language))
    if page is None:
        pytest.skip(f"no {template.format(language=language)} in the site")
    browser.open(page.url(http_root) + fragment)
    browser.driver.execute_script("document.activeElement && document.activeElement.blur()")
    return page


def _ring_figure(driver):
    """The first walkthrough whose transcript has ring-buffer packets."""
    figure = driver.execute_script("""
        var figures = document.querySelectorAll('figure[data-walkthrough]');
        for (var i = 0; i < figures.length; i++) {
          if (figures[i].querySelector('.hv-transcript li[data-ring]')) return figures[i];
        }
        return null;""")
    assert figure is not None, "the page has a walkthrough with ring-buffer packets"
    return figure


def _state(driver, figure):
    return driver.execute_script("""
        var f = arguments[0];
        var item = f.querySelector('.hv-transcript li.is-current');
        var shape = f.querySelector('svg.hv-diagram .is-current');
        var button = f.querySelector('.hv-play-button');
        var items = f.querySelectorAll('.hv-transcript li[data-step]');
        return {step: item ? item.getAttribute('data-step') : null,
                shape: shape ? shape.getAttribute('data-step') : null,
                position: Array.prototype.indexOf.call(items, item) + 1, total: items.length,
                pressed: button && button.getAttribute('aria-pressed'),
                dot: !!f.querySelector('svg.hv-diagram .hv-play-dot'),
                hash: location.hash};""", figure)


def _choose_speed(driver, figure, fastest=True):
    """Picks the fastest (or slowest) speed through the select, as a reader would."""
    driver.execute_script("""
        var select = arguments[0].querySelector('.hv-speed select');
        select.selectedIndex = arguments[1] ? select.options.length - 1 : 0;
        select.dispatchEvent(new Event('change', {bubbles: true}));""", figure, fastest)


def _press_play(driver, figure):
    button = figure.find_element(By.CSS_SELECTOR, ".hv-play-button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    button.click()
    return button


def _watch(driver, figure, seconds):
    """Samples the figure every animation frame for a while: the positions seen and whether a dot
    was ever drawn and moved."""
    return driver.execute_async_script("""
        var f = arguments[0], until = performance.now() + arguments[1] * 1000, done = arguments[2];
        var positions = [], dots = [], items = f.querySelectorAll('.hv-transcript li[data-step]');
        (function sample() {
          var item = f.querySelector('.hv-transcript li.is-current');
          var p = Array.prototype.indexOf.call(items, item) + 1;
          if (positions[positions.length - 1] !== p) positions.push(p);
          var dot = f.querySelector('svg.hv-diagram .hv-play-dot');
          if (dot && getComputedStyle(dot).display !== 'none') dots.push(dot.getAttribute('cx') + ',' + dot.getAttribute('cy'));
          if (performance.now() < until) requestAnimationFrame(sample);
          else done({positions: positions, dots: dots});
        })();""", figure, seconds)


def test_play_steps_and_pause_stops(browser, site, http_root, language, width):
    page = _open(browser, site, http_root, SCENARIO, language)
    driver = browser.driver
    figure = driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    button = figure.find_element(By.CSS_SELECTOR, ".hv-play-button")
    expected = figure.get_attribute("data-label-play") or FALLBACK["play"]
    assert button.text.strip() == expected or button.get_attribute("textContent").strip() == expected, \
        f"{page}: the button is named {expected!r}"
    assert button.get_attribute("aria-pressed") == "false"
    assert figure.find_element(By.CSS_SELECTOR, ".hv-speed select").is_displayed()
    _choose_speed(driver, figure)
    start = _state(driver, figure)["position"]
    _press_play(driver, figure)
    assert _state(driver, figure)["pressed"] == "true", "Play is pressed while playing"
    seen = _watch(driver, figure, 1.2)
    WebDriverWait(driver, 5).until(lambda d: _state(d, figure)["position"] >= start + 3,
                                   f"{page}: playing does not advance")
    assert seen["dots"], f"{page}: no dot travels along the arrows while playing"
    assert len(set(seen["dots"])) > 2, f"{page}: the dot does not move: {seen['dots'][:5]}"
    assert seen["positions"] == sorted(seen["positions"]), f"{page}: playing went backwards {seen}"
    state = _state(driver, figure)
    assert state["step"] == state["shape"], "the diagram and the transcript show the same step"
    assert state["hash"].endswith(f"-step-{state['step']}"), "the address bar follows, as with Next"
    figure.find_element(By.CSS_SELECTOR, ".hv-play-button").click()
    paused = _state(driver, figure)
    assert paused["pressed"] == "false", "Pause turns the button back to Play"
    time.sleep(0.8)  # more than two steps at the fastest speed
    after = _state(driver, figure)
    assert after["position"] == paused["position"], f"{page}: Pause does not stop ({paused} → {after})"
    assert not after["dot"], "no dot once paused"


def test_play_stops_at_the_last_step(browser, site, http_root, language, width):
    page = _open(browser, site, http_root, SCENARIO, language)
    driver = browser.driver
    figure = driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    figure.find_element(By.CSS_SELECTOR, '[data-action="last"]').click()
    for _ in range(3):
        figure.find_element(By.CSS_SELECTOR, '[data-action="previous"]').click()
    state = _state(driver, figure)
    assert state["position"] == state["total"] - 3
    _choose_speed(driver, figure)
    _press_play(driver, figure)
    WebDriverWait(driver, 5).until(lambda d: _state(d, figure)["pressed"] == "false",
                                   f"{page}: playing does not stop at the end")
    state = _state(driver, figure)
    assert state["position"] == state["total"], f"{page}: it stopped before the last step: {state}"
    time.sleep(0.5)
    assert _state(driver, figure)["position"] == state["total"]
    assert figure.find_element(By.CSS_SELECTOR, '[data-action="next"]').get_attribute("disabled")


def test_manual_steps_keys_and_links_pause(browser, site, http_root, language, width):
    page = _open(browser, site, http_root, LESSON, language)
    driver = browser.driver
    link, figure = driver.execute_script("""
        var links = document.querySelectorAll('main a[href*="-step-"]');
        for (var i = 0; i < links.length; i++) {
          var m = links[i].getAttribute('href').match(/^#(.+)-step-(\\d+)$/);
          if (!m || links[i].closest('figure')) continue;
          var f = document.getElementById(m[1]);
          if (f && f.matches('figure[data-walkthrough]') && f.hvWalkthrough) return [links[i], f];
        }
        return [null, null];""")
    assert link is not None, f"{page}: a step link in the text"
    _choose_speed(driver, figure, fastest=False)

    # The Next button.
    _press_play(driver, figure)
    assert _state(driver, figure)["pressed"] == "true"
    figure.find_element(By.CSS_SELECTOR, '[data-action="next"]').click()
    assert _state(driver, figure)["pressed"] == "false", f"{page}: Next does not pause"

    # A step key (the page has the focus, the figure is on screen).
    _press_play(driver, figure)
    driver.execute_script("document.activeElement && document.activeElement.blur()")
    ActionChains(driver).send_keys(Keys.ARROW_LEFT).perform()
    assert _state(driver, figure)["pressed"] == "false", f"{page}: ← does not pause"

    # A step link in the lesson text: the walkthrough shows the link's step and stops there.
    _press_play(driver, figure)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    state = _state(driver, figure)
    assert state["pressed"] == "false", f"{page}: a step link does not pause"
    assert link.get_attribute("href").endswith(f"-step-{state['step']}")
    time.sleep(1.5)  # more than a step at 0.5×
    assert _state(driver, figure)["step"] == state["step"]


def test_one_walkthrough_plays_at_a_time(browser, site, http_root, language):
    page = _open(browser, site, http_root, LESSON, language)
    driver = browser.driver
    figures = driver.find_elements(By.CSS_SELECTOR, "figure[data-walkthrough]")
    if len(figures) < 2:
        pytest.skip("one walkthrough only")
    for figure in figures[:2]:
        _choose_speed(driver, figure, fastest=False)
    _press_play(driver, figures[0])
    _press_play(driver, figures[1])
    assert _state(driver, figures[0])["pressed"] == "false", f"{page}: the first walkthrough still plays"
    assert _state(driver, figures[1])["pressed"] == "true"
    figures[1].find_element(By.CSS_SELECTOR, ".hv-play-button").click()


def test_space_toggles_play_only_inside_the_figure(browser, site, http_root, language, width):
    page = _open(browser, site, http_root, SCENARIO, language)
    driver = browser.driver
    figure = driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
    _choose_speed(driver, figure, fastest=False)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    # Outside the figure, Space is the page's (it scrolls), never Play.
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    assert _state(driver, figure)["pressed"] == "false", f"{page}: Space outside the figure started playing"
    box = figure.find_element(By.CSS_SELECTOR, ".hv-diagram-scroll")
    driver.execute_script("arguments[0].focus()", box)
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    assert _state(driver, figure)["pressed"] == "true", f"{page}: Space in the diagram does not play"
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    assert _state(driver, figure)["pressed"] == "false", f"{page}: Space again does not pause"
    # On the Next button, Space is the button's own.
    next_button = figure.find_element(By.CSS_SELECTOR, '[data-action="next"]')
    driver.execute_script("arguments[0].focus()", next_button)
    position = _state(driver, figure)["position"]
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    state = _state(driver, figure)
    assert state["pressed"] == "false" and state["position"] == position + 1


def test_reduced_motion_steps_without_a_dot(browser, site, http_root, language, width):
    page = _open(browser, site, http_root, SCENARIO, language)
    browser.cdp("Emulation.setEmulatedMedia", {"media": "", "features": [
        {"name": "prefers-reduced-motion", "value": "reduce"}, {"name": "prefers-color-scheme", "value": "light"}]})
    try:
        driver = browser.driver
        assert driver.execute_script("return matchMedia('(prefers-reduced-motion: reduce)').matches")
        figure = driver.find_element(By.CSS_SELECTOR, "figure[data-walkthrough]")
        _choose_speed(driver, figure)
        start = _state(driver, figure)["position"]
        _press_play(driver, figure)
        seen = _watch(driver, figure, 1.5)
        assert seen["positions"][-1] >= start + 3, f"{page}: with reduced motion playing still steps: {seen}"
        assert not seen["dots"], f"{page}: a dot travels although the reader asked for reduced motion"
        behaviour = driver.execute_script(
            "return getComputedStyle(arguments[0].querySelector('.hv-diagram-scroll')).scrollBehavior", figure)
        assert behaviour == "auto", "no smooth scrolling"
        figure.find_element(By.CSS_SELECTOR, ".hv-play-button").click()
    finally:
        browser.set_color_scheme("light")


def _expected_sentence(figure, ring, separator):
    prev, write, read, size_bytes, size = ring
    used = (write - read) % size

    def group(n):
        text = f"{n:,}"
        return text.replace(",", separator) if separator else text.replace(",", "")

    template = figure.get_attribute("data-label-ring-sentence") or FALLBACK["ring-sentence"]
    values = {"bytes": size_bytes, "from": prev, "to": write, "size": size, "read": read, "free": size - used}
    for key, value in values.items():
        template = template.replace("{" + key + "}", group(value))
    return template


def _ring_view(driver, figure):
    return driver.execute_script("""
        var f = arguments[0], v = f.querySelector('.hv-ring-view');
        if (!v) return null;
        var bar = v.querySelector('svg.hv-ring-bar'), track = bar.querySelector('.hv-ring-track');
        function r(e) { var b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height}; }
        function attr(e, n) { return e ? parseFloat(e.getAttribute(n)) : null; }
        var labels = [];
        bar.querySelectorAll('text').forEach(function (t) { labels.push(r(t)); });
        return {ring: v.getAttribute('data-ring'), step: v.getAttribute('data-ring-step'), idle: v.classList.contains('is-idle'),
                title: v.querySelector('.hv-ring-title').textContent, sentence: v.querySelector('.hv-ring-sentence').textContent,
                view: r(v), bar: r(bar), labels: labels, display: getComputedStyle(v).display,
                track: {x: attr(track, 'x'), width: attr(track, 'width')},
                packet: Array.prototype.map.call(bar.querySelectorAll('.hv-ring-packet'), function (e) {
                  return {x: attr(e, 'x'), width: attr(e, 'width'), from: attr(e, 'data-from'), to: attr(e, 'data-to')}; }),
                unread: Array.prototype.map.call(bar.querySelectorAll('.hv-ring-unread'), function (e) {
                  return {x: attr(e, 'x'), width: attr(e, 'width')}; }),
                write: attr(bar.querySelector('.hv-ring-mark-write'), 'x1'),
                read: attr(bar.querySelector('.hv-ring-mark-read'), 'x1'),
                viewport: document.documentElement.clientWidth,
                pageFits: document.documentElement.scrollWidth <= document.documentElement.clientWidth};""", figure)


@pytest.mark.parametrize("template", [SCENARIO, LESSON], ids=["scenario", "lesson"])
def test_ring_figure_matches_the_packet(browser, site, http_root, language, width, template):
    page = _open(browser, site, http_root, template, language)
    driver = browser.driver
    figure = _ring_figure(driver)
    separator = figure.get_attribute("data-group-separator") or ""
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    items = driver.execute_script("""
        return Array.prototype.map.call(arguments[0].querySelectorAll('.hv-transcript li[data-step]'),
          function (li) { return [li.getAttribute('data-step'), li.getAttribute('data-ring')]; });""", figure)
    plain = next(step for step, ring in items if not ring)
    rings = [(step, ring) for step, ring in items if ring]
    # The first packets, and the one that found the ring nearly full (the least free space).
    def free(ring):
        prev, write, read, _, size = map(int, ring.split())
        return size - (write - read) % size
    chosen = rings[:2] + [min(rings, key=lambda r: free(r[1]))]
    for step, ring in chosen:
        driver.execute_script(
            "arguments[0].querySelector('.hv-transcript li[data-step=\"' + arguments[1] + '\"]').click()", figure, step)
        view = _ring_view(driver, figure)
        where = f"{page} step {step} at {width} px"
        assert view and not view["idle"] and view["display"] != "none", f"{where}: no ring figure"
        assert view["ring"] == ring and view["step"] == step, f"{where}: the figure shows {view['ring']}, not {ring}"
        assert view["sentence"] == _expected_sentence(figure, tuple(map(int, ring.split())), separator), \
            f"{where}: {view['sentence']!r}"
        prev, write, read, size_bytes, size = map(int, ring.split())
        x = lambda offset: view["track"]["x"] + view["track"]["width"] * offset / size  # noqa: E731
        assert view["packet"] and view["packet"][0]["from"] == prev, f"{where}: the packet starts at {prev}"
        assert abs(view["packet"][0]["x"] - x(prev)) <= 3, f"{where}: packet drawn at {view['packet']}"
        assert sum(p["to"] - p["from"] for p in view["packet"]) == size_bytes
        assert abs(view["write"] - x(write)) <= 0.5 and abs(view["read"] - x(read)) <= 0.5, f"{where}: indexes"
        unread = (prev - read) % size
        drawn = sum(u["width"] for u in view["unread"])
        assert abs(drawn - view["track"]["width"] * unread / size) <= 1, f"{where}: unread bytes drawn {drawn}"
        # It fits: inside the viewport, its words inside its box, the page not widened.
        assert view["view"]["left"] >= 0 and view["view"]["right"] <= view["viewport"] + 0.5, f"{where}: {view['view']}"
        assert view["bar"]["right"] <= view["view"]["right"] + 0.5
        for label in view["labels"]:
            assert view["bar"]["left"] - 0.5 <= label["left"] and label["right"] <= view["bar"]["right"] + 0.5, \
                f"{where}: a label sticks out of the ring figure {label}"
        assert view["pageFits"], f"{where}: the ring figure widened the page"
    # A step that is not a ring packet leaves the figure empty (and in place).
    driver.execute_script(
        "arguments[0].querySelector('.hv-transcript li[data-step=\"' + arguments[1] + '\"]').click()", figure, plain)
    view = _ring_view(driver, figure)
    assert view["idle"] and view["ring"] is None and not view["packet"], f"{page}: step {plain} is not a ring packet"


def _mixed_page(site, language):
    """The lesson page with walkthroughs both with and without ring packets (the heartbeat lesson
    first, if it has both), or None."""
    pages = [p for p in site.pages if p.folder_language == language and p.is_lesson]
    pages.sort(key=lambda p: p.rel != LESSON.format(language=language))
    for page in pages:
        figures = page.path.read_text(encoding="utf-8").split('<figure class="hv-walkthrough"')[1:]
        kinds = {"data-ring=" in f.split("</figure>")[0] for f in figures}
        if kinds == {True, False}:
            return page
    return None


def test_ring_figure_only_where_there_are_ring_packets(browser, site, http_root, language):
    page = _mixed_page(site, language)
    if page is None:
        pytest.skip("no lesson with walkthroughs both with and without ring packets")
    browser.open(page.url(http_root))
    found = browser.driver.execute_script("""
        return Array.prototype.map.call(document.querySelectorAll('figure[data-walkthrough]'), function (f) {
          return [f.id, !!f.querySelector('.hv-transcript li[data-ring]'), f.querySelectorAll('.hv-ring-view').length,
                  f.querySelectorAll('.hv-play-button').length];
        });""")
    for figure_id, has, views, buttons in found:
        assert views == (1 if has else 0), f"{page} {figure_id}: {views} ring figure(s)"
        assert buttons == 1, f"{page} {figure_id}: one Play button"


def test_without_javascript_nothing_changes(browser, site, http_root, language):
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        _open(browser, site, http_root, SCENARIO, language)
        found = browser.driver.execute_script  # scripts are off for the page, not for WebDriver
        state = found("""
            var f = document.querySelector('figure[data-walkthrough]');
            return {controls: getComputedStyle(f.querySelector('.hv-controls')).display,
                    play: f.querySelectorAll('.hv-play, .hv-ring-view, .hv-play-dot').length};""")
    finally:
        browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})
    assert state["controls"] == "none", "the controls stay hidden without JavaScript"
    assert state["play"] == 0


RUN_AXE = """
const [context, scheme, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
if (typeof axe === 'undefined') { done({error: 'axe is not defined'}); return; }
const options = {resultTypes: ['violations']};
if (scheme === 'dark') options.runOnly = {type: 'rule', values: ['color-contrast']};
axe.run(context, options).then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,
  help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.html.slice(0, 160))}))}),
  e => done({error: String(e)}));
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_play_controls_and_ring_figure(browser, site, http_root, language, width, scheme, axe_script):
    browser.set_color_scheme(scheme)
    page = _open(browser, site, http_root, SCENARIO, language)
    driver = browser.driver
    figure = _ring_figure(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
    step = driver.execute_script(
        "return arguments[0].querySelector('.hv-transcript li[data-ring]').getAttribute('data-step')", figure)
    driver.execute_script(
        "arguments[0].querySelector('.hv-transcript li[data-step=\"' + arguments[1] + '\"]').click()", figure, step)
    driver.execute_script(axe_script)
    # The controls as they are while playing (pressed), and the ring figure at a packet.
    driver.execute_script("""
        var b = arguments[0].querySelector('.hv-play-button');
        b.setAttribute('aria-pressed', 'true'); arguments[0].classList.add('is-playing');""", figure)
    for context in (".hv-controls", ".hv-ring-view"):
        selector = f"#{figure.get_attribute('id')} {context}"
        result = driver.execute_async_script(RUN_AXE, {"include": [[selector]]}, scheme)
        assert "error" not in result, result
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
        assert not blocking, f"{page} {context} [{scheme}]: {blocking}"
