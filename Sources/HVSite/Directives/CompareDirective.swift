import HVDiagnostics
import HVDiagram
import HVTrace

/// ```` ```compare <scenario-a> <scenario-b> ```` — every counter of two scenarios side by side
/// with the ratio, and a bar chart of the principal ones on a logarithmic scale
/// (CONTENT-CONTRACT.md §2).
struct CompareDirective: Directive {
  let name = "compare"
  let argumentCount = 2...2
  let optionNames: [String] = []
  let usage = "compare <scenario-a> <scenario-b>"
  let runs: ScenarioRuns

  /// The counters the chart draws: what separates an emulated from a synthetic path.
  static let charted = [
    "vmExits", "intercepts", "contextSwitches", "interrupts", "ringPackets", "simulatedNanoseconds",
  ]

  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  > {
    let tokens = invocation.arguments
    let unknown = tokens.filter { runs[$0.text] == nil }.map(runs.unknown)
    guard unknown.isEmpty, let a = runs[tokens[0].text], let b = runs[tokens[1].text] else {
      return .failure(DiagnosticsError(unknown))
    }
    if a.id == b.id {
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: tokens[1].location, id: .directiveCompareSame,
            "'compare' needs two different scenarios")
        ]))
    }
    let text = WalkthroughText(strings: page.strings)
    let id = "compare-\(a.id)-\(b.id)"
    let titleA = a.title[page.language] ?? a.id, titleB = b.title[page.language] ?? b.id
    let totalsA = a.trace.totals, totalsB = b.trace.totals
    var html = "<figure class=\"hv-compare\" id=\"\(id)\">\n<figcaption>"
    html +=
      HTML.escape(text.format("compare-heading", ["a": titleA, "b": titleB])) + "</figcaption>\n"
    html +=
      "<div class=\"hv-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
      + HTML.escape(text.format("compare-heading", ["a": titleA, "b": titleB]))
      + "\">\n<table class=\"hv-compare-table\">\n<thead><tr>"
    html += "<th scope=\"col\">\(HTML.escape(text("counters-name")))</th>"
    html +=
      "<th scope=\"col\">\(HTML.escape(titleA))</th><th scope=\"col\">\(HTML.escape(titleB))</th>"
    html += "<th scope=\"col\">\(HTML.escape(text("compare-ratio")))</th></tr></thead>\n<tbody>\n"
    for name in Counters.names {
      let valueA = totalsA[name] ?? 0, valueB = totalsB[name] ?? 0
      let ratio = valueB == 0 ? "—" : text.decimal(valueA * 10 + valueB / 2, tenthsOf: valueB) + "×"
      html +=
        "<tr data-counter=\"\(name)\"><th scope=\"row\">\(HTML.escape(text("counter-\(name)")))</th>"
      html +=
        "<td>\(text.number(valueA))</td><td>\(text.number(valueB))</td><td>\(HTML.escape(ratio))</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</div>\n"
    let chart = BarChart(
      id: "\(id)-chart", title: text.format("compare-heading", ["a": titleA, "b": titleB]),
      summary: text("compare-scale"), series: [titleA, titleB],
      categories: Self.charted.map { name in
        let values = [totalsA[name] ?? 0, totalsB[name] ?? 0]
        return BarChart.Category(
          label: text("counter-\(name)"), values: values, valueLabels: values.map(text.number))
      })
    html +=
      "<div class=\"hv-chart-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
      + HTML.escape(text.format("chart-region", ["a": titleA, "b": titleB]))
      + "\">\n\(chart.render())\n</div>\n"
    html += "<p class=\"hv-chart-scale\">\(HTML.escape(text("compare-scale")))</p>\n</figure>"
    return .success(DirectiveOutput(html: html, anchors: [id, "\(id)-chart"]))
  }
}
