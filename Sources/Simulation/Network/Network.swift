import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace
import HVVMBus

/// The VM's network adapter and the two ways frames travel (issue 14): the Legacy Network Adapter,
/// a DEC 21140 emulated in vmwp.exe where every register access traps, and the synthetic Network
/// Adapter, netvsc → VMBus → the NetVSP of the root's virtual switch (`vmswitch.sys`). Both end in
/// the virtual switch and the physical adapter.
///
/// Owns the adapters' and drivers' state; nothing outside this folder can write it. Facts and
/// their sources: `docs/SIMULATION.md`, "Network".
package final class Network {
  package typealias Continuation = Kernel.Continuation
  package typealias Action = Kernel.Action

  let kernel: Kernel
  let costs: CostTable
  let hypervisor: Hypervisor
  let vmbus: VMBus
  package let adapter: NetworkAdapter
  /// The newest NVSP version the host's virtual switch speaks.
  let hostNVSP: NVSPVersion

  package internal(set) var netvsc = NetVSCState()
  package internal(set) var tulip = TulipState()
  /// The switch's `requestid` for the packets it starts (receive indications).
  package internal(set) var nextSwitchTransactionID: UInt64 = 1
  /// Requests the switch read and has yet to complete, oldest first.
  var toComplete: [UInt64] = []

  /// The guest's words for its side of the paths (its VMBus driver's operating system).
  var words: GuestVocabulary { vmbus.words }

  package init(
    kernel: Kernel, costs: CostTable, hypervisor: Hypervisor, vmbus: VMBus,
    adapter: NetworkAdapter, hostVersion: HostVersion
  ) {
    self.kernel = kernel
    self.costs = costs
    self.hypervisor = hypervisor
    self.vmbus = vmbus
    self.adapter = adapter
    hostNVSP = hostVersion.nvspVersion
  }

  /// The device class the host offers on VMBus for this adapter, if any.
  package var offeredDevice: VMBusDeviceClass? { adapter == .synthetic ? .network : nil }

  /// The I/O ports the emulated adapter claims (legacy only).
  package var emulatedAdapterPorts: [ClosedRange<UInt16>] {
    adapter == .legacy ? [Tulip.interceptedRange] : []
  }

  /// `send-packets`: the guest's network stack hands `count` frames of `bytes` to its driver.
  package func send(count: Int, bytes: Int, then next: @escaping Continuation) {
    switch adapter {
    case .synthetic: syntheticSend(count: count, bytes: bytes, then: next)
    case .legacy: legacySend(count: count, bytes: bytes, then: next)
    case .none: notReady("send", then: next)
    }
  }

  /// `receive-packets`: `count` frames of `bytes` arrive for the VM at the physical adapter.
  package func receive(count: Int, bytes: Int, then next: @escaping Continuation) {
    switch adapter {
    case .synthetic: syntheticReceive(count: count, bytes: bytes, then: next)
    case .legacy: legacyReceive(count: count, bytes: bytes, then: next)
    case .none: notReady("receive", then: next)
    }
  }

  func notReady(_ what: String, then next: @escaping Continuation) {
    kernel.report(.networkNotReady, "\(what) of frames without a ready network adapter")
    next()
  }

  /// The physical adapter puts `count` frames of `bytes` on the wire (or takes them off it):
  /// wire time at ``CostTable/nicBitsPerNanosecond``.
  func wire(_ count: Int, bytes: Int, sending: Bool, then next: @escaping Continuation) {
    let nanoseconds = count * bytes * 8 / max(costs.nicBitsPerNanosecond, 1)
    kernel.emit(
      sending ? .call : .return, sending ? .vmswitch : .nic, sending ? .nic : .vmswitch,
      sending
        ? "\(count) frame(s) of \(bytes) bytes out through the physical adapter"
        : "\(count) frame(s) of \(bytes) bytes for the VM's MAC address arrive",
      details: [.int("frames", count), .int("bytes", count * bytes)],
      cost: nanoseconds + costs.componentWork, then: next)
  }
}

extension Network {
  /// The partition is gone: the adapter and its driver start over.
  package func reset() {
    netvsc = NetVSCState()
    tulip = TulipState()
    toComplete = []
  }
}
