import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace
import HVVMBus

/// The VM's disk and the two ways to reach it: the emulated IDE controller in vmwp.exe (every
/// port access trapped, fact sheet §2.1) and storvsc → VMBus → storvsp (fact sheet §2.2), both
/// ending in the root storage stack and the physical disk.
///
/// Owns the controllers' and drivers' state; nothing outside this folder can write it.
package final class Storage {
  package typealias Continuation = Kernel.Continuation
  package typealias Action = Kernel.Action

  let kernel: Kernel
  let costs: CostTable
  let hypervisor: Hypervisor
  let vmbus: VMBus
  /// True when the guest's disk I/O goes through the emulated IDE controller.
  let usesEmulatedDisk: Bool
  /// The highest vstor protocol the host accepts.
  let hostProtocol: StorageProtocolVersion
  /// How the guest's driver moves data through the emulated IDE controller.
  let transfer: IDETransferMode
  /// How a PIO string instruction traps (the firmware always uses PIO).
  var stringIO: StringIOTrapping { transfer.stringIO }
  /// The guest's words for its side of the paths (its VMBus driver's operating system).
  var words: GuestVocabulary { vmbus.words }
  /// The disk's latency draws (its own stream).
  private let random: RandomStream

  /// The emulated IDE controller's registers and sector buffer.
  package internal(set) var ide = EmulatedIDEController()
  /// Its Bus Master IDE registers (DMA).
  package internal(set) var busMaster = BusMasterIDE()
  /// The guest's storage VSC.
  package internal(set) var storvsc = StorVSCState()
  /// The root's storage VSP.
  package internal(set) var storvsp = StorVSPState()
  /// The storage channel was rescinded (`rescind-channel` of the disk).
  package internal(set) var rescinded = false
  /// Where the guest's next disk I/O starts (1 MiB into the disk, a typical first partition).
  package internal(set) var nextGuestLBA = 2048
  /// Base latency of the disk for the current step (seeded, see ``CostTable/diskLatencyJitterPercent``).
  var diskBaseLatency: Int

  package init(
    kernel: Kernel, costs: CostTable, hypervisor: Hypervisor, vmbus: VMBus,
    usesEmulatedDisk: Bool, hostProtocol: StorageProtocolVersion, transfer: IDETransferMode,
    seed: UInt64
  ) {
    self.kernel = kernel
    self.costs = costs
    self.hypervisor = hypervisor
    self.vmbus = vmbus
    self.usesEmulatedDisk = usesEmulatedDisk
    self.hostProtocol = hostProtocol
    self.transfer = transfer
    random = RandomStream(component: "disk", seed: seed)
    diskBaseLatency = costs.diskLatency
  }

  /// The I/O ports the emulated IDE controller claims: the task file and control port, and with
  /// bus-master DMA the Bus Master IDE registers too (with the intercept's label and port list).
  package var emulatedControllerIntercepts:
    (ranges: [ClosedRange<UInt16>], label: Phrase, ports: String)
  {
    guard transfer == .dma else {
      return (
        ATAPort.interceptedRanges, "intercept I/O ports 0x1F0–0x1F7 and 0x3F6 (emulated IDE)",
        "0x1F0-0x1F7,0x3F6"
      )
    }
    return (
      ATAPort.interceptedRanges + [BusMasterIDE.interceptedRange],
      "intercept I/O ports 0x1F0–0x1F7, 0x3F6 and 0xC000–0xC00F (emulated IDE with bus master)",
      "0x1F0-0x1F7,0x3F6,0xC000-0xC00F"
    )
  }

  /// A new step: the disk's latency for it (seeded jitter around ``CostTable/diskLatency``).
  package func drawDiskLatency() {
    let jitter = costs.diskLatencyJitterPercent
    let percent = 100 + random.next(in: -jitter...jitter)
    diskBaseLatency = costs.diskLatency * percent / 100
  }

  /// The partition is gone: controllers and drivers start over; the disk's contents (and where
  /// the guest writes next) remain.
  package func reset() {
    ide = EmulatedIDEController()
    busMaster = BusMasterIDE()
    storvsc = StorVSCState()
    storvsp = StorVSPState()
    rescinded = false
  }

  /// Problems in the storage state: storvsc's queue depth, the ATA register protocol.
  package func invariantViolations() -> [Violation] {
    var problems: [Violation] = []
    if storvsc.pending.count > StorVSCModel.queueDepth {
      problems.append(
        Violation(.queueOverflow, "storvsc has \(storvsc.pending.count) requests outstanding"))
    }
    problems += (ide.protocolErrors + busMaster.protocolErrors).map { Violation(.ataProtocol, $0) }
    return problems
  }
}
