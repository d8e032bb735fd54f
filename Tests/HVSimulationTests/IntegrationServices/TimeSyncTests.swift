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

/// Time synchronization (fact sheet §4.6): SYNC after start and restore, SAMPLE every period, a
/// drifting guest clock corrected, or left to drift and jump without the service.
@Suite struct TimeSyncTests {
  static func flags(_ trace: Trace) -> [String] {
    ICTrace.packets(trace, "ICMSGTYPE_TIMESYNC").filter(ICTrace.isRequest).compactMap(\.flags)
  }

  @Test func syncAfterStartThenSamples() {
    let (trace, simulation, problems) = Case.services(
      [Case.start, Case.wait(seconds: 12)], [.timeSync], state: .off
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let sent = Self.flags(trace)
    #expect(sent.first == "ICTIMESYNCFLAG_SYNC")
    #expect(sent.dropFirst().allSatisfy { $0 == "ICTIMESYNCFLAG_SAMPLE" })
    // The boot reads the RTC (up to 1 s off); the SYNC corrects it.
    let sync = trace.storedEvents.first { $0.label.hasPrefix("SYNC:") }
    guard case .integer(let before)? = sync?.detail("offset_before_ns") else {
      Issue.record("no SYNC")
      return
    }
    #expect(before < 0 && before > -1_100_000_000)
    #expect(
      ICTrace.count(trace) { $0.flags == "ICTIMESYNCFLAG_SAMPLE" && ICTrace.isRequest($0) } == 2)
    #expect(abs(simulation.ics.guestClock.offset(at: simulation.now)) < 2_000_000)
  }

  @Test func samplesKeepTheDriftSmallOnAnOlderKernel() {
    let (trace, simulation, problems) = Case.services(
      [Case.wait(seconds: 200)], [.timeSync], host: .ws2016, guestKernel: GuestKernel(4, 9)
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(
      ICTrace.count(trace) { $0.message == "ICMSGTYPE_TIMESYNC" && ICTrace.isRequest($0) } == 40)
    #expect(simulation.ics.timeSync.samplesApplied == 40)
    let drift = simulation.ics.guestClock.driftPPM
    #expect(drift <= -50 && drift >= -150)
    // Between samples the clock drifts by at most drift × period.
    #expect(abs(simulation.ics.guestClock.offset(at: simulation.now)) <= abs(drift) * 5_000)
    // Version 4 carries vmreferencetime and lands exactly.
    let sample = ICTrace.packets(trace, "ICMSGTYPE_TIMESYNC").first
    #expect(sample?.detail("vmreferencetime") != nil)
    #expect(trace.storedEvents.count < 60)
  }

  /// Kernels before 4.13 apply the first 50 SAMPLEs, then only SYNCs (`adj_guesttime`, `scnt`).
  @Test func anOlderKernelStopsApplyingAfterFiftySamples() {
    let (trace, simulation, problems) = Case.services(
      [Case.wait(seconds: 400)], [.timeSync], host: .ws2016, guestKernel: GuestKernel(4, 9)
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(simulation.ics.timeSync.samplesApplied == GuestKernel.legacyAppliedSamples)
    #expect(trace.storedEvents.contains { $0.label.contains("applies only the first 50") })
    let drift = simulation.ics.guestClock.driftPPM
    // 30 unapplied samples later the clock is 150 s × drift behind, give or take one period.
    let offset = abs(simulation.ics.guestClock.offset(at: simulation.now))
    #expect(offset >= abs(drift) * 145_000 && offset <= abs(drift) * 155_000)
  }

  /// Current kernels record SAMPLEs for the PTP clock and leave the clock alone (fact sheet §9.10).
  @Test func aCurrentKernelOnlyRecordsSamples() {
    let (trace, simulation, problems) = Case.services(
      [Case.wait(seconds: 60)], [.timeSync], host: .ws2016
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(simulation.ics.timeSync.samplesApplied == 0)
    let recorded = trace.storedEvents.filter {
      $0.label.contains("recorded for the hyperv PTP clock")
    }
    #expect(!recorded.isEmpty)
    #expect(recorded.allSatisfy { $0.detail("offset_before_ns") == $0.detail("offset_after_ns") })
    let drift = simulation.ics.guestClock.driftPPM
    let offset = abs(simulation.ics.guestClock.offset(at: simulation.now))
    #expect(offset >= abs(drift) * 55_000)
  }

  @Test func olderVersionsLandBehindBySampleAge() {
    let (trace, _, _) = Case.services(
      [Case.wait(seconds: 6)], [.timeSync], host: .ws2012R2, guestKernel: GuestKernel(4, 9)
    ).checked()
    let apply = trace.storedEvents.first { $0.label.hasPrefix("SAMPLE:") }
    guard case .integer(let after)? = apply?.detail("offset_after_ns") else {
      Issue.record("no SAMPLE")
      return
    }
    #expect(after < 0 && after > -10_000)
    #expect(ICTrace.packets(trace, "ICMSGTYPE_TIMESYNC").first?.detail("vmreferencetime") == nil)
  }

  @Test func restoreIsFollowedBySync() {
    let run = Case.services(
      [Case.save, Case.wait(seconds: 120), Case.restore, Case.wait(seconds: 1)], [.timeSync],
      host: .ws2016)
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let restoreStep = trace.steps[2]
    let syncInRestore = restoreStep.entries.contains {
      guard case .event(let event) = $0 else { return false }
      return event.flags == "ICTIMESYNCFLAG_SYNC"
    }
    #expect(syncInRestore)
    let sync = trace.storedEvents.first { $0.label.hasPrefix("SYNC:") }
    guard case .integer(let before)? = sync?.detail("offset_before_ns") else {
      Issue.record("no SYNC")
      return
    }
    // Behind by the time spent saved (120 s) plus the save and restore themselves.
    #expect(before < -120_000_000_000 && before > -126_000_000_000)
    #expect(abs(simulation.ics.guestClock.offset(at: simulation.now)) < 1_000_000)
  }

  @Test func withoutTheServiceTheOffsetGrowsAndTheJumpStays() {
    let run = Case.services(
      [Case.wait(seconds: 600), Case.save, Case.wait(seconds: 120), Case.restore], [.heartbeat])
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(ICTrace.packets(trace, "ICMSGTYPE_TIMESYNC").isEmpty)
    let note = trace.storedEvents.first { $0.label.hasPrefix("no time synchronization") }
    guard case .integer(let afterWait)? = note?.detail("guest_clock_offset_ns") else {
      Issue.record("no note")
      return
    }
    let offset = simulation.ics.guestClock.offset(at: simulation.now)
    #expect(offset < afterWait - 120_000_000_000)
    guard
      case .integer(let reported)? = trace.vm.details.first(where: {
        $0.key == "guestClockOffsetNanoseconds"
      })?.value
    else {
      Issue.record("no offset in vm")
      return
    }
    #expect(reported == offset)
  }

  @Test func guestClockModel() {
    var clock = GuestClock(driftPPM: -100, offsetNanoseconds: 0, at: 0)
    #expect(clock.offset(at: 10_000_000_000) == -1_000_000)
    clock.freeze(at: 10_000_000_000)
    #expect(clock.offset(at: 70_000_000_000) == -1_000_000 - 60_000_000_000)
    clock.thaw(at: 70_000_000_000)
    #expect(clock.offset(at: 80_000_000_000) == -1_000_000 - 60_000_000_000 - 1_000_000)
    #expect(TimeSyncModel.fileTime(atNanoseconds: 1_000) == TimeSyncModel.hostEpochFileTime + 10)
  }
}
