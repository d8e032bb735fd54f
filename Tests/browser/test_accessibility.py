"""axe-core (vendored in vendor/axe.min.js) on every page: all rules in the light colour scheme, the
colour rules again in the dark one (emulated prefers-color-scheme: dark).

Serious and critical violations fail the page; minor and moderate ones, and results axe could not
decide ("incomplete", to review by hand), are listed in the summary at the end of the run.
"""

from __future__ import annotations

import pytest

BLOCKING = ("serious", "critical")

# Light: every rule. Dark: only the colour rules, since the colour scheme changes nothing else.
RUN_AXE = """
const [scheme, done] = [arguments[0], arguments[arguments.length - 1]];
if (typeof axe === 'undefined') { done({error: 'axe is not defined: script injection was blocked'}); return; }
const options = {resultTypes: ['violations', 'incomplete']};
if (scheme === 'dark') options.runOnly = {type: 'rule', values: ['color-contrast', 'link-in-text-block']};
const reason = n => ((n.any[0] || n.all[0] || n.none[0] || {}).message || '?');
axe.run(document, options).then(r => done({
  version: axe.version,
  violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))})),
  // "Needs review": axe could not decide (overlapping elements, non-text content...). Summarised.
  incomplete: r.incomplete.map(v => {
    const counts = {};
    v.nodes.forEach(n => { counts[reason(n)] = (counts[reason(n)] || 0) + 1; });
    return {id: v.id, impact: v.impact, count: v.nodes.length, reasons: Object.entries(counts)};
  })}),
  e => done({error: String((e && e.stack) || e)}));
"""


def _describe(page, scheme, v) -> str:
    lines = [f"{page} [{scheme}] {v['impact']}: {v['id']}: {v['help']} ({v['helpUrl']})"]
    previous = None
    for node in v["nodes"]:
        lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
        summary = node.get("summary") or ""
        if summary and summary != previous:  # identical explanations are printed once
            lines += [f"      {s}" for s in summary.splitlines()]
        previous = summary
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_no_serious_or_critical_violations(browser, page, scheme, http_root, axe_script, notes):
    browser.set_color_scheme(scheme)
    browser.open(page.url(http_root))
    # WebDriver evaluates this through CDP (Runtime.evaluate), which the page's CSP does not block;
    # RUN_AXE reports it if that ever changes.
    browser.driver.execute_script(axe_script)
    result = browser.driver.execute_async_script(RUN_AXE, scheme)
    assert "error" not in result, f"{page}: axe did not run: {result['error']}"
    violations = result["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    for v in violations:
        if v["impact"] not in BLOCKING:
            notes.append("axe " + _describe(page, scheme, v))
    for v in result["incomplete"]:
        reasons = "; ".join(f"{count}x {message}" for message, count in v["reasons"])
        notes.append(f"axe needs review: {page} [{scheme}] {v['id']} ({v['impact']}), {v['count']} node(s): {reasons}")
    assert not blocking, (f"{len(blocking)} serious/critical axe {result['version']} violation(s) "
                          f"(all {len(violations)} listed):\n"
                          + "\n".join(_describe(page, scheme, v) for v in violations))
