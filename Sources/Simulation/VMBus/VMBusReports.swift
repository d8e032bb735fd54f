import HVHostModel
import HVSimKernel
import HVSimKernel

/// What VMBus counts, and the rules of its protocol the model can break.
extension Tallies.Key {
  public static let ringPacketsWritten = Self("vmbus.ring-packets-written")
  public static let ringBytesWritten = Self("vmbus.ring-bytes-written")
}

extension Violation.Kind {
  /// A packet written while the channel is not open on both sides.
  public static let packetOnClosedChannel = Self("vmbus.packet-on-closed-channel")
  /// A write that does not fit into the ring (callers must check and wait on `pending_send_sz`).
  public static let ringFull = Self("vmbus.ring-full")
  /// A read from a ring that holds no packet.
  public static let emptyRingRead = Self("vmbus.empty-ring-read")
  /// INITIATE_CONTACT found no version both sides speak.
  public static let noCommonVMBusVersion = Self("vmbus.no-common-version")
  /// A channel operation in a state the channel state machine does not allow.
  public static let channelStateMismatch = Self("vmbus.channel-state")
  /// A ring's indices or free space broke the ring buffer's rules.
  public static let ringInvariant = Self("vmbus.ring-invariant")
}
