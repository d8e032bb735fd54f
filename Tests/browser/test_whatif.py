"""The "what if" switch (issue 17 item 4): radio buttons and CSS only, so it works with and without
JavaScript; choosing a variant shows its counters and its sequence diagram and marks it in the
chart, in both languages at a desktop and a phone width."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

WIDTHS = {1366: 768, 390: 844}


@pytest.fixture(params=sorted(WIDTHS), ids=lambda w: f"{w}px")
def width(request, browser):
    browser.set_viewport(request.param, WIDTHS[request.param], mobile=request.param < 600)
    yield request.param
    browser.cdp("Emulation.clearDeviceMetricsOverride")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_choosing_a_variant_shows_its_counters_and_marks_the_chart(browser, site, http_root, language, width):
    page = site.page(f"{language}/without-integration-services.html")
    if page is None:
        pytest.skip("no such lesson")
    browser.open(page.url(http_root))
    driver = browser.driver
    figure = driver.find_element(By.CSS_SELECTOR, ".hv-whatif")

    def state():
        return driver.execute_script("""
            var f = arguments[0];
            var panels = [...f.querySelectorAll('.hv-whatif-panel')];
            var bars = [...f.querySelectorAll('rect.hv-chart-series-0, rect.hv-chart-series-1, rect.hv-chart-series-2')];
            function opacity(i) {
              return bars.filter(b => b.classList.contains('hv-chart-series-' + i))
                         .map(b => getComputedStyle(b).opacity)[0]; }
            var shown = panels.map(p => getComputedStyle(p).display !== 'none');
            var visible = panels.filter(p => getComputedStyle(p).display !== 'none');
            var cell = visible.length ? visible[0].querySelector('tr[data-counter="intercepts"] td:last-child') : null;
            var svg = visible.length ? visible[0].querySelector('.hv-whatif-diagram svg.hv-diagram') : null;
            return {shown: shown, opacity: [opacity(0), opacity(1), opacity(2)],
                    diagram: svg ? [svg.id, svg.getBoundingClientRect().width] : null,
                    intercepts: cell ? cell.textContent : null,
                    width: f.getBoundingClientRect().right, viewport: document.documentElement.clientWidth};
            """, figure)

    first = state()
    assert first["shown"] == [True, False, False], "the first variant is shown at first"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", figure)
    driver.find_elements(By.CSS_SELECTOR, ".hv-whatif-choice label")[2].click()
    third = state()
    assert third["shown"] == [False, False, True]
    assert float(third["opacity"][2]) == 1 and float(third["opacity"][0]) < 1, third["opacity"]
    assert third["intercepts"] != first["intercepts"], "per-word PIO traps far more often than DMA"
    # Each variant shows its own path (its diagram may have come from a file of its own).
    assert first["diagram"] and first["diagram"][1] > 0, first["diagram"]
    assert third["diagram"] and third["diagram"][1] > 0 and third["diagram"][0] != first["diagram"][0]
    assert driver.execute_script("return document.documentElement.scrollWidth") <= third["viewport"] + 1
