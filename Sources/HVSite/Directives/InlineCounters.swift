import HVDiagnostics
import HVTrace

/// Numbers in lesson prose that come from the simulation, never typed (CONTENT-CONTRACT.md §2):
///
/// - `{{count <scenario> <counter>}}` — a counter's total, e.g. `{{count disk-write-emulated vmExits}}`;
///   `step=N` gives one request path's value instead.
/// - `{{ratio <scenario-a> <scenario-b> <counter>}}` — how many times larger a's counter is than
///   b's, one decimal (`263.5`).
/// - `{{duration <scenario>}}` — the simulated time, for people (`12.5 µs`); `step=N` as above.
///
/// Numbers are grouped and punctuated the page's way (`12.345` in Vietnamese, `12,345` in English).
struct InlineCounters {
  let runs: ScenarioRuns
  let text: WalkthroughText
  let path: String

  static let functions = ["count", "ratio", "duration"]

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
        diagnostics.append(Diagnostic(at: location(line, startColumn), id: "counter.unclosed",
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

  private func evaluate(_ expression: String, at: SourceLocation) -> Result<String, DiagnosticsError> {
    let words = expression.split(separator: " ").map(String.init)
    let options = words.filter { $0.contains("=") }
    let arguments = words.filter { !$0.contains("=") }
    func fail(_ id: String, _ message: String, _ suggestion: String? = nil) -> Result<String, DiagnosticsError> {
      .failure(DiagnosticsError([Diagnostic(at: at, id: id, message, suggestion: suggestion)]))
    }
    guard let function = arguments.first else {
      return fail("counter.empty", "'{{}}' is empty", "write {{count <scenario> <counter>}}")
    }
    var step: Int?
    for option in options {
      let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, parts[0] == "step", let number = Int(parts[1]) else {
        return fail("counter.unknown-option", "unknown option '\(option)' in '{{\(expression)}}'", "the only option is step=N")
      }
      step = number
    }
    switch (function, arguments.count) {
    case ("count", 3):
      return counters(arguments[1], step: step, at: at).flatMap { counters in
        value(counters, arguments[2], at: at).map(text.number)
      }
    case ("duration", 2):
      return counters(arguments[1], step: step, at: at).map { text.duration($0.simulatedNanoseconds) }
    case ("ratio", 4):
      return counters(arguments[1], step: step, at: at).flatMap { a in
        counters(arguments[2], step: step, at: at).flatMap { b in
          value(a, arguments[3], at: at).flatMap { numerator in
            value(b, arguments[3], at: at).flatMap { denominator in
              denominator == 0
                ? fail("counter.ratio-zero", "'\(arguments[3])' of '\(arguments[2])' is 0, so the ratio has no value")
                : .success(text.decimal(numerator * 10 + denominator / 2, tenthsOf: denominator))
            }
          }
        }
      }
    case ("count", _), ("duration", _), ("ratio", _):
      let usage = ["count": "{{count <scenario> <counter>}}", "duration": "{{duration <scenario>}}",
                   "ratio": "{{ratio <scenario-a> <scenario-b> <counter>}}"][function]!
      return fail("counter.arguments", "wrong number of arguments in '{{\(expression)}}'", "write \(usage)")
    default:
      return fail("counter.unknown-function", "unknown counter function '\(function)'",
                  Suggestion.didYouMean(function, in: Self.functions))
    }
  }

  private func counters(_ id: String, step: Int?, at: SourceLocation) -> Result<Counters, DiagnosticsError> {
    guard let run = runs[id] else {
      return .failure(DiagnosticsError([runs.unknown(.init(text: id, location: at))]))
    }
    guard let step else { return .success(run.trace.totals) }
    guard let found = run.trace.steps.first(where: { $0.index == step }) else {
      return .failure(DiagnosticsError([Diagnostic(at: at, id: "counter.invalid-step",
        "'step=\(step)': scenario '\(id)' has steps 1 to \(run.trace.steps.count)")]))
    }
    return .success(found.totals)
  }

  private func value(_ counters: Counters, _ name: String, at: SourceLocation) -> Result<Int, DiagnosticsError> {
    guard let value = counters[name] else {
      return .failure(DiagnosticsError([Diagnostic(at: at, id: "counter.unknown-counter",
        "unknown counter '\(name)'", suggestion: Suggestion.didYouMean(name, in: Counters.names))]))
    }
    return .success(value)
  }
}
