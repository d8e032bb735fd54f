import HVDiagnostics
import HVDiagram

/// ```` ```trace <scenario> [step=N] [collapse=partition] ```` — a scenario's walkthrough:
/// sequence diagram, numbered transcript and counters (CONTENT-CONTRACT.md §2).
struct TraceDirective: Directive {
  let name = "trace"
  let argumentCount = 1...1
  let optionNames = ["step", "collapse", "messages"]
  let usage = "trace <scenario-id> [step=N] [collapse=partition] [messages=A-B]"
  let runs: ScenarioRuns
  let cache: ScenarioCache?

  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  > {
    let idToken = invocation.arguments[0]
    guard let run = runs[idToken.text] else {
      return .failure(DiagnosticsError([runs.unknown(idToken)]))
    }
    var options = DiagramOptions()
    var diagnostics: [Diagnostic] = []
    if let (key, value) = invocation.option("step") {
      if let step = Int(value), run.trace.steps.contains(where: { $0.index == step }) {
        options.step = step
      } else {
        diagnostics.append(
          Diagnostic(
            at: key.location, id: .directiveInvalidStep,
            "'step=\(value)': scenario '\(run.id)' has steps 1 to \(run.trace.steps.count)"))
      }
    }
    if let (key, value) = invocation.option("collapse") {
      if value == "partition" {
        options.lifelines = .partition
      } else {
        diagnostics.append(
          Diagnostic(
            at: key.location, id: .directiveInvalidCollapse,
            "'collapse=\(value)' is not a way to collapse lifelines",
            suggestion: "write 'collapse=partition'"))
      }
    }
    if let (key, value) = invocation.option("messages") {
      let total = SequenceModel(trace: run.trace, options: DiagramOptions(step: options.step))
        .messages.count
      let bounds = value.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
      if bounds.count == 2, let low = bounds[0], let high = bounds[1], 1 <= low, low <= high,
        high <= total
      {
        options.messages = low...high
      } else {
        diagnostics.append(
          Diagnostic(
            at: key.location, id: .directiveInvalidMessages,
            "'messages=\(value)' must be a range A-B of message numbers within 1-\(total)",
            suggestion: "for example messages=1-\(min(total, 20))"))
      }
    }
    guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }
    let figure = WalkthroughFigure(
      run: run, options: options, text: WalkthroughText(strings: page.strings),
      language: page.language,
      scenarioHref: Route.scenario(language: page.language, id: run.id)
        .relativeURL(from: .languageIndex(language: page.language)),
      bytesHref: Route.scenarioBytes(language: page.language, id: run.id)
        .relativeURL(from: .languageIndex(language: page.language)))
    let (html, anchors) = figure.render(cache: cache)
    return .success(DirectiveOutput(html: html, anchors: anchors))
  }
}

/// The scenarios a build ran, by id, with the "did you mean" every directive gives for a wrong id.
public struct ScenarioRuns: Sendable {
  private let runs: [String: ScenarioRun]
  /// Ids of scenario files that exist but did not parse: naming one is a follow-on of that file's
  /// own error (``followOnID``), which the build drops so the author sees the cause once.
  let broken: Set<String>

  /// The identifier of a follow-on diagnostic (see ``broken``).
  static let followOnID = DiagnosticID.directiveBrokenScenario

  public init(_ runs: [ScenarioRun], broken: Set<String> = []) {
    self.runs = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    self.broken = broken
  }

  public subscript(id: String) -> ScenarioRun? { runs[id] }

  /// Every run, sorted by id.
  public var all: [ScenarioRun] { runs.keys.sorted().compactMap { runs[$0] } }

  func unknown(_ token: DirectiveInvocation.Token) -> Diagnostic {
    if broken.contains(token.text) {
      return Diagnostic(
        at: token.location, id: Self.followOnID, "scenario '\(token.text)' has errors")
    }
    let ids = runs.keys.sorted()
    let hint =
      ids.isEmpty
      ? "there are no scenarios under scenarios/" : Suggestion.didYouMean(token.text, in: ids)
    return Diagnostic(
      at: token.location, id: .directiveUnknownScenario,
      "no scenario '\(token.text)'", suggestion: hint)
  }
}
