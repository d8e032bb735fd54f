import HVDiagnostics

/// All scenarios of a content folder, checked together: ids unique, each id equal to its file name.
public struct ScenarioLibrary: Sendable {
  /// The scenarios, sorted by id.
  public let scenarios: [Scenario]

  public init(scenarios: [Scenario]) {
    self.scenarios = scenarios.sorted { $0.id < $1.id }
  }

  public var ids: [String] { scenarios.map(\.id) }

  public func scenario(id: String) -> Scenario? {
    scenarios.first { $0.id == id }
  }

  /// Parses every file (the caller read them; pass them in any order).
  /// - Returns: the library of the files that parsed, and every diagnostic of every file, sorted.
  public static func load(
    files: [(path: String, text: String)], languages: [String] = Scenario.languages
  )
    -> (ScenarioLibrary, [Diagnostic])
  {
    var diagnostics: [Diagnostic] = []
    var byID: [String: Scenario] = [:]
    var accepted: [Scenario] = []
    for file in files.sorted(by: { $0.path < $1.path }) {
      let (scenario, problems) = ScenarioParser.parse(
        source: file.text, path: file.path, languages: languages)
      diagnostics += problems
      guard let scenario else { continue }
      if let first = byID[scenario.id] {
        diagnostics.append(
          Diagnostic(
            .error, at: SourceLocation(path: scenario.path, line: 1, column: 1),
            id: .scenarioDuplicateId,
            "scenario id '\(scenario.id)' is already used by \(first.path)"))
        continue
      }
      byID[scenario.id] = scenario
      accepted.append(scenario)
    }
    return (ScenarioLibrary(scenarios: accepted), diagnostics.sorted())
  }
}
