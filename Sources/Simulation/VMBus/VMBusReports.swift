import HVHostModel
import HVSimKernel

/// What VMBus counts, and the rules of its protocol the model can break.
extension Tallies.Key {
  package static let ringPacketsWritten = Self("vmbus.ring-packets-written")
  package static let ringBytesWritten = Self("vmbus.ring-bytes-written")
}

extension Violation.Kind {
  /// A packet written while the channel is not open on both sides.
  package static let packetOnClosedChannel = Self("vmbus.packet-on-closed-channel")
  /// A write that does not fit into the ring (callers must check and wait on `pending_send_sz`).
  package static let ringFull = Self("vmbus.ring-full")
  /// A read from a ring that holds no packet.
  package static let emptyRingRead = Self("vmbus.empty-ring-read")
  /// INITIATE_CONTACT found no version both sides speak.
  package static let noCommonVMBusVersion = Self("vmbus.no-common-version")
  /// A channel operation in a state the channel state machine does not allow.
  package static let channelStateMismatch = Self("vmbus.channel-state")
  /// A ring's indices or free space broke the ring buffer's rules.
  package static let ringInvariant = Self("vmbus.ring-invariant")
}
