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

/// Data exchange (fact sheet §4.7): the four operations on the pools, the intrinsic items, the
/// size limits and one transaction at a time.
@Suite struct KVPTests {
  static func answers(_ trace: Trace) -> [TraceEvent] {
    ICTrace.packets(trace, "ICMSGTYPE_KVPEXCHANGE").filter(ICTrace.isAnswer)
  }

  @Test func enumeratingTheAutoPoolListsTheIntrinsicItems() {
    let (trace, _, problems) = Case.services([Case.kvp(.enumerate, .auto)], [.dataExchange])
      .checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let answers = Self.answers(trace)
    #expect(answers.count == 11)
    #expect(answers.allSatisfy { $0.operation == "KVP_OP_ENUMERATE" })
    #expect(answers.dropLast().allSatisfy { $0.detail("status") == .text("HV_S_OK (0x00000000)") })
    #expect(answers.last?.detail("status") == .text("HV_S_CONT (0x80070103)"))
    let summary = trace.storedEvents.last { $0.from == "kvp-host" && $0.to == "vmms" }
    let items = summary?.detail("items")?.text ?? ""
    for key in [
      "FullyQualifiedDomainName", "IntegrationServicesVersion", "NetworkAddressIPv4",
      "NetworkAddressIPv6",
      "OSBuildNumber", "OSName", "OSMajorVersion", "OSMinorVersion", "OSVersion",
      "ProcessorArchitecture",
    ] {
      #expect(items.contains(key + "="), "\(key)")
    }
    #expect(items.contains("FullyQualifiedDomainName=vm01.contoso.local"))
    // Each request goes from the kernel driver to hv_kvp_daemon and back: two switches in the guest.
    #expect(trace.storedEvents.filter { $0.to == "hv-kvp-daemon" && $0.switchesMode }.count == 11)
  }

  /// The intrinsic version items follow the guest's pinned kernel (issue 13 item 4).
  @Test(arguments: [GuestKernel(4, 9), .defaultLTS])
  func intrinsicItemsFollowTheGuestKernel(_ kernel: GuestKernel) {
    let items = KVPStore.initial(vmName: "VM01", hostOctet: 10, guest: .linux(kernel)).items(in: .auto)
    let value = { (key: String) in items.first { $0.key == key }?.value }
    #expect(value("OSBuildNumber") == "\(kernel.major).\(kernel.minor).0")
    #expect(value("OSVersion") == kernel.release)
    #expect(value("OSMajorVersion") == String(kernel.major))
    #expect(value("OSMinorVersion") == String(kernel.minor))
    #expect(value("OSName") == "Linux")
  }

  @Test func setGetDelete() {
    let steps = [
      Case.kvp(.set, .external, key: "Owner", value: "Web team"),
      Case.kvp(.get, .external, key: "Owner"),
      Case.kvp(.delete, .external, key: "Owner"),
      Case.kvp(.get, .external, key: "Owner"),
    ]
    let (trace, simulation, problems) = Case.services(steps, [.dataExchange]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let answers = Self.answers(trace)
    #expect(
      answers.map(\.operation) == ["KVP_OP_SET", "KVP_OP_GET", "KVP_OP_DELETE", "KVP_OP_GET"])
    #expect(
      answers.map { $0.detail("status")?.text.prefix(7) } == [
        "HV_S_OK", "HV_S_OK", "HV_S_OK", "HV_S_CO",
      ])
    #expect(trace.storedEvents.contains { $0.label == "KVP result: 'Owner' = 'Web team'" })
    #expect(simulation.ics.kvpStore.value("Owner", in: .external) == nil)
    #expect(ICTrace.logged(trace, "HV_S_CONT"))
  }

  @Test func sizeLimitsAreCheckedBeforeAnythingIsSent() {
    let fits = String(repeating: "v", count: 1023)
    let tooLong = String(repeating: "v", count: 1024)
    let longKey = String(repeating: "k", count: 256)
    let steps = [
      Case.kvp(.set, .external, key: "Fits", value: fits),
      Case.kvp(.set, .external, key: "Long", value: tooLong),
      Case.kvp(.set, .external, key: longKey, value: "x"),
    ]
    let (trace, simulation, problems) = Case.services(steps, [.dataExchange]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(Self.answers(trace).count == 1)
    #expect(simulation.ics.kvpStore.value("Fits", in: .external) == fits)
    #expect(trace.steps[1].totals.ringPackets == 0 && trace.steps[2].totals.ringPackets == 0)
    let failures = trace.hostLog.filter { $0.message.contains("HV_INVALIDARG (0x80070057)") }
    #expect(failures.count == 2)
    #expect(failures[0].message.contains("HV_KVP_EXCHANGE_MAX_VALUE_SIZE (2048)"))
    #expect(failures[1].message.contains("HV_KVP_EXCHANGE_MAX_KEY_SIZE (512)"))
    #expect(KVPModel.wireBytes(fits) == 2048)
  }

  @Test func oneTransactionAtATime() {
    let steps = [
      Case.hang, Case.kvp(.get, .auto, key: "OSName"),
      Case.kvp(.set, .external, key: "A", value: "1"),
      Case.resume, Case.kvp(.set, .external, key: "A", value: "1"),
    ]
    let (trace, simulation, problems) = Case.services(steps, [.dataExchange]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(ICTrace.logged(trace, "did not answer the Key-Value Pair Exchange request"))
    // The second request is refused on the host: the first is still in the ring.
    #expect(trace.steps[2].totals.ringPackets == 0)
    #expect(ICTrace.logged(trace, "one transaction at a time"))
    // After the resume the late answer is discarded; then the channel works again.
    #expect(trace.storedEvents.contains { $0.label.contains("late answer") && $0.step == 4 })
    #expect(Self.answers(trace).map(\.operation) == ["KVP_OP_GET", "KVP_OP_SET"])
    #expect(simulation.ics.kvpStore.value("A", in: .external) == "1")
    #expect(simulation.ics.ic(.dataExchange).outstanding == nil)
  }

  @Test func withoutTheServiceNothingIsSent() {
    let (trace, _, _) = Case.services([Case.kvp(.get, .auto, key: "OSName")], [.heartbeat])
      .checked()
    #expect(Self.answers(trace).isEmpty)
    #expect(ICTrace.logged(trace, "Key-Value Pair Exchange integration service is disabled"))
  }
}
