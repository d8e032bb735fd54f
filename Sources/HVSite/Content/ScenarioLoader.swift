import Foundation
import HVDiagnostics
import HVScenario

/// Reads `scenarios/*.yaml`, checks them all, and runs each one on the simulation.
///
/// Runs are pure and deterministic (same file and seed ⇒ same trace), so the site can show any
/// number a trace produced without ever typing it.
struct ScenarioLoader {
  let content: ContentSnapshot
  let config: SiteConfig
  let cache: ScenarioCache?

  func load() -> ([ScenarioRun], [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var files: [(path: String, text: String)] = []
    for file in content.files(under: "scenarios") {
      let displayPath = content.displayPath(file.path)
      guard file.path.hasSuffix(".yaml"), file.path.split(separator: "/").count == 2 else {
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(path: displayPath, line: 1, column: 1),
            id: .scenarioMisplacedFile, "scenarios are YAML files at 'scenarios/<id>.yaml'"))
        continue
      }
      if let oversized = ContentLimits.oversized(
        file, in: content, limit: ContentLimits.scenarioFileBytes, what: "this scenario file")
      {
        diagnostics.append(oversized)
        continue
      }
      switch content.text(of: file) {
      case .failure(let error): diagnostics += error.diagnostics
      case .success(let text): files.append((displayPath, text))
      }
    }
    let (parsed, problems) = ScenarioLibrary.load(files: files, languages: config.languages)
    diagnostics += problems
    // What the simulation is allowed to do in one build, checked before anything runs.
    let (library, budget) = ScenarioBudget.admit(parsed)
    diagnostics += budget
    let textByPath = Dictionary(
      files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
    let scenarios = library.scenarios
    let keys = scenarios.map {
      ScenarioCache.RunKey(scenarioID: $0.id, text: textByPath[$0.path] ?? "", seed: $0.seed)
    }
    var runs = [ScenarioRun?](repeating: nil, count: scenarios.count)
    // Scenarios are independent and the simulation is pure: run them on all cores.
    runs.withUnsafeMutableBufferPointer { slots in
      let slots = UnsafeSendable(slots)
      DispatchQueue.concurrentPerform(iterations: scenarios.count) { index in
        let scenario = scenarios[index]
        let make = {
          var run = ScenarioRun(
            id: scenario.id, title: texts(scenario.title),
            summary: scenario.summary.map(texts) ?? [:],
            seed: scenario.seed, trace: ScenarioRunner.run(scenario), source: keys[index])
          run.scenario = scenario
          run.label = texts(scenario.label ?? scenario.title)
          return run
        }
        slots.value[index] = cache?.run(key: keys[index], make: make) ?? make()
      }
    }
    cache?.keepOnly(Set(keys))
    let ran = zip(scenarios, runs).compactMap { scenario, run in run.map { (scenario, $0) } }
    let (admitted, tooLarge) = ScenarioBudget.checkRecorded(ran)
    return (admitted, diagnostics + tooLarge)
  }

  private func texts(_ text: LocalizedText) -> [String: String] {
    Dictionary(text.entries.map { ($0.language, $0.text) }, uniquingKeysWith: { first, _ in first })
  }
}

/// `scenarios/<id>.yaml` → `<id>`.
enum ScenarioFileName {
  static func id(of path: String) -> String? {
    let parts = path.split(separator: "/")
    guard parts.count == 2, parts[0] == "scenarios", parts[1].hasSuffix(".yaml") else { return nil }
    return String(parts[1].dropLast(5))
  }
}
