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

/// The heartbeat (fact sheet §4.4): a ping every 2000 ms, `seq_num + 1` back, OK / No Contact /
/// Lost Communication, the host log on loss and on return, and a full ring.
@Suite struct HeartbeatTests {
  @Test func pingsEveryTwoSecondsAndTheGuestAddsOne() {
    let (trace, simulation, problems) = Case.services([Case.wait(seconds: 20)], [.heartbeat])
      .checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let requests = ICTrace.count(trace) {
      $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isRequest($0)
    }
    let answers = ICTrace.count(trace) {
      $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isAnswer($0)
    }
    #expect(requests == 10 && answers == 10)
    let first = ICTrace.packets(trace, "ICMSGTYPE_HEARTBEAT")
    guard case .integer(let sent)? = first[0].detail("seq_num") else {
      Issue.record("no seq_num")
      return
    }
    #expect(trace.storedEvents.contains { $0.label == "seq_num \(sent) + 1 = \(sent + 1)" })
    #expect(simulation.ics.heartbeat.lastAnswer == simulation.ics.heartbeat.nextSequence)
    #expect(simulation.ics.heartbeat.nextSequence == UInt64(sent) + 10)
    // Pings are 2000 ms apart: the repeat group's iteration lasts exactly one interval.
    let groups = trace.steps[0].entries.compactMap { entry -> RepeatGroup? in
      guard case .group(let group) = entry else { return nil }
      return group
    }
    #expect(
      groups.first?.iterationCounters.simulatedNanoseconds == HeartbeatModel.intervalNanoseconds)
    let status = ICTrace.status(trace, "Heartbeat")
    #expect(status?.status == "OK" && status?.secondaryStatus == "OK")
    #expect(trace.hostLog.isEmpty)
  }

  @Test func aHungGuestIsLostAfterTwoMissesAndBackWhenItResumes() throws {
    let run = Case.services(
      [Case.hang, Case.wait(seconds: 10), Case.status, Case.resume, Case.wait(seconds: 4)],
      [.heartbeat])
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let status = try #require(trace.storedEvents.first { $0.step == 3 })
    #expect(status.detail("Heartbeat") == .text("True Lost Communication"))
    let misses = trace.storedEvents.filter {
      $0.from == "heartbeat-host" && $0.detail("missed") != nil
    }
    #expect(misses.map { $0.detail("missed") } == [.integer(1), .integer(2)])
    // The second miss comes 1000 ms after the second ping.
    let secondPing = ICTrace.packets(trace, "ICMSGTYPE_HEARTBEAT").filter(ICTrace.isRequest)[1]
    #expect(misses[1].time - secondPing.time == HeartbeatModel.latencyNanoseconds - 700)
    #expect(trace.hostLog.count == 2)
    #expect(trace.hostLog[0].message.contains("Lost Communication"))
    #expect(trace.hostLog[1].message.contains("contact restored"))
    #expect(ICTrace.status(trace, "Heartbeat")?.status == "OK")
    // Every ping written while hung is answered after the resume, oldest first.
    let requests = ICTrace.count(trace) {
      $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isRequest($0)
    }
    let answers = ICTrace.count(trace) {
      $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isAnswer($0)
    }
    #expect(requests == answers)
    #expect(simulation.ics.ic(.heartbeat).unanswered == 0)
  }

  @Test func aLongHangFillsTheRingAndTheWriterWaitsOnPendingSendSize() throws {
    let run = Case.services(
      [Case.hang, Case.wait(seconds: 300), Case.resume, Case.wait(seconds: 3)], [.heartbeat])
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let full = try #require(trace.storedEvents.first { $0.detail("pending_send_sz") != nil })
    #expect(full.detail("pending_send_sz") == .integer(96))
    #expect(full.label.contains("full"))
    // 12288 bytes of ring hold 127 pings of 96 bytes: the write needs more free space than it uses.
    let beforeFull = ICTrace.count(trace) {
      $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isRequest($0) && $0.step == 2
    }
    #expect(beforeFull == 127)
    // The guest's first read frees space: it signals the host, which writes the waiting ping.
    let wake = try #require(
      trace.storedEvents.first { $0.label.contains("pending_send_sz bytes are free again") })
    #expect(wake.message == "HvCallSignalEvent" && wake.from == "vmbus-guest")
    // The ping that waited is the first request written after the wake, like every other: its
    // label and its seq_num, the one just before the next ping's.
    let events = trace.storedEvents
    let isRequest = { (event: TraceEvent) in
      event.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isRequest(event)
    }
    let wakeIndex = try #require(events.firstIndex { $0.label.contains("pending_send_sz bytes are free again") })
    let parkedIndex = try #require(events[wakeIndex...].firstIndex(where: isRequest))
    let parked = events[parkedIndex]
    #expect(parked.detail("signal") == .flag(false))
    #expect(parked.detail("seq_num") != nil && parked.label.contains("seq_num"))
    let next = try #require(events[(parkedIndex + 1)...].first(where: isRequest))
    guard case .integer(let waited)? = parked.detail("seq_num"),
      case .integer(let following)? = next.detail("seq_num")
    else {
      Issue.record("seq_num is not an integer detail")
      return
    }
    #expect(following == waited + 1)
    #expect(simulation.ics.ic(.heartbeat).blocked == nil)
    #expect(ICTrace.status(trace, "Heartbeat")?.status == "OK")
    // The trace stays small: five minutes of pings are one repeat group.
    #expect(trace.storedEvents.count < 120)
  }

  @Test func disablingRescindsTheChannelAndStopsThePings() {
    let run = Case.services([Case.disable(.heartbeat), Case.wait(seconds: 10)], [.heartbeat])
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(
      TraceChecks.messages(trace) { $0.kind == .vmbusMessage }
        == ["CHANNELMSG_RESCIND_CHANNELOFFER", "CHANNELMSG_RELID_RELEASED"])
    #expect(ICTrace.packets(trace, "ICMSGTYPE_HEARTBEAT").isEmpty)
    #expect(simulation.ics.ic(.heartbeat).utilState == .dying)
    let status = ICTrace.status(trace, "Heartbeat")
    #expect(status?.enabled == false && status?.status == "OK")
    #expect(ICTrace.logged(trace, "was disabled"))
  }

  @Test func enablingOffersOpensAndNegotiates() {
    let run = Case.services([Case.enable(.heartbeat), Case.wait(seconds: 3)], [])
    let (trace, _, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let control = TraceChecks.messages(trace) { $0.kind == .vmbusMessage }
    #expect(
      control == [
        "CHANNELMSG_OFFERCHANNEL", "CHANNELMSG_GPADL_HEADER", "CHANNELMSG_GPADL_CREATED",
        "CHANNELMSG_OPENCHANNEL", "CHANNELMSG_OPENCHANNEL_RESULT",
      ])
    #expect(ICTrace.packets(trace, "ICMSGTYPE_NEGOTIATE").count == 2)
    #expect(
      ICTrace.count(trace) { $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isAnswer($0) } == 2)
    #expect(ICTrace.status(trace, "Heartbeat")?.status == "OK")
  }

  @Test func aRescindedChannelLeavesTheServiceEnabledWithoutContact() {
    let run = Case.services(
      [Case.rescind(.service(.heartbeat)), Case.wait(seconds: 5)], [.heartbeat])
    let (trace, simulation, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(simulation.ics.ic(.heartbeat).phase == .rescinded)
    let status = ICTrace.status(trace, "Heartbeat")
    #expect(status?.enabled == true && status?.status == "No Contact")
    #expect(ICTrace.logged(trace, "channel rescinded"))
    #expect(ICTrace.packets(trace, "ICMSGTYPE_HEARTBEAT").isEmpty)
  }

  @Test func noContactUntilTheFirstAnswerAfterBoot() {
    let (trace, simulation, _) = Case.services([Case.start], [.heartbeat], state: .off).checked()
    // The first ping goes out at the end of the boot, so the boot ends with contact.
    #expect(
      ICTrace.count(trace) { $0.message == "ICMSGTYPE_HEARTBEAT" && ICTrace.isAnswer($0) } == 1)
    #expect(trace.storedEvents.contains { $0.label.hasPrefix("Heartbeat: No Contact → OK") })
    #expect(simulation.ics.heartbeat.status == .ok)
  }
}
