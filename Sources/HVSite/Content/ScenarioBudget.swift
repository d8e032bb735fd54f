import HVDiagnostics
import HVScenario
import HVTrace

/// The simulation one build may do, on top of each scenario's own limits (`ScenarioLimits`):
/// many scenarios that are each within bounds must not add up to minutes of simulation. Checked
/// before anything runs, from what the steps ask for; scenarios are admitted in id order until
/// the budget is spent, and each one after that is reported (and not run).
enum ScenarioBudget {
  /// Steps of all scenarios together (the shipped course has 50).
  static let steps = 2_000
  /// Simulated waiting of all scenarios together (the shipped course waits about 10 min).
  static let waitNanoseconds = 72 * 3_600 * 1_000_000_000
  /// Events stored by all traces together (the shipped course stores about 1,300).
  static let recordedEvents = 100_000

  static func admit(_ library: ScenarioLibrary) -> (ScenarioLibrary, [Diagnostic]) {
    var admitted: [Scenario] = []
    var diagnostics: [Diagnostic] = []
    var steps = 0, waited = 0
    for scenario in library.scenarios {
      let nextSteps = steps + scenario.steps.count
      let nextWait = waited + ScenarioLimits.waitNanoseconds(of: scenario)
      guard nextSteps <= Self.steps, nextWait <= waitNanoseconds else {
        let what =
          nextSteps > Self.steps
          ? "more than \(Self.steps) steps" : "more than 72 h of simulated waiting"
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(file: scenario.path), id: .limitBuildSimulation,
            "with this scenario the build's scenarios would ask for \(what); it is not run",
            suggestion: "remove or shorten scenarios; the limits are in docs/AUTHORING.md"))
        continue
      }
      (steps, waited) = (nextSteps, nextWait)
      admitted.append(scenario)
    }
    return (ScenarioLibrary(scenarios: admitted), diagnostics)
  }

  /// Per trace, then for the build: runs whose traces are over the limits are reported and left
  /// out (in id order, the first ones that fit are kept).
  static func checkRecorded(_ runs: [(Scenario, ScenarioRun)]) -> ([ScenarioRun], [Diagnostic]) {
    var kept: [ScenarioRun] = []
    var diagnostics: [Diagnostic] = []
    var total = 0
    for (scenario, run) in runs {
      if let problem = ScenarioLimits.checkRecorded(run.trace, of: scenario) {
        diagnostics.append(problem)
        continue
      }
      total += ScenarioLimits.recordedEventCount(run.trace)
      guard total <= recordedEvents else {
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(file: scenario.path), id: .limitBuildEvents,
            "with this scenario the build's traces would store more than \(recordedEvents) events"))
        continue
      }
      kept.append(run)
    }
    return (kept, diagnostics)
  }
}
