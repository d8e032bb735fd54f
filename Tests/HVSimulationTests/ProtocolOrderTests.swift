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

/// The message sequences of the fact sheet: boot (§3.2), emulated path (§2.1), synthetic path (§2.2).
@Suite struct ProtocolOrderTests {
  func trace(_ run: Case) -> Trace { run.simulation().run(run.steps) }

  func index(of message: String, in list: [String], after start: Int = 0) -> Int? {
    list[start...].firstIndex(of: message)
  }

  @Test func bootWithIntegrationServicesFollowsTheVMBusBringUp() {
    let boot = trace(Case.synthetic([Case.start], generation: .one, state: .off))
    let control = TraceChecks.messages(boot) { $0.kind == .vmbusMessage }
    var expected: [String] = []
    // The four 5.x tries fail at the hypercall (no connection 4 on 2012 R2): no message at all.
    for _ in 0..<3 { expected += ["CHANNELMSG_INITIATE_CONTACT", "CHANNELMSG_VERSION_RESPONSE"] }
    // The disk controller, the synthetic mouse, keyboard and video, and the five services a
    // 2012R2 host enables by default (issue 14 item 3).
    expected += ["CHANNELMSG_REQUESTOFFERS"] + Array(repeating: "CHANNELMSG_OFFERCHANNEL", count: 9)
    expected += ["CHANNELMSG_ALLOFFERS_DELIVERED"]
    expected += ["CHANNELMSG_GPADL_HEADER"] + Array(repeating: "CHANNELMSG_GPADL_BODY", count: 18)
    expected += [
      "CHANNELMSG_GPADL_CREATED", "CHANNELMSG_OPENCHANNEL", "CHANNELMSG_OPENCHANNEL_RESULT",
    ]
    for _ in 0..<5 {
      // Each service's rings (2 × 4 pages) fit in the GPADL header: no body message.
      expected += [
        "CHANNELMSG_GPADL_HEADER", "CHANNELMSG_GPADL_CREATED", "CHANNELMSG_OPENCHANNEL",
        "CHANNELMSG_OPENCHANNEL_RESULT",
      ]
    }
    #expect(control == expected)

    let all = TraceChecks.messages(boot)
    let order = [
      "HvCallCreatePartition", "HvCallInitializePartition", "HvCallCreateVp", "HvCallMapGpaPages",
      "HvCallInstallIntercept", "HVMSG_X64_IO_PORT_INTERCEPT", "HvCallPostMessage",
      "CHANNELMSG_INITIATE_CONTACT", "CHANNELMSG_OPENCHANNEL_RESULT", "VM_PKT_DATA_INBAND",
      "HvCallSignalEvent", "VM_PKT_COMP",
    ]
    var position = 0
    for message in order {
      let found = index(of: message, in: all, after: position)
      #expect(found != nil, "\(message) missing or out of order")
      position = (found ?? position) + 1
    }
    let operations = boot.storedEvents.filter {
      $0.kind == .ringPacket && $0.message == "VM_PKT_DATA_INBAND"
    }
    .compactMap(\.operation)
    #expect(
      operations == [
        "VSTOR_OPERATION_BEGIN_INITIALIZATION", "VSTOR_OPERATION_QUERY_PROTOCOL_VERSION",
        "VSTOR_OPERATION_QUERY_PROTOCOL_VERSION", "VSTOR_OPERATION_QUERY_PROPERTIES",
        "VSTOR_OPERATION_END_INITIALIZATION",
      ])
    let msrs = boot.storedEvents.filter { $0.kind == .vmExit && $0.from == "vmbus-guest" }.map(
      \.label)
    #expect(msrs.first?.contains("HV_X64_MSR_GUEST_OS_ID") == true)
    #expect(msrs.dropFirst().first?.contains("HV_X64_MSR_HYPERCALL") == true)
  }

  /// Each control message reaches the side the Linux sources say it is for: the guest
  /// (`vmbus_drv.c`, `channel_mgmt.c`) sends these; the host sends every other one.
  @Test func controlMessagesTravelInTheirProtocolDirection() {
    let guestToHost: Set<String> = [
      "CHANNELMSG_INITIATE_CONTACT", "CHANNELMSG_REQUESTOFFERS", "CHANNELMSG_GPADL_HEADER",
      "CHANNELMSG_GPADL_BODY", "CHANNELMSG_OPENCHANNEL", "CHANNELMSG_CLOSECHANNEL",
      "CHANNELMSG_GPADL_TEARDOWN", "CHANNELMSG_RELID_RELEASED", "CHANNELMSG_UNLOAD",
      "CHANNELMSG_TL_CONNECT_REQUEST", "CHANNELMSG_MODIFYCHANNEL",
    ]
    let boot = trace(Case.synthetic([Case.start], generation: .one, state: .off))
    let delivered = boot.storedEvents.filter { $0.kind == .vmbusMessage }
    #expect(
      delivered.contains { $0.to == "vmbus-guest" } && delivered.contains { $0.to == "vmbus-root" })
    for event in delivered {
      let message = event.message ?? ""
      #expect(
        event.to == (guestToHost.contains(message) ? "vmbus-root" : "vmbus-guest"),
        "\(message) went the wrong way")
    }
  }

  @Test func bootWithoutIntegrationServicesNeverTouchesVMBus() {
    let boot = trace(Case.emulated([Case.start], state: .off))
    let all = TraceChecks.messages(boot)
    #expect(!all.contains { $0.hasPrefix("CHANNELMSG_") || $0.hasPrefix("VM_PKT_") })
    #expect(!boot.actors.contains { $0.id == "vmbus-guest" || $0.id == "storvsc" })
    #expect(all.contains("HvCallInstallIntercept"))
    // The BIOS reads one sector with PIO: 7 accesses to issue READ SECTORS, 1 status read, and
    // one REP INSW of 256 words, one intercept (per-string trapping unless pio-per-word).
    #expect(boot.totals.intercepts == 7 + 1 + 1)
    let perWord = trace(Case.emulated([Case.start], state: .off, transfer: .pioPerWord))
    #expect(perWord.totals.intercepts == 7 + 1 + 256)
    #expect(boot.vm.state == "Running")
    #expect(boot.hostLog.count == 1)
  }

  @Test(arguments: HostVersion.allCases)
  func vmbusVersionIsNegotiatedDownToTheHost(_ host: HostVersion) {
    let boot = trace(Case.synthetic([Case.start], generation: .one, host: host, state: .off))
    let requests = boot.storedEvents.filter { $0.message == "CHANNELMSG_INITIATE_CONTACT" }
    let responses = boot.storedEvents.filter { $0.message == "CHANNELMSG_VERSION_RESPONSE" }
    let expectedTries = VMBusVersion.guestPreferenceOrder.firstIndex(of: host.vmbusVersion).map {
      $0 + 1
    }
    #expect(requests.count == expectedTries)
    #expect(responses.last?.detail("version_supported") == .integer(1))
    #expect(responses.dropLast().allSatisfy { $0.detail("version_supported") == .integer(0) })
    #expect(boot.configuration.contains(.text("vmbusVersion", host.vmbusVersion.description)))
    // INITIATE_CONTACT for 5.0 and later goes to connection id 4, earlier ones to 1.
    let posts = boot.storedEvents.filter {
      $0.message == "HvCallPostMessage" && $0.detail("msgtype") == .integer(14)
    }
    for (post, version) in zip(posts, VMBusVersion.guestPreferenceOrder) {
      #expect(post.detail("connection_id") == .integer(version >= .win10v5 ? 4 : 1))
    }
    #expect(boot.configuration.contains(.text("storageProtocol", host.storageProtocol.description)))
  }

  @Test func emulatedWriteTrapsEveryPortAccess() {
    let write = trace(Case.emulated([Case.write(10 * 1024)], transfer: .pioPerWord))
    let sectors = 20
    #expect(write.totals.intercepts == 8 + 257 * sectors)
    #expect(write.totals.hypercalls == write.totals.intercepts + sectors)
    #expect(write.totals.vmExits == write.totals.intercepts + write.totals.hypercalls)
    #expect(write.totals.interrupts == write.totals.intercepts + sectors)
    #expect(write.totals.ringPackets == 0 && write.totals.vmbusMessages == 0)
    #expect(write.totals.bytesCopied == 10 * 1024 + 6 + 2 + sectors)
    // One round trip: exit → intercept message → VID → vmwp → VID → SetVpRegisters → entry.
    let first = Array(write.storedEvents.dropFirst().prefix(6))
    #expect(first.map(\.kind) == [.vmExit, .interceptMessage, .call, .call, .hypercall, .vmEntry])
    #expect(first.map(\.to) == ["hypervisor", "vid", "vmwp", "vid", "hypervisor", "ata-driver"])
    #expect(first[1].message == "HVMSG_X64_IO_PORT_INTERCEPT")
    #expect(first[4].message == "HvCallSetVpRegisters")
    let ports = write.storedEvents.filter { $0.kind == .vmExit }.compactMap {
      $0.detail("port")?.text
    }
    #expect(
      Array(ports.prefix(9))
        == ["0x1F7", "0x1F2", "0x1F3", "0x1F4", "0x1F5", "0x1F6", "0x1F7", "0x1F7", "0x1F0"])
    let perSector = TraceChecks.messages(write) { $0.message == "HvCallAssertVirtualInterrupt" }
    #expect(perSector.count == sectors)
    #expect(write.actor("vmwp") != nil && write.actor("storvsp") == nil)
  }

  @Test func syntheticWriteRingsTheDoorbellOnceEachWay() {
    let write = trace(Case.synthetic([Case.write(10 * 1024)]))
    let all = TraceChecks.messages(write)
    // storvsc signals through the monitor page (fact sheet §9.5); the root with a hypercall.
    #expect(
      all == ["VM_PKT_DATA_USING_GPA_DIRECT", "VM_PKT_COMP", "HvCallSignalEvent", "VM_PKT_COMP"])
    #expect(write.totals.intercepts == 0)
    #expect(write.totals.hypercalls == 1)
    let monitor = write.storedEvents.first { $0.label.contains("monitor page") }
    #expect(monitor?.from == "vmbus-guest" && monitor?.detail("monitorid") == .integer(0))
    let scan = write.storedEvents.first { $0.detail("monitor_latency_ns") != nil }
    #expect(scan?.kind == .interrupt && scan?.to == "vmbus-root")
    #expect(scan?.detail("monitor_latency_ns") == .integer(CostTable.standard.monitorLatency))
    #expect(write.totals.ringPackets == 2)
    #expect(write.actor("vmwp") == nil)
    let packet = write.storedEvents.first { $0.message == "VM_PKT_DATA_USING_GPA_DIRECT" }
    #expect(packet?.operation == "VSTOR_OPERATION_EXECUTE_SRB")
    #expect(packet?.detail("pfns") == .integer(3))
    #expect(packet?.detail("ring_bytes") == .integer(128))
    let completion = write.storedEvents.first {
      $0.kind == .ringPacket && $0.message == "VM_PKT_COMP"
    }
    #expect(completion?.operation == "VSTOR_OPERATION_COMPLETE_IO")
    #expect(completion?.detail("trans_id") == packet?.detail("trans_id"))
  }

  @Test func onlyTheFirstPacketOfABatchSignals() {
    let write = trace(Case.synthetic([Case.write(1024 * 1024)]))
    #expect(write.totals.ringPackets == 16)
    // One doorbell each way per batch: the guest's through the monitor page, the root's a call.
    let signals = TraceChecks.messages(write) { $0.message == "HvCallSignalEvent" }
    #expect(signals.count == 1)
    #expect(write.storedEvents.filter { $0.label.contains("monitor page") }.count == 1)
    let silent = write.storedEvents.filter {
      $0.kind == .ringPacket && $0.detail("signal") == .flag(false)
    }
    #expect(!silent.isEmpty)
    #expect(silent.allSatisfy { $0.detail("signal_rule")?.text.contains("not empty") == true })
  }

  @Test func largeWritesSplitIntoSRBsOfTheMaximumTransfer() {
    let write = trace(Case.synthetic([Case.write(64 * 1024 * 1024)]))
    #expect(write.totals.ringPackets == 2 * 512)
    #expect(write.totals.hypercalls == 16)
    let requests = Storage.splitIntoSRBs(isWrite: true, bytes: 300 * 1024 + 100, lba: 0)
    #expect(requests.map(\.byteCount) == [131_072, 131_072, 45_568])
    #expect(requests.map(\.lba) == [0, 256, 512])
  }

  @Test func oldHostsGetTheShortVStorPacket() {
    let write = trace(
      Case.synthetic(
        [Case.start, Case.write(4096)], generation: .one, host: .ws2008R2, state: .off))
    let request = write.storedEvents.last { $0.message == "VM_PKT_DATA_USING_GPA_DIRECT" }
    // 16 descriptor + 8 + 8 + 8 × 1 PFN + 48-byte vstor_packet = 88, + 8-byte trailer
    #expect(request?.detail("ring_bytes") == .integer(96))
  }
}
