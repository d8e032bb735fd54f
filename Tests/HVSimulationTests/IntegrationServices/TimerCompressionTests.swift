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

/// Periodic traffic and compressed repeats: a repeat never skips a timer, long waits compress into
/// whole cycles, and a compressed run ends exactly where a fully executed one ends.
@Suite struct TimerCompressionTests {
  static let cases: [Case] = [
    Case.services([Case.wait(seconds: 600)]),
    Case.services(
      [Case.wait(seconds: 37), Case.status, Case.wait(seconds: 23)], [.heartbeat, .timeSync],
      host: .ws2016),
    Case.services(
      [Case.hang, Case.wait(seconds: 300), Case.resume, Case.wait(seconds: 5)], [.heartbeat]),
    Case.services(
      [Case.hang, Case.wait(seconds: 120), Case.resume, Case.wait(seconds: 10)],
      [.heartbeat, .timeSync]),
    Case.services([Case.write(64 * 1024 * 1024), Case.wait(seconds: 4)]),
    Case.services(
      [Case.copy("/tmp/a.bin", bytes: 20 * 1024 * 1024)], [.heartbeat, .timeSync, .guestServices]),
    Case.services([Case.backup, Case.wait(seconds: 30)]),
    Case.services(
      [Case.save, Case.wait(seconds: 60), Case.restore, Case.wait(seconds: 30)],
      [.heartbeat, .timeSync]),
  ]

  @Test(arguments: cases)
  func compressedEqualsExecuted(_ run: Case) {
    for seed in UInt64(1)...3 {
      let (compressed, full) = CompressionTests.both(run.with(seed: seed))
      #expect(compressed.0.totals == full.0.totals, "seed \(seed)")
      #expect(compressed.0.steps.map(\.totals) == full.0.steps.map(\.totals), "seed \(seed)")
      #expect(compressed.0.hostLog == full.0.hostLog, "seed \(seed)")
      #expect(compressed.0.integrationServices == full.0.integrationServices, "seed \(seed)")
      let (a, b) = (compressed.1, full.1)
      #expect(a.now == b.now, "seed \(seed)")
      #expect(a.channels == b.channels, "seed \(seed): channels")
      #expect(a.icServices == b.icServices, "seed \(seed): services")
      #expect(a.heartbeat == b.heartbeat, "seed \(seed): heartbeat")
      #expect(a.guestClock == b.guestClock, "seed \(seed): guest clock")
      #expect(a.guestFiles == b.guestFiles, "seed \(seed): guest files")
      #expect(a == b, "seed \(seed): some other state differs")
      let entries = compressed.0.steps.flatMap(\.entries)
      let expanded = entries.reduce(0) { $0 + $1.expandedEventCount }
      let fullStored = full.0.steps.flatMap(\.entries).reduce(0) { $0 + $1.storedEventCount }
      #expect(
        expanded == fullStored, "seed \(seed): compression stands for exactly the executed events")
    }
  }

  @Test(arguments: cases)
  func invariantsHoldForManySeeds(_ run: Case) {
    for seed in UInt64(0)..<12 {
      let (_, _, problems) = run.with(seed: seed).checked()
      #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(3))")
    }
  }

  @Test func anHourOfWaitingStaysSmall() {
    let (trace, simulation, problems) = Case.services([Case.wait(seconds: 3600)]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(
      ICTrace.count(trace) { $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isRequest($0) } == 1800)
    #expect(
      ICTrace.count(trace) { $0.message == "ICMSGTYPE_TIMESYNC" && ICTrace.isRequest($0) } == 720)
    #expect(trace.storedEvents.count < 200)
    #expect(simulation.executedEvents < 500)
    #expect(trace.steps[0].totals.simulatedNanoseconds == 3_600_000_000_000)
  }

  @Test func aLongTransferIsCutWhereTheHeartbeatFires() throws {
    let (trace, _, problems) = Case.services([Case.write(1 << 30)], [.heartbeat]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let step = trace.steps[0]
    // The batch loop is split: groups of batches with heartbeat traffic between them.
    var sawGroup = false, pingAfterGroup = false
    for entry in step.entries {
      switch entry {
      case .group: sawGroup = true
      case .event(let event):
        if sawGroup, event.message == "ICMSGTYPE_HEARTBEAT" { pingAfterGroup = true }
      }
    }
    #expect(pingAfterGroup)
    let pings = ICTrace.count(trace) {
      $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isRequest($0)
    }
    let seconds = step.totals.simulatedNanoseconds / 1_000_000_000
    #expect(pings >= seconds / 2 && pings <= seconds / 2 + 1)
    // No ping is later than one batch after its due time (the safe points are batch boundaries).
    let pingTimes = ICTrace.packets(trace, "ICMSGTYPE_HEARTBEAT").filter(ICTrace.isRequest).map(
      \.time)
    for (a, b) in zip(pingTimes, pingTimes.dropFirst()) {
      #expect(b - a < HeartbeatModel.intervalNanoseconds + 20_000_000)
    }
  }

  @Test func schedulerRefusesToSkipPendingWork() {
    // The rule the split keeps: a compressed repeat may only skip over empty time.
    let simulation = Case.services([]).simulation()
    simulation.prepare()
    let due = simulation.ics.nextTimerDue()
    #expect(due != nil)
    #expect(simulation.ics.pendingTimers().map(\.event).contains(.heartbeatPing))
  }
}
