import HVDiagnostics
import HVDiagram
import HVTrace

/// Numbers in lesson prose that come from the simulation, never typed (CONTENT-CONTRACT.md §2):
///
/// - `{{count <scenario> <counter>}}` — a counter's total, e.g. `{{count disk-write-emulated vmExits}}`;
///   `step=N` gives one request path's value instead.
/// - `{{ratio <scenario-a> <scenario-b> <counter>}}` — how many times larger a's counter is than
///   b's, one decimal (`263.5`).
/// - `{{duration <scenario>}}` — the simulated time, for people (`12.5 µs`); `step=N` as above.
/// - `{{detail <scenario> <message> <key>}}` — a detail field of one message of the trace, the
///   message numbered as in the scenario's full walkthrough (and its deep links), e.g.
///   `{{detail time-sync 48 offset_before_ns as=duration}}` → `124.037 s`. `as=duration` reads
///   the value as nanoseconds (sign dropped); `as=number` groups digits.
///
/// Numbers are grouped and punctuated the page's way (`12.345` in Vietnamese, `12,345` in English).
struct InlineCounters {
  let runs: ScenarioRuns
  let text: WalkthroughText
  let path: String

  static let functions = ["count", "ratio", "duration", "detail"]

  /// The literal with every `{{…}}` replaced, and the problems found (positions in the file).
  func rewrite(_ literal: String, line: Int, column: Int) -> (String, [Diagnostic]) {
    var output = ""
    var diagnostics: [Diagnostic] = []
    var rest = literal[...]
    var offset = 0
    while let open = rest.range(of: "{{") {
      output += rest[..<open.lowerBound]
      let startColumn = column + offset + rest.distance(from: rest.startIndex, to: open.lowerBound)
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        diagnostics.append(
          Diagnostic(
            at: location(line, startColumn), id: .counterUnclosed,
            "'{{' is never closed", suggestion: "write it as {{count <scenario> <counter>}}"))
        output += rest[open.lowerBound...]
        rest = rest[rest.endIndex...]
        break
      }
      let expression = String(rest[open.upperBound..<close.lowerBound])
      switch evaluate(expression, at: location(line, startColumn)) {
      case .success(let value): output += value
      case .failure(let error):
        diagnostics += error.diagnostics
        output += "{{\(expression)}}"
      }
      offset += rest.distance(from: rest.startIndex, to: close.upperBound)
      rest = rest[close.upperBound...]
    }
    output += rest
    return (output, diagnostics)
  }

  private func location(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(path: path, line: line, column: column)
  }

  private func evaluate(_ expression: String, at: SourceLocation) -> Result<
    String, DiagnosticsError
  > {
    let words = expression.split(separator: " ").map(String.init)
    let options = words.filter { $0.contains("=") }
    let arguments = words.filter { !$0.contains("=") }
    func fail(_ id: DiagnosticID, _ message: String, _ suggestion: String? = nil) -> Result<
      String, DiagnosticsError
    > {
      .failure(DiagnosticsError([Diagnostic(at: at, id: id, message, suggestion: suggestion)]))
    }
    guard let function = arguments.first else {
      return fail(.counterEmpty, "'{{}}' is empty", "write {{count <scenario> <counter>}}")
    }
    var step: Int?
    var display: String?
    for option in options {
      let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2, parts[0] == "step", let number = Int(parts[1]) {
        step = number
      } else if parts.count == 2, parts[0] == "as", ["duration", "number"].contains(parts[1]) {
        display = parts[1]
      } else {
        return fail(
          .counterUnknownOption, "unknown option '\(option)' in '{{\(expression)}}'",
          "options are step=N and, for detail, as=duration or as=number")
      }
    }
    switch (function, arguments.count) {
    case ("count", 3):
      return counters(arguments[1], step: step, at: at).flatMap { counters in
        value(counters, arguments[2], at: at).map(text.number)
      }
    case ("duration", 2):
      return counters(arguments[1], step: step, at: at).map {
        text.duration($0.simulatedNanoseconds)
      }
    case ("ratio", 4):
      return counters(arguments[1], step: step, at: at).flatMap { a in
        counters(arguments[2], step: step, at: at).flatMap { b in
          value(a, arguments[3], at: at).flatMap { numerator in
            value(b, arguments[3], at: at).flatMap { denominator in
              denominator == 0
                ? fail(
                  .counterRatioZero,
                  "'\(arguments[3])' of '\(arguments[2])' is 0, so the ratio has no value")
                : .success(text.decimal(numerator * 10 + denominator / 2, tenthsOf: denominator))
            }
          }
        }
      }
    case ("detail", 4):
      return detail(
        arguments[1], message: arguments[2], key: arguments[3], display: display, at: at)
    case ("count", _), ("duration", _), ("ratio", _), ("detail", _):
      let usage = [
        "count": "{{count <scenario> <counter>}}", "duration": "{{duration <scenario>}}",
        "ratio": "{{ratio <scenario-a> <scenario-b> <counter>}}",
        "detail": "{{detail <scenario> <message> <key>}}",
      ][function]!
      return fail(
        .counterArguments, "wrong number of arguments in '{{\(expression)}}'", "write \(usage)")
    default:
      return fail(
        .counterUnknownFunction, "unknown counter function '\(function)'",
        Suggestion.didYouMean(function, in: Self.functions))
    }
  }

  private func counters(_ id: String, step: Int?, at: SourceLocation) -> Result<
    Counters, DiagnosticsError
  > {
    guard let run = runs[id] else {
      return .failure(DiagnosticsError([runs.unknown(.init(text: id, location: at))]))
    }
    guard let step else { return .success(run.trace.totals) }
    guard let found = run.trace.steps.first(where: { $0.index == step }) else {
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: at, id: .counterInvalidStep,
            "'step=\(step)': scenario '\(id)' has steps 1 to \(run.trace.steps.count)")
        ]))
    }
    return .success(found.totals)
  }

  private func value(_ counters: Counters, _ name: String, at: SourceLocation) -> Result<
    Int, DiagnosticsError
  > {
    guard let value = counters[name] else {
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: at, id: .counterUnknownCounter,
            "unknown counter '\(name)'", suggestion: Suggestion.didYouMean(name, in: Counters.names)
          )
        ]))
    }
    return .success(value)
  }

  /// A detail of message `number` in the scenario's full walkthrough numbering.
  private func detail(
    _ id: String, message: String, key: String, display: String?, at: SourceLocation
  )
    -> Result<String, DiagnosticsError>
  {
    func fail(_ identifier: DiagnosticID, _ text: String, _ suggestion: String? = nil) -> Result<
      String, DiagnosticsError
    > {
      .failure(DiagnosticsError([Diagnostic(at: at, id: identifier, text, suggestion: suggestion)]))
    }
    guard let run = runs[id] else {
      return .failure(DiagnosticsError([runs.unknown(.init(text: id, location: at))]))
    }
    let messages = SequenceModel(trace: run.trace, options: DiagramOptions()).messages
    guard let number = Int(message), let found = messages.first(where: { $0.number == number })
    else {
      return fail(
        .counterInvalidMessage, "'\(message)' is not a message of '\(id)' (1 to \(messages.count))")
    }
    guard let value = found.event.detail(key) else {
      let keys = found.event.details.map(\.key)
      return fail(
        .counterUnknownDetail, "message \(number) of '\(id)' has no detail '\(key)'",
        keys.isEmpty ? "it has no details" : Suggestion.didYouMean(key, in: keys))
    }
    switch (display, value) {
    case ("duration", .integer(let nanoseconds)): return .success(text.duration(abs(nanoseconds)))
    case ("number", .integer(let number)), (nil, .integer(let number)):
      return .success(text.number(number))
    case ("duration", _), ("number", _):
      return fail(
        .counterDetailNotANumber,
        "detail '\(key)' of message \(number) is '\(value.text)', not a number")
    default: return .success(value.text)
    }
  }
}
