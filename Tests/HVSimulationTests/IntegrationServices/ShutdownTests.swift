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

/// The Shutdown service (fact sheet §4.5): answer first, then an orderly shutdown; versions gate
/// reboot and hibernate; without the service only a hard turn-off.
@Suite struct ShutdownTests {
  @Test func theGuestAnswersFirstThenShutsDownInOrder() throws {
    let (trace, simulation, problems) = Case.services([Case.shutdown()], [.heartbeat, .shutdown])
      .checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let packets = ICTrace.packets(trace, "ICMSGTYPE_SHUTDOWN")
    #expect(packets.count == 2)
    #expect(packets[0].detail("flags") == .hex(0, digits: 1))
    let answer = packets[1]
    #expect(ICTrace.isAnswer(answer) && answer.detail("status") == .text("HV_S_OK (0x00000000)"))
    let events = trace.storedEvents
    let orderly = try #require(events.firstIndex { $0.label.hasPrefix("orderly shutdown") })
    // No CHANNELMSG_UNLOAD on an orderly power-off (fact sheet §9.4): kexec, crash, hibernate only.
    #expect(!events.contains { $0.message == "CHANNELMSG_UNLOAD" })
    let acpi = try #require(events.firstIndex { $0.kind == .vmExit && $0.label.contains("S5") })
    let delete = try #require(events.firstIndex { $0.message == "HvCallDeletePartition" })
    let answerIndex = try #require(events.firstIndex(of: answer))
    #expect(answerIndex < orderly && orderly < acpi && acpi < delete)
    #expect(simulation.powerState == .off)
    #expect(trace.vm.state == "Off")
    #expect(ICTrace.logged(trace, "shut down by the guest operating system"))
    #expect(trace.integrationServices.allSatisfy { $0.status.isEmpty })
  }

  @Test func forceSetsFlagOne() {
    let (trace, _, _) = Case.services([Case.shutdown(force: true)], [.shutdown]).checked()
    #expect(
      ICTrace.packets(trace, "ICMSGTYPE_SHUTDOWN").first?.detail("flags") == .hex(1, digits: 1))
    #expect(trace.storedEvents.contains { $0.label.hasPrefix("forced shutdown") })
  }

  @Test func rebootNeedsVersion31() {
    let old = Case.services([Case.shutdown(.reboot)], [.shutdown], host: .ws2012R2).checked()
    #expect(ICTrace.packets(old.trace, "ICMSGTYPE_SHUTDOWN").isEmpty)
    #expect(old.trace.vm.state == "Running")
    #expect(ICTrace.logged(old.trace, "needs 3.1"))

    let new = Case.services([Case.shutdown(.reboot)], [.shutdown], host: .ws2019).checked()
    #expect(new.problems.isEmpty, "\(new.problems.prefix(3))")
    #expect(
      ICTrace.packets(new.trace, "ICMSGTYPE_SHUTDOWN").first?.detail("flags") == .hex(2, digits: 1))
    #expect(new.trace.storedEvents.contains { $0.message == "HvCallCreatePartition" })
    #expect(new.trace.vm.state == "Running")
    #expect(new.simulation.ics.ic(.shutdown).isReady)
  }

  @Test func hibernateNeedsVersion32() {
    let refused = Case.services([Case.shutdown(.hibernate)], [.shutdown], host: .ws2019).checked()
    #expect(ICTrace.packets(refused.trace, "ICMSGTYPE_SHUTDOWN").isEmpty)
    #expect(refused.trace.vm.state == "Running")
    let done = Case.services([Case.shutdown(.hibernate)], [.shutdown], host: .ws2022).checked()
    #expect(
      ICTrace.packets(done.trace, "ICMSGTYPE_SHUTDOWN").first?.detail("flags") == .hex(4, digits: 1)
    )
    #expect(done.trace.storedEvents.contains { $0.label.hasPrefix("hibernate:") })
    // Hibernation is one of the three cases where Linux unloads VMBus (`vmbus_bus_suspend`).
    #expect(done.trace.storedEvents.contains { $0.message == "CHANNELMSG_UNLOAD" })
    #expect(done.trace.vm.state == "Off")
  }

  @Test(arguments: [false, true])
  func withoutTheServiceStopVMCanOnlyTurnTheVMOff(_ guestHasIntegrationServices: Bool) {
    let run = Case.services(
      [Case.shutdown()], guestHasIntegrationServices ? [.heartbeat] : nil,
      guestHasIntegrationServices: guestHasIntegrationServices)
    let (trace, _, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(ICTrace.packets(trace, "ICMSGTYPE_SHUTDOWN").isEmpty)
    #expect(!trace.storedEvents.contains { $0.message == "CHANNELMSG_UNLOAD" })
    #expect(trace.storedEvents.contains { $0.label.hasPrefix("Stop-VM -TurnOff") })
    #expect(trace.storedEvents.contains { $0.label.contains("no orderly shutdown") })
    #expect(ICTrace.logged(trace, "cannot be shut down cleanly"))
    #expect(trace.vm.state == "Off")
  }

  @Test func aHungGuestDoesNotAnswerAndObeysLater() {
    let run = Case.services([Case.hang, Case.shutdown(), Case.resume], [.shutdown])
    let (trace, _, problems) = run.checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let step2 = trace.steps[1]
    #expect(step2.totals.simulatedNanoseconds >= ICModel.hostResponseTimeout)
    #expect(ICTrace.logged(trace, "did not answer the Shutdown request"))
    // After the resume the guest reads the request, answers (the host discards it) and shuts down.
    #expect(trace.storedEvents.contains { $0.label.contains("late answer") })
    #expect(trace.storedEvents.contains { $0.label.hasPrefix("orderly shutdown") && $0.step == 3 })
    #expect(trace.vm.state == "Off")
  }
}
