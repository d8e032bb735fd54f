import Foundation
import HVDiagnostics
import HVDiagram
import HVScenario
import HVTrace

/// ```` ```whatif <scenario> ide-transfer=dma,pio,pio-per-word ```` — "and what if…?": the
/// scenario run again with one setting changed (issue 17 item 4), every variant precomputed at
/// build time. The reader switches between them (radio buttons and CSS: it works without script
/// and from `file://`); the counters change in place, and a chart of every variant's principal
/// counters marks where the reader is, and each variant's sequence diagram shows its path (one
/// lifeline per partition, to keep it small; no transcript: the variants are compared, not
/// stepped through; a page that grows too heavy keeps its largest diagrams as files of their own,
/// ``FigureFiles``).
/// Settings: `ide-transfer`, `host`, `size` (``Scenario/WhatIfParameter``); one per figure, at
/// most ``maximumVariants`` values.
struct WhatIfDirective: Directive {
  let name = "whatif"
  let argumentCount = 1...1
  let optionNames = Scenario.WhatIfParameter.allCases.map(\.rawValue)
  let usage = "whatif disk-write-emulated ide-transfer=dma,pio,pio-per-word"
  let runs: ScenarioRuns
  /// Variant runs shared with the other pages of the build (both languages show the same ones).
  let variants: SweepRuns

  /// The CSS switch covers this many variants (and a figure stays a reasonable size).
  static let maximumVariants = 6
  static let charted = ["vmExits", "intercepts", "contextSwitches", "simulatedNanoseconds"]

  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  > {
    let token = invocation.arguments[0]
    guard let run = runs[token.text] else {
      return .failure(DiagnosticsError([runs.unknown(token)]))
    }
    let given = Scenario.WhatIfParameter.allCases.compactMap { parameter in
      invocation.option(parameter.rawValue).map { (parameter, $0.key, $0.value) }
    }
    guard given.count == 1, let (parameter, key, list) = given.first else {
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: given.dropFirst().first?.1.location ?? token.location,
            id: .directiveInvalidWhatIf,
            "'whatif' changes one setting: give exactly one of \(optionNames.map { "\($0)=" }.joined(separator: ", "))",
            suggestion: usage)
        ]))
    }
    let values = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    // A list of the wrong length is said at once, before any variant is simulated.
    if values.count < 2 || values.count > Self.maximumVariants || Set(values).count != values.count
    {
      return .failure(DiagnosticsError([
        Diagnostic(
          at: key.location, id: .directiveInvalidWhatIf,
          "'\(parameter.rawValue)' needs 2 to \(Self.maximumVariants) different values, separated by commas",
          suggestion: "for example \(parameter.rawValue)=\(parameter.choices.replacingOccurrences(of: " ", with: ""))")
      ]))
    }
    var problems: [Diagnostic] = []
    guard let scenario = run.scenario else {
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: token.location, id: .directiveInvalidWhatIf,
            "'\(run.id)' was not read from a scenario file, so it cannot be run again")
        ]))
    }
    var traces: [Trace] = []
    values: for value in values {
      switch scenario.setting(parameter, to: value) {
      case .success(let variant):
        if let trace = self.variants.trace(
          of: run, variant: "\(parameter.rawValue)=\(value)", { variant })
        {
          traces.append(trace)
        }
      case .failure(.invalidValue(let bad, let expected)):
        problems.append(
          Diagnostic(
            at: key.location, id: .directiveInvalidWhatIf,
            "'\(bad)' is not a value of \(parameter.rawValue)", suggestion: "expected one of: \(expected)"))
      case .failure(.notApplicable(let why)):
        // Said once: the other values would not apply either.
        problems.append(
          Diagnostic(
            at: key.location, id: .directiveInvalidWhatIf,
            "'\(parameter.rawValue)' does not apply to '\(run.id)': \(why)"))
        break values
      }
    }
    guard problems.isEmpty else { return .failure(DiagnosticsError(problems)) }
    let totals = traces.map(\.totals)
    let text = WalkthroughText(strings: page.strings)
    let id = "whatif-\(run.id)-\(parameter.rawValue)"
    let title = run.title[page.language] ?? run.id
    let heading = text.format("whatif-heading", ["title": title])
    let labels = values.map { "\(parameter.rawValue) = \($0)" }
    var html = "<figure class=\"hv-whatif\" id=\"\(id)\">\n<figcaption>\(HTML.escape(heading))</figcaption>\n"
    html +=
      "<div class=\"hv-whatif-choice\" role=\"radiogroup\" aria-label=\"\(HTML.escape(text("whatif-choose")))\">\n"
    for (index, label) in labels.enumerated() {
      let input = "\(id)-\(index + 1)"
      html += "<input type=\"radio\" name=\"\(id)\" id=\"\(input)\"\(index == 0 ? " checked" : "")>"
      html += "<label for=\"\(input)\">\(HTML.escape(label))</label>\n"
    }
    html += "</div>\n<div class=\"hv-whatif-panels\">\n"
    var anchors = [id]
    for (index, counters) in totals.enumerated() {
      html += "<section class=\"hv-whatif-panel\" aria-label=\"\(HTML.escape(labels[index]))\">\n"
      html += CounterTable(text: text).render(
        counters, caption: "\(text("counters-heading")) — \(labels[index])",
        label: "\(text("counters-heading")): \(labels[index])", soFar: false)
      let diagramID = "\(id)-\(index + 1)-diagram"
      html += "\n" + diagram(traces[index], id: diagramID, title: "\(title) — \(labels[index])", text)
      anchors.append(diagramID)
      html += "\n</section>\n"
    }
    html += "</div>\n"
    let chart = BarChart(
      id: "\(id)-chart", title: heading, summary: text("compare-scale"), series: labels,
      categories: Self.charted.map { name in
        let values = totals.map { $0[name] ?? 0 }
        return BarChart.Category(
          label: text("counter-\(name)"), values: values, valueLabels: values.map(text.number))
      })
    html +=
      "<div class=\"hv-chart-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(heading))\">\n"
      + chart.render() + "\n</div>\n</figure>"
    return .success(DirectiveOutput(html: html, anchors: anchors))
  }

  /// A variant's sequence diagram, with one lifeline per partition, in a scrolling box.
  private func diagram(_ trace: Trace, id: String, title: String, _ text: WalkthroughText) -> String {
    let model = SequenceModel(
      trace: trace, options: DiagramOptions(lifelines: .partition), phrases: text.phrases)
    let svg = WalkthroughFigure.svg(model, trace: trace, id: id, title: title, text: text)
    return "<div class=\"hv-diagram-scroll hv-whatif-diagram\" tabindex=\"0\" role=\"region\" aria-label=\""
      + HTML.escape(text.format("diagram-region", ["title": title])) + "\">\n\(svg)\n</div>"
  }
}
