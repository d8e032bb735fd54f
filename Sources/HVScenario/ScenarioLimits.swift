import HVDiagnostics
import HVSimulation
import HVTrace

/// How much simulation one scenario may ask for, checked before it runs, and how much trace it
/// may record, checked after. The cost of a run grows with the simulated time its `wait` steps
/// cover (periodic heartbeats and time samples) and with the number of steps; both are bounded
/// here, so a file of 200 × `wait: 24 h` (5 s and 110 MB of simulation, a 33 MB page) fails at
/// once with an error at the step that goes over. The other limits (200 steps, 24 h per wait,
/// 1 GiB per transfer) are checked by the parser where each value is read.
public enum ScenarioLimits {
  /// All `wait` steps of one scenario together (the shipped course's longest is 5 min).
  public static let simulatedWaitNanoseconds = 24 * 3_600 * 1_000_000_000
  /// Events one trace may store (the shipped course's largest trace stores 321).
  public static let recordedEvents = 10_000

  /// The step at which the waits of `scenario` go over ``simulatedWaitNanoseconds``, if any.
  public static func check(_ scenario: Scenario) -> [Diagnostic] {
    var waited = 0
    for step in scenario.steps {
      guard case .wait(let nanoseconds) = step.kind else { continue }
      waited += nanoseconds
      if waited > simulatedWaitNanoseconds {
        return [
          Diagnostic(
            at: step.location, id: .limitSimulatedTime,
            "the waits of this scenario add up to more than 24 h of simulated time here",
            suggestion: "a scenario may wait 24 h in all; shorten the waits or split the scenario")
        ]
      }
    }
    return []
  }

  /// Total simulated waiting of `scenario`, in nanoseconds (for a build's budget).
  public static func waitNanoseconds(of scenario: Scenario) -> Int {
    scenario.steps.reduce(0) { total, step in
      if case .wait(let nanoseconds) = step.kind { return total + nanoseconds }
      return total
    }
  }

  /// The number of events a run stored (each repeat body once, as pages show it).
  public static func recordedEventCount(_ trace: Trace) -> Int {
    func count(_ entries: [TraceEntry]) -> Int {
      entries.reduce(0) { total, entry in
        switch entry {
        case .event: return total + 1
        case .group(let group): return total + count(group.entries)
        }
      }
    }
    return trace.steps.reduce(0) { $0 + count($1.entries) }
  }

  /// A diagnostic when a run stored more than ``recordedEvents`` events.
  public static func checkRecorded(_ trace: Trace, of scenario: Scenario) -> Diagnostic? {
    let events = recordedEventCount(trace)
    guard events > recordedEvents else { return nil }
    return Diagnostic(
      at: SourceLocation(path: scenario.path, line: 1, column: 1), id: .limitTraceEvents,
      "this scenario records \(events) events; a trace may record at most \(recordedEvents)",
      suggestion: "use fewer or smaller steps, or split it into several scenarios")
  }
}
