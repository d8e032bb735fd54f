import HVHostModel
import HVHypervisor
import HVSimKernel
import HVTrace

/// The VMBus connection between the guest and the root: the version handshake, the offers,
/// the channels with their GPADLs and ring buffers, and the transport that moves control
/// messages (SynIC messages), doorbells (SynIC events) and packets (rings) (fact sheet §0, §2.2,
/// §3).
///
/// Owns the connection's state on both sides; nothing outside this folder can write it.
/// Components that use a channel (storage, the Integration Services) go through the transport
/// flows in ``VMBus+Transport.swift`` and the named ring operations in
/// ``VMBus+RingOperations.swift``.
package final class VMBus {
  package typealias Continuation = Kernel.Continuation
  package typealias Action = Kernel.Action

  let kernel: Kernel
  let costs: CostTable
  let hypervisor: Hypervisor
  /// The highest version the host accepts.
  let hostMaximum: VMBusVersion
  /// Ring placement and device instance ids (its own stream).
  let random: RandomStream
  /// Where the guest allocates ring pages (seeded).
  let gpaBase: UInt64
  /// The guest's operating system: the versions its driver asks for, the words of the trace.
  package let guestOS: GuestOS
  package var words: GuestVocabulary { guestOS.words }

  /// The guest VMBus driver's connection (Linux `struct vmbus_connection`).
  package internal(set) var guest = VMBusGuestState()
  /// The root VMBus driver's view.
  package internal(set) var host = VMBusHostState()
  /// Channels by relid − 1.
  package internal(set) var channels: [VMBusChannel] = []

  package init(
    kernel: Kernel, costs: CostTable, hypervisor: Hypervisor, hostMaximum: VMBusVersion,
    random: RandomStream, gpaBase: UInt64, guestOS: GuestOS = .default
  ) {
    self.guestOS = guestOS
    self.kernel = kernel
    self.costs = costs
    self.hypervisor = hypervisor
    self.hostMaximum = hostMaximum
    self.random = random
    self.gpaBase = gpaBase
  }

  /// The channel with `relid`.
  package func channel(_ relid: UInt32) -> VMBusChannel { channels[Int(relid) - 1] }

  /// The partition is gone: no connection, no channels (a power-off).
  package func reset() {
    guest = VMBusGuestState()
    host = VMBusHostState()
    channels = []
  }

  /// With `state: running` the rings have carried traffic before the trace starts: both start
  /// empty at a seeded, 8-byte aligned position (model assumption), which makes wrap-around appear
  /// in some seeds' traces.
  package func placeRingsAfterEarlierTraffic(defaultRingPages: Int) {
    for index in channels.indices where channels[index].state == .opened {
      for outbound in [true, false] {
        let pages = (channels[index].gpadl?.pageCount ?? 2 * defaultRingPages) / 2
        let size = (pages - 1) * 4096
        let offset = Int(random.next(below: UInt64(size / 8))) * 8
        let ring = RingBuffer(pages: pages, startOffset: offset)
        if outbound { channels[index].outbound = ring } else { channels[index].inbound = ring }
      }
    }
  }
}
