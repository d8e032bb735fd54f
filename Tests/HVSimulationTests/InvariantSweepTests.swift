import HVHostModel
import HVTrace
import Testing

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

/// Invariants after every event, across many seeds (issue 3, "Tests that must exist").
@Suite struct InvariantSweepTests {
  /// Runs `run` with an observer that checks the model after every event and that time never goes
  /// backwards; returns the trace and every problem seen.
  static func checkedRun(_ run: Case) -> (Trace, [String]) {
    let simulation = run.simulation()
    var problems: [String] = []
    var lastTime = Int.min
    simulation.observer = { simulation, event in
      if let event {
        if event.time < lastTime { problems.append("time went backwards at event \(event.seq)") }
        lastTime = event.time
      }
      for problem in simulation.invariantViolations().map(\.description)
      where !problems.contains(problem) {
        problems.append(problem)
      }
    }
    simulation.prepare()
    let open = Set(simulation.channels.filter { $0.state == .opened }.map { Int($0.relid) })
    for step in run.steps { simulation.runStep(step) }
    let trace = simulation.finish()
    problems += TraceChecks.problems(trace, channelsOpenAtStart: open)
    if simulation.storvsc.pending.count != 0 { problems.append("requests left without completion") }
    return (trace, problems)
  }

  @Test(arguments: Case.sweep)
  func invariantsHoldForManySeeds(_ run: Case) {
    for seed in UInt64(0)..<25 {
      let (_, problems) = Self.checkedRun(run.with(seed: seed))
      #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(5))")
    }
  }

  @Test(arguments: [Case.sweep[1], Case.sweep[5], Case.sweep[7]])
  func invariantsHoldWithoutCompression(_ run: Case) {
    for seed in UInt64(0)..<4 {
      let (_, problems) = Self.checkedRun(run.with(seed: seed, compress: false))
      #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(5))")
    }
  }

  /// The seeded ring positions must make some runs wrap around the end of a ring, so that the
  /// wrap-around code is exercised by the sweep, not only by the unit tests.
  @Test func someSeedsWrapTheRings() {
    let run = Case.synthetic([Case.write(16 * 1024 * 1024)])
    var wraps = 0
    for seed in UInt64(0)..<100 {
      let (trace, problems) = Self.checkedRun(run.with(seed: seed, compress: false))
      #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(3))")
      for event in trace.storedEvents where event.kind == .ringPacket {
        if case .integer(let before)? = event.detail("prev_write_index"),
          case .integer(let after)? = event.detail("write_index"), after < before
        {
          wraps += 1
        }
      }
    }
    #expect(wraps > 0)
  }
}
