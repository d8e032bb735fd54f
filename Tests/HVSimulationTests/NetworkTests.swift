import HVHostModel
import HVTrace
import Testing

@testable import HVNetwork
@testable import HVSimulation
@testable import HVVMBus

/// The two network adapters (issue 14): every CSR access of the emulated DEC 21140 traps; netvsc
/// moves frames through its send and receive buffers with a few ring packets and signals.
@Suite struct NetworkTests {
  static func frames(_ sending: Bool, _ count: Int, _ bytes: Int = 1514) -> StepRequest {
    StepRequest(
      sending
        ? .sendPackets(count: count, bytes: bytes) : .receivePackets(count: count, bytes: bytes),
      action: sending ? "send-packets" : "receive-packets", argument: "count: \(count)")
  }

  static func legacy(_ steps: [StepRequest], state: InitialPowerState = .running) -> Case {
    var run = Case.emulated(steps, state: state)
    run.configuration.network = .legacy
    run.name = "legacy NIC \(steps.map(\.action))"
    return run
  }

  static func synthetic(
    _ steps: [StepRequest], host: HostVersion = .ws2012R2, state: InitialPowerState = .running
  ) -> Case {
    var run = Case.synthetic(steps, host: host, state: state)
    run.configuration.network = .synthetic
    run.name = "synthetic NIC \(host.rawValue) \(steps.map(\.action))"
    return run
  }

  static func trace(_ run: Case) -> Trace { run.simulation().run(run.steps) }

  @Test func legacySendTrapsOnceAFrameAndFourTimesAnInterrupt() {
    let count = 100
    let trace = Self.trace(Self.legacy([Self.frames(true, count)]))
    let interrupts =
      (count + Tulip.framesPerTransmitInterrupt - 1) / Tulip.framesPerTransmitInterrupt
    #expect(trace.totals.intercepts == count + 4 * interrupts)
    #expect(trace.totals.ringPackets == 0)
    let exits = trace.storedEvents.filter { $0.kind == .vmExit }.compactMap {
      $0.detail("port")?.text
    }
    #expect(exits.first == "0xEC08", "the first trap is the transmit poll demand, CSR1")
    let assert = trace.storedEvents.first { $0.message == "HvCallAssertVirtualInterrupt" }
    #expect(assert?.detail("vector") == .hex(0x3B, digits: 2), "IRQ 11 → vector 0x3B")
  }

  @Test func legacyReceiveInterruptsOncePerFrame() {
    let trace = Self.trace(Self.legacy([Self.frames(false, 40)]))
    #expect(trace.totals.intercepts == 40 * 4)
    // Per frame: the card's interrupt and the four intercept messages to the root (SINT0).
    #expect(trace.totals.interrupts == 40 * (1 + 4))
    #expect(
      trace.storedEvents.filter { $0.message == "HvCallAssertVirtualInterrupt" }.count == 1,
      "one per frame, stored once in the compressed loop")
    #expect(trace.totals.ringPackets == 0)
  }

  @Test func syntheticSendPacksFramesIntoSendSections() {
    let count = 100
    let run = Self.synthetic([Self.frames(true, count)])
    let simulation = run.simulation()
    let trace = simulation.run(run.steps)
    // 1514 + 44 bytes, aligned to 8: three frames per 6144-byte section.
    #expect(Network.framesPerSection(1514) == 3)
    #expect(Network.framesPerSection(60) == RNDIS.maxPacketsPerMessage)
    let messages = (count + 2) / 3
    #expect(trace.totals.intercepts == 0)
    #expect(trace.totals.ringPackets == 2 * messages)
    let batches = (messages + Network.sendWindow - 1) / Network.sendWindow
    // One doorbell each way per batch: the guest's through the monitor page, the switch's a call.
    #expect(trace.totals.hypercalls == batches)
    #expect(trace.storedEvents.filter { $0.label.contains("monitor page") }.count == batches)
    #expect(simulation.network.netvsc.framesSent == count)
    let message = trace.storedEvents.first {
      $0.operation == "NVSP_MSG1_TYPE_SEND_RNDIS_PKT" && $0.kind == .ringPacket
    }
    #expect(message?.message == "VM_PKT_DATA_INBAND")
    #expect(message?.detail("channel_type") == .integer(0))
  }

  @Test func syntheticReceiveUsesTransferPages() {
    let trace = Self.trace(Self.synthetic([Self.frames(false, 100)]))
    let packets = (100 + Network.receiveBatch - 1) / Network.receiveBatch
    #expect(trace.totals.ringPackets == 2 * packets)
    let indication = trace.storedEvents.first { $0.message == "VM_PKT_DATA_USING_XFER_PAGES" }
    #expect(indication?.detail("xfer_pageset_id") == .hex(0xCAFE, digits: 4))
    #expect(indication?.detail("range_cnt") == .integer(Network.receiveBatch))
    #expect(trace.totals.intercepts == 0)
  }

  @Test(arguments: [HostVersion.ws2008R2, .ws2012R2, .ws2016, .ws2022])
  func attachNegotiatesNVSPAndSharesBothBuffers(_ host: HostVersion) {
    let run = Self.synthetic([Case.start, Self.frames(true, 3)], host: host, state: .off)
    let simulation = run.simulation()
    let trace = simulation.run(run.steps)
    let inits = trace.storedEvents.filter {
      $0.kind == .ringPacket && $0.operation == "NVSP_MSG_TYPE_INIT"
    }
    let tries = NVSPVersion.guestPreferenceOrder.firstIndex(of: host.nvspVersion)! + 1
    #expect(inits.count == tries)
    #expect(simulation.network.netvsc.version == host.nvspVersion)
    #expect(simulation.network.netvsc.phase == .ready)
    let headers = trace.storedEvents.filter { $0.message == "CHANNELMSG_GPADL_HEADER" }
    let receivePages = (host.nvspVersion <= .v2 ? 15 : 16) * 256
    #expect(headers.contains { $0.label.contains("names \(receivePages) receive buffer pages") })
    #expect(headers.contains { $0.label.contains("names 256 send buffer pages") })
    let offer = trace.storedEvents.first {
      $0.message == "CHANNELMSG_OFFERCHANNEL" && $0.label.contains("Network adapter")
    }
    #expect(offer?.detail("monitor_allocated") == .integer(1))
    #expect(simulation.network.netvsc.framesSent == 3)
  }

  @Test func legacyAdapterIsInitializedAtBootWithFiveCSRWrites() {
    let run = Self.legacy([Case.start], state: .off)
    let trace = Self.trace(run)
    let csr = trace.storedEvents.filter {
      $0.kind == .vmExit && ($0.detail("port")?.text.hasPrefix("0xEC") ?? false)
    }
    #expect(csr.count == 5)
    let install = trace.storedEvents.first { $0.message == "HvCallInstallIntercept" }
    #expect(install?.detail("ports")?.text.hasSuffix("0xEC00-0xEC7F") == true)
  }

  static let compressionCases: [Case] = [
    legacy([frames(true, 100), frames(false, 20)]),
    synthetic([frames(true, 500), frames(false, 300)]),
    synthetic([frames(true, 97, 60)], host: .ws2008R2),
  ]

  @Test(arguments: compressionCases)
  func compressedEqualsExecuted(_ run: Case) {
    let a = run.simulation(),
      b = run.with(seed: run.configuration.seed, compress: false).simulation()
    let compressed = a.run(run.steps), full = b.run(run.steps)
    #expect(compressed.totals == full.totals)
    #expect(a.now == b.now)
    #expect(a.snapshot == b.snapshot)
    #expect(a.network.netvsc == b.network.netvsc && a.network.tulip == b.network.tulip)
  }
}
