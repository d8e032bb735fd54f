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

/// Close, rescind and unload: no scenario step reaches them yet, so the tests drive them directly.
@Suite struct VMBusLifecycleTests {
  func runningGuest() -> Simulation {
    let simulation = Case.synthetic([]).simulation()
    simulation.prepare()
    return simulation
  }

  /// The SCSI controller's channel: the channel these tests close, reopen and rescind. Its relid
  /// follows the mouse, keyboard, video and the services in the host's offer order.
  func disk(_ simulation: Simulation) -> VMBusChannel {
    simulation.channels.first { $0.offer.deviceClass == .scsi }!
  }

  @Test func runningStateOpensTheChannelBeforeTheTrace() {
    let simulation = runningGuest()
    #expect(simulation.vmbusGuest.connection == .connected)
    // Mouse, keyboard and video (offered, left closed), the five services a 2012R2 host enables
    // by default, then the SCSI controller (issue 14 item 3).
    #expect(simulation.channels.map(\.offer.deviceClass) == [
      .mouse, .keyboard, .video, .heartbeat, .keyValuePair, .shutdown, .timeSync,
      .volumeShadowCopy, .scsi,
    ])
    #expect(simulation.channels.map(\.state) == [.offer, .offer, .offer] + Array(repeating: .opened, count: 6))
    #expect(disk(simulation).gpadl?.state == .created)
    #expect(simulation.storvsc.phase == .ready)
    #expect(simulation.now == 0)
    #expect(simulation.finish().steps.isEmpty)
  }

  @Test func closeSendsCloseChannelThenTearsTheGPADLDown() {
    let simulation = runningGuest()
    let relid = disk(simulation).relid
    simulation.runStep(action: "close") { done in
      simulation.vmbus.closeChannel(relid: relid, then: done)
    }
    let trace = simulation.finish()
    #expect(
      TraceChecks.messages(trace) { $0.kind == .vmbusMessage } == [
        "CHANNELMSG_CLOSECHANNEL", "CHANNELMSG_GPADL_TEARDOWN", "CHANNELMSG_GPADL_TORNDOWN",
      ])
    #expect(disk(simulation).state == .open)
    #expect(disk(simulation).gpadl?.state == .tornDown)
    #expect(disk(simulation).outbound == nil)
    #expect(simulation.invariantViolations().isEmpty)
  }

  @Test func sendingOnAClosedChannelIsCaught() {
    let simulation = runningGuest()
    let relid = disk(simulation).relid
    simulation.runStep(action: "close") { done in
      simulation.vmbus.closeChannel(relid: relid, then: done)
    }
    #expect(simulation.invariantViolations().isEmpty)
    simulation.runStep(action: "write-disk") { done in
      simulation.storage.storvscRequest(VStorPacket(operation: .queryProperties), relid: relid, "late")
      { _ in done() }
    }
    #expect(!simulation.invariantViolations().isEmpty)
  }

  @Test func reopeningAfterCloseWorks() {
    let simulation = runningGuest()
    let relid = disk(simulation).relid
    let openedAtStart = simulation.channels.filter { $0.state == .opened }.count
    simulation.runStep(action: "close") { done in
      simulation.vmbus.closeChannel(relid: relid, then: done)
    }
    simulation.runStep(action: "open") { done in
      simulation.vmbus.openChannel(relid: relid, ringPages: 4, then: done)
    }
    #expect(disk(simulation).state == .opened)
    #expect(
      disk(simulation).gpadl?.handle == GPADL.firstHandle + UInt32(openedAtStart),
      "one handle per channel opened before, then the reopened ring's")
    let trace = simulation.finish()
    #expect(TraceChecks.problems(trace, channelsOpenAtStart: [Int(relid)]).isEmpty)
    #expect(simulation.invariantViolations().isEmpty)
  }

  @Test func rescindEndsWithRelidReleased() {
    let simulation = runningGuest()
    let relid = disk(simulation).relid
    simulation.runStep(action: "rescind-channel") { done in
      simulation.vmbus.rescindChannel(relid: relid, then: done)
    }
    let trace = simulation.finish()
    #expect(
      TraceChecks.messages(trace) { $0.kind == .vmbusMessage } == [
        "CHANNELMSG_RESCIND_CHANNELOFFER", "CHANNELMSG_RELID_RELEASED",
      ])
    #expect(disk(simulation).rescinded)
    #expect(disk(simulation).state == .offer)
    #expect(simulation.invariantViolations().isEmpty)
  }

  @Test func unloadDisconnects() {
    let simulation = runningGuest()
    simulation.runStep(action: "unload") { done in simulation.vmbus.unloadVMBus(then: done) }
    let trace = simulation.finish()
    #expect(
      TraceChecks.messages(trace) { $0.kind == .vmbusMessage } == [
        "CHANNELMSG_UNLOAD", "CHANNELMSG_UNLOAD_RESPONSE",
      ])
    #expect(simulation.vmbusGuest.connection == .disconnected)
    #expect(simulation.vmbusHost.phase == .unloaded)
  }
}

/// The components' own tallies agree with the counters derived from the trace.
@Suite struct TalliesTests {
  @Test(arguments: Case.sweep)
  func traceCountersMatchWhatTheComponentsDid(_ run: Case) {
    let simulation = run.simulation()
    simulation.prepare()
    let before = simulation.tallies
    for step in run.steps { simulation.runStep(step) }
    let totals = simulation.finish().totals
    let did = simulation.tallies - before
    #expect(totals.hypercalls == did[.hypercalls])
    #expect(totals.intercepts == did[.trappedInstructions])
    #expect(totals.vmExits == did[.hypercalls] + did[.trappedInstructions])
    #expect(totals.interrupts == did[.interruptsDelivered])
    #expect(totals.vmbusMessages == did[.vmbusMessagesDelivered])
    #expect(totals.ringPackets == did[.ringPacketsWritten])
    let portBytes = totals.bytesCopied - did[.ringBytesWritten]
    #expect(portBytes >= 0)
    #expect((portBytes == 0) == (did[.portAccessesEmulated] == 0))
  }

  @Test func determinism() {
    for run in Case.sweep {
      let first = run.simulation().run(run.steps).jsonText()
      let second = run.simulation().run(run.steps).jsonText()
      #expect(first == second, "\(run)")
    }
  }
}

/// Fact sheet §9.3: a VMBus 5.x INITIATE_CONTACT goes to connection id 4, which a host at 4.0 or
/// lower does not have; the post itself fails and the host never answers.
@Suite struct VMBusContactOnOldHostsTests {
  @Test(arguments: HostVersion.allCases)
  func fiveXContactFailsAtTheHypercallOnOldHosts(_ host: HostVersion) {
    let boot = Case.synthetic([Case.start], generation: .one, host: host, state: .off)
    let trace = boot.simulation().run(boot.steps)
    let contactPosts = trace.storedEvents.filter {
      $0.message == "HvCallPostMessage" && $0.detail("msgtype") == .integer(14)
    }
    let refused = contactPosts.filter {
      $0.detail("status") == .text("HV_STATUS_INVALID_CONNECTION_ID (0x12)")
    }
    let delivered = trace.storedEvents.filter {
      $0.kind == .vmbusMessage && $0.message == "CHANNELMSG_INITIATE_CONTACT"
    }
    let fiveX = VMBusVersion.guestPreferenceOrder.filter(\.usesMessageConnection4)
    if host.vmbusVersion.usesMessageConnection4 {
      #expect(refused.isEmpty)
      #expect(delivered.count == contactPosts.count)
    } else {
      #expect(refused.count == fiveX.count)
      #expect(refused.allSatisfy { $0.detail("connection_id") == .integer(4) })
      // Only the tries that reached the host were delivered and answered.
      #expect(delivered.count == contactPosts.count - fiveX.count)
      #expect(delivered.allSatisfy { $0.detail("vmbus_version_requested") != nil })
      let answers = trace.storedEvents.filter {
        $0.kind == .vmbusMessage && $0.message == "CHANNELMSG_VERSION_RESPONSE"
      }
      #expect(answers.count == delivered.count)
    }
  }
}
