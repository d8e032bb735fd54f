import Foundation
import HVDiagnostics
import HVDiagram
import HVScenario
import HVTrace

/// ```` ```sweep <scenario>… size=512B..64MiB [counters=intercepts,vmExits] ```` — how counters
/// grow with a parameter: each scenario is run again at every point of the range (sizes double
/// from the first to the last), and the totals are drawn on log–log axes, one line per scenario,
/// one chart per counter with a switch between them, and the numbers in a table under each chart.
///
/// Every point is a simulation run of the scenario file with that one parameter changed
/// (``Scenario/resizingTransfers(to:)``); nothing is typed in. Runs are shared between the pages
/// of one build (``SweepRuns``).
struct SweepDirective: Directive {
  let name = "sweep"
  let argumentCount = 1...6
  let optionNames = ["size", "frames", "counters"]
  let usage =
    "sweep <scenario> [<scenario>…] size=512B..64MiB | frames=1..4096 [counters=intercepts,vmExits]"
  let runs: ScenarioRuns
  let sweeps: SweepRuns

  /// What the reader can switch between when the author does not choose: the counters the
  /// three emulated modes and the synthetic path differ by.
  static let defaultCounters = ["intercepts", "vmExits", "contextSwitches", "simulatedNanoseconds"]
  /// The most points one sweep may have, and the most runs (points × scenarios).
  static let maximumPoints = 24
  static let maximumRuns = 144

  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  > {
    var problems: [Diagnostic] = []
    let tokens = invocation.arguments
    problems += tokens.filter { runs[$0.text] == nil }.map(runs.unknown)
    let chosen = tokens.compactMap { runs[$0.text] }
    if Set(tokens.map(\.text)).count != tokens.count {
      problems.append(
        Diagnostic(
          at: invocation.name.location, id: .directiveSweepRepeated,
          "a scenario is named twice in 'sweep'"))
    }
    let range = parseRange(invocation, &problems)
    let named = Scenario.Parameter.allCases.first { invocation.option($0.rawValue) != nil }
    if let parameter = range?.parameter ?? named {
      for (token, run) in zip(tokens, chosen)
      where run.scenario?.steps(varying: parameter).isEmpty ?? true {
        problems.append(
          Diagnostic(
            at: token.location, id: .directiveSweepNothingToVary,
            parameter == .size
              ? "scenario '\(token.text)' has no write-disk or read-disk step whose size could vary"
              : "scenario '\(token.text)' has no send-packets or receive-packets step whose count could vary",
            suggestion: parameter == .size
              ? "sweep scenarios that write or read the disk"
              : "sweep scenarios that send or receive frames"))
      }
    }
    let counters = parseCounters(invocation, &problems)
    if let points = range?.points, points.count * tokens.count > Self.maximumRuns {
      problems.append(
        Diagnostic(
          at: invocation.name.location, id: .directiveSweepTooLarge,
          "this sweep needs \(points.count * tokens.count) runs; a sweep may make at most \(Self.maximumRuns)",
          suggestion: "sweep fewer scenarios or a narrower range"))
    }
    guard problems.isEmpty, let range, let counters, chosen.count == tokens.count else {
      return .failure(DiagnosticsError(problems))
    }
    let totals = chosen.map { run in
      range.points.map { value in sweeps.totals(of: run, range.parameter, value) }
    }
    return .success(
      render(
        chosen, parameter: range.parameter, points: range.points, counters: counters,
        totals: totals, page: page))
  }

  /// `size=512B..64MiB` or `frames=1..4096` → the points, doubling from the first bound; the last
  /// point is the upper bound.
  private func parseRange(_ invocation: DirectiveInvocation, _ problems: inout [Diagnostic])
    -> (parameter: Scenario.Parameter, points: [Int])?
  {
    let given = Scenario.Parameter.allCases.filter { invocation.option($0.rawValue) != nil }
    guard given.count == 1, let parameter = given.first,
      let option = invocation.option(parameter.rawValue)
    else {
      problems.append(
        Diagnostic(
          at: invocation.name.location, id: .directiveSweepRange,
          given.isEmpty
            ? "'sweep' needs the range it sweeps" : "'sweep' sweeps one parameter at a time",
          suggestion: "add size=512B..64MiB (disk transfers) or frames=1..4096 (network frames)"))
      return nil
    }
    let bounds = option.value.components(separatedBy: "..")
    let parse: (String) -> Int? = { text in
      switch parameter {
      case .size:
        if case .success(let bytes) = Quantity.bytes(text) { return bytes }
        return nil
      case .frames: return Int(text)
      }
    }
    let example = parameter == .size ? "size=512B..64MiB" : "frames=1..4096"
    guard bounds.count == 2, let low = parse(bounds[0]), let high = parse(bounds[1]), low > 0,
      high > low
    else {
      problems.append(
        Diagnostic(
          at: option.key.location, id: .directiveSweepRange,
          "'\(option.value)' is not a range from small to large",
          suggestion: "write it as \(example)"))
      return nil
    }
    let limit =
      parameter == .size ? ScenarioParser.maximumTransferBytes : ScenarioParser.maximumFrames
    guard high <= limit else {
      problems.append(
        Diagnostic(
          at: option.key.location, id: .directiveSweepRange,
          parameter == .size
            ? "a transfer may be at most \(Quantity.describeBytes(limit))"
            : "a step may move at most \(limit) frames",
          suggestion: "lower the upper bound"))
      return nil
    }
    var points: [Int] = []
    var value = low
    while value < high {
      points.append(value)
      value *= 2
    }
    points.append(high)
    guard points.count <= Self.maximumPoints else {
      problems.append(
        Diagnostic(
          at: option.key.location, id: .directiveSweepTooLarge,
          "this range has \(points.count) points (the value doubles each time); a sweep may have at most \(Self.maximumPoints)",
          suggestion: "narrow the range"))
      return nil
    }
    return (parameter, points)
  }

  private func parseCounters(_ invocation: DirectiveInvocation, _ problems: inout [Diagnostic])
    -> [String]?
  {
    guard let option = invocation.option("counters") else { return Self.defaultCounters }
    let names = option.value.split(separator: ",").map(String.init)
    let unknown = names.filter { !Counters.names.contains($0) }
    for name in unknown {
      problems.append(
        Diagnostic(
          at: option.key.location, id: .directiveSweepCounter, "no counter '\(name)'",
          suggestion: Suggestion.didYouMean(name, in: Counters.names)))
    }
    return unknown.isEmpty && !names.isEmpty ? names : nil
  }

  private func render(
    _ chosen: [ScenarioRun], parameter: Scenario.Parameter, points sizes: [Int],
    counters: [String], totals: [[Counters]], page: DirectivePage
  ) -> DirectiveOutput {
    let key = parameter.rawValue
    let text = WalkthroughText(strings: page.strings)
    let id = "sweep-" + chosen.map(\.id).joined(separator: "-")
    let names = chosen.map { $0.label[page.language] ?? $0.title[page.language] ?? $0.id }
    let sizeLabels = sizes.map {
      parameter == .size ? Quantity.describeBytes($0) : text.number($0)
    }
    var html = "<figure class=\"hv-sweep\" id=\"\(id)\">\n<figcaption>"
    html += HTML.escape(text("sweep-heading-\(key)")) + "</figcaption>\n"
    html += "<div class=\"hv-sweep-choice\" role=\"radiogroup\" aria-label=\""
    html += HTML.escape(text("sweep-choose")) + "\">\n"
    for (index, counter) in counters.enumerated() {
      let input = "\(id)-\(counter)"
      html += "<input type=\"radio\" name=\"\(id)-counter\" id=\"\(input)\" value=\"\(counter)\""
      html += index == 0 ? " checked>" : ">"
      html += "<label for=\"\(input)\">\(HTML.escape(text("counter-\(counter)")))</label>\n"
    }
    html += "</div>\n<div class=\"hv-sweep-charts\">\n"
    var anchors = [id]
    for counter in counters {
      let counterName = text("counter-\(counter)")
      let values = totals.map { series in series.map { $0[counter] } }
      let maximum = values.flatMap { $0.compactMap { $0 } }.max() ?? 0
      let isTime = counter == "simulatedNanoseconds"
      let yTicks = LogLogChart.decades(upTo: max(maximum, 1)).map {
        LogLogChart.Tick(value: $0, label: isTime ? text.duration($0) : text.number($0))
      }
      let xTicks = sizes.enumerated().filter { $0.offset % 3 == 0 || $0.offset == sizes.count - 1 }
        .map { LogLogChart.Tick(value: $0.element, label: sizeLabels[$0.offset]) }
      let title = text.format("sweep-chart-title-\(key)", ["counter": counterName])
      let chartID = "\(id)-\(counter)-chart"
      anchors.append(chartID)
      let chart = LogLogChart(
        id: chartID, title: title, summary: text("sweep-summary-\(key)"),
        xAxisLabel: text("sweep-axis-\(key)"),
        yAxisLabel: text.format("sweep-axis-value", ["counter": counterName]),
        xValues: sizes, xTicks: xTicks, yTicks: yTicks,
        series: zip(names, values).map { LogLogChart.Series(name: $0, values: $1) })
      html += "<div class=\"hv-sweep-chart\" data-counter=\"\(counter)\">\n"
      html += "<div class=\"hv-chart-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
      html += HTML.escape(title) + "\">\n" + chart.render() + "\n</div>\n"
      html += "<details class=\"hv-sweep-numbers\"><summary>"
      html += HTML.escape(text.format("sweep-table", ["counter": counterName]))
      html +=
        "</summary>\n<div class=\"hv-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
      html += HTML.escape(title) + "\">\n<table class=\"hv-compare-table\">\n<thead><tr>"
      html += "<th scope=\"col\">\(HTML.escape(text("sweep-column-\(key)")))</th>"
      for name in names { html += "<th scope=\"col\">\(HTML.escape(name))</th>" }
      html += "</tr></thead>\n<tbody>\n"
      for (row, label) in sizeLabels.enumerated() {
        html += "<tr><th scope=\"row\">\(HTML.escape(label))</th>"
        for series in values {
          let value = series[row] ?? 0
          html += "<td>\(HTML.escape(isTime ? text.duration(value) : text.number(value)))</td>"
        }
        html += "</tr>\n"
      }
      html += "</tbody>\n</table>\n</div>\n</details>\n</div>\n"
    }
    html += "</div>\n<p class=\"hv-chart-scale\">\(HTML.escape(text("sweep-summary-\(key)")))</p>\n"
    html += "</figure>"
    return DirectiveOutput(html: html, anchors: anchors)
  }
}

/// The variant runs of one build, shared by every page that draws a sweep or a what-if (the
/// English and the Vietnamese lesson draw the same one). Runs are pure, so a run made twice would
/// be identical: this only saves the time.
final class SweepRuns: @unchecked Sendable {
  private let lock = NSLock()
  private var traces: [String: Trace] = [:]

  /// The trace of the variant of `run` that `make` builds, remembered under `variant` (which
  /// names the change, e.g. `ide-transfer=pio`); nil when `make` has no scenario to run. A sweep
  /// reads its totals, a `whatif` also draws it.
  func trace(of run: ScenarioRun, variant: String, _ make: () -> Scenario?) -> Trace? {
    let key = "\(run.id)|\(variant)"
    lock.lock()
    if let known = traces[key] {
      lock.unlock()
      return known
    }
    lock.unlock()
    guard let scenario = make() else { return nil }
    let trace = ScenarioRunner.run(scenario)
    lock.lock()
    traces[key] = trace
    lock.unlock()
    return trace
  }

  /// The totals of `run`'s scenario with `parameter` set to `value` (zero without a scenario).
  func totals(of run: ScenarioRun, _ parameter: Scenario.Parameter, _ value: Int) -> Counters {
    trace(of: run, variant: "\(parameter.rawValue)=\(value)") {
      run.scenario?.varying(parameter, to: value)
    }?.totals ?? Counters()
  }
}
