"""The byte view (issue 17): a ring packet's bytes, field by field, opened from the transcript, in
both languages at a desktop and a phone width; the data is loaded only when asked for, the dump
and the table agree with the packet, and axe finds nothing serious in the opened view."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_accessibility import BLOCKING, RUN_AXE

WIDTHS = {1366: 768, 390: 844}
NOTES = {"en": "the packet's type", "vi": "loại gói"}
# The view a button opens (a lesson may also show a packet statically, with the bytes directive).
OPENED = ".hv-bytes:not(.hv-bytes-static)"


@pytest.fixture(params=sorted(WIDTHS), ids=lambda w: f"{w}px")
def width(request, browser):
    browser.set_viewport(request.param, WIDTHS[request.param], mobile=request.param < 600)
    yield request.param
    browser.cdp("Emulation.clearDeviceMetricsOverride")


def _open_first_bytes(browser, site, http_root, language):
    page = site.page(f"{language}/heartbeat.html")
    if page is None:
        pytest.skip("no heartbeat lesson")
    browser.open(page.url(http_root))
    driver = browser.driver
    loaded = driver.execute_script("return !!(window.hvwalkBytes)")
    assert not loaded, "the byte data is loaded only when a reader asks for it"
    button = driver.find_elements(By.CSS_SELECTOR, ".hv-transcript li[data-seq] .hv-bytes-toggle")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    driver.execute_script("arguments[0].click()", button)
    WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, OPENED))
    return driver, button


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_ring_packet_opens_byte_by_byte(browser, site, http_root, language, width):
    driver, button = _open_first_bytes(browser, site, http_root, language)
    assert button.get_attribute("aria-expanded") == "true"
    view = driver.execute_script("""
        var box = document.querySelector(arguments[0]);
        var cells = box.querySelectorAll('.hv-byte');
        var rows = box.querySelectorAll('.hv-bytes-fields tbody tr');
        var b = box.getBoundingClientRect();
        return {
          first: cells[0].textContent, count: cells.length, rows: rows.length,
          firstField: rows[0].querySelectorAll('td')[1].textContent,
          firstNote: rows[0].querySelectorAll('td')[4].textContent,
          heading: box.querySelector('.hv-bytes-heading').textContent,
          left: b.left, right: b.right, viewport: document.documentElement.clientWidth,
          pageLeft: document.documentElement.scrollLeft
        };""", OPENED)
    # A heartbeat request: VM_PKT_DATA_INBAND (6), 96 bytes on the ring, 21 fields.
    assert view["first"] == "06"
    assert view["count"] == 96
    assert view["rows"] == 21
    assert view["firstField"] == "vmpacket_descriptor.type"
    assert view["firstNote"] == NOTES[language]
    assert "96" in view["heading"]
    assert view["left"] >= 0 and view["right"] <= view["viewport"] + 1, "the view fits the screen"
    assert view["pageLeft"] == 0, "the page does not scroll sideways"
    # Hovering a field's row lights its bytes up: the 8 bytes of trans_id.
    row = driver.find_elements(By.CSS_SELECTOR, OPENED + " .hv-bytes-fields tbody tr")[4]
    driver.execute_script("arguments[0].focus()", row)
    lit = driver.execute_script(
        "return document.querySelectorAll(arguments[0] + ' .hv-byte.is-lit').length", OPENED)
    assert lit == 8
    # The same button hides it again.
    driver.execute_script("arguments[0].click()", button)
    assert not driver.find_elements(By.CSS_SELECTOR, OPENED)
    assert button.get_attribute("aria-expanded") == "false"


def test_the_open_byte_view_passes_axe(browser, site, http_root, axe_script):
    driver, _ = _open_first_bytes(browser, site, http_root, "en")
    driver.execute_script(axe_script)
    result = driver.execute_async_script(RUN_AXE, "light")
    assert "error" not in result, result.get("error")
    blocking = [v["id"] for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, blocking
