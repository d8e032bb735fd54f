/// What an event is, as a closed set a diagram can style and the counters can be derived from.
///
/// Every kind has a fixed contribution to the counters (``contribution``); an event adds that,
/// its own copied bytes, its duration and one context switch when it crosses user↔kernel. Totals
/// are therefore *derived* from the events and cannot drift from them (contract §3 definitions).
public enum EventKind: String, Sendable, Hashable, CaseIterable {
  /// A call from one component to another (a function call, an ioctl, a system call).
  case call
  /// The return of a call, with its result.
  case `return`
  /// A partition enters the hypervisor through a hypercall (TLFS hypercall interface).
  case hypercall
  /// A trapped guest instruction: the CPU leaves the guest for the hypervisor (a VM exit).
  case vmExit
  /// The hypervisor resumes a virtual processor (VM entry).
  case vmEntry
  /// The hypervisor posts an intercept message (`HVMSG_*`) to the root's SynIC SINT0.
  case interceptMessage
  /// An interrupt delivered to a partition: a SynIC event, an injected virtual IRQ.
  case interrupt
  /// A VMBus control message (`CHANNELMSG_*`) delivered into a SynIC message slot (SINT2).
  case vmbusMessage
  /// A packet written into a VMBus ring buffer (`VM_PKT_*`).
  case ringPacket
  /// A component changes state; nothing crosses a boundary.
  case stateNote
  /// An entry in the host's event log.
  case logNote

  /// The fixed counter contribution of one event of this kind.
  ///
  /// - `vmExits`: entries into the hypervisor from a partition (hypercalls and trapped instructions).
  /// - `interrupts`: interrupts delivered to a partition; a SynIC message or event raises its SINT.
  public var contribution: Counters {
    var counters = Counters()
    switch self {
    case .hypercall:
      counters.vmExits = 1
      counters.hypercalls = 1
    case .vmExit:
      counters.vmExits = 1
      counters.intercepts = 1
    case .interceptMessage, .interrupt:
      counters.interrupts = 1
    case .vmbusMessage:
      counters.vmbusMessages = 1
      counters.interrupts = 1
    case .ringPacket:
      counters.ringPackets = 1
    case .call, .return, .vmEntry, .stateNote, .logNote:
      break
    }
    return counters
  }
}
