import HVHostModel
import HVSimKernel

/// The Synthetic Interrupt Controller of one virtual processor (fact sheet §1.6).
///
/// 16 synthetic interrupt sources (SINTs). SINT0 receives intercept messages, SINT2 VMBus
/// (`HV_SYNIC_INTERCEPTION_SINT_INDEX`, `HV_SYNIC_VMBUS_SINT_INDEX`). The message page has one
/// 256-byte slot per SINT; further messages for a busy slot wait in a per-port queue of
/// `HV_PORT_MESSAGE_BUFFER_COUNT` = 16 and the reader writes EOM to get the next one
/// (`vmbus_signal_eom`). The event-flags page holds 2048 flag bits per SINT; a VMBus channel's
/// flag is its relid.
package struct SynIC: Sendable, Hashable {
  package static let sintCount = 16
  package static let interceptSINT = 0
  package static let vmbusSINT = 2
  /// Messages that may wait behind an occupied slot, per SINT.
  package static let messageQueueLength = 16
  package static let eventFlagsPerSINT = 2048
  /// One SynIC message: 16-byte header + 240-byte payload.
  package static let messageSize = 256
  package static let messagePayloadSize = 240

  /// Whether each SINT is enabled (unmasked) by the partition's SINTx MSR.
  package private(set) var enabled = [Bool](repeating: false, count: sintCount)
  /// Messages waiting per SINT; element 0 occupies the slot.
  package private(set) var pendingMessages = [[UInt32]](repeating: [], count: sintCount)
  /// Event flags per SINT, as 32 words of 64 bits.
  package private(set) var eventFlags = [[UInt64]](
    repeating: [UInt64](repeating: 0, count: eventFlagsPerSINT / 64), count: sintCount)

  package init() {}

  /// Unmasks a SINT (the guest or root writes its SINTx MSR).
  package mutating func enable(_ sint: Int) { enabled[sint] = true }

  /// Queues a message of `type` for `sint`.
  /// - Returns: false when the slot and its queue are full (`HV_STATUS_INSUFFICIENT_BUFFERS`).
  package mutating func post(_ type: UInt32, to sint: Int) -> Bool {
    guard pendingMessages[sint].count < Self.messageQueueLength + 1 else { return false }
    pendingMessages[sint].append(type)
    return true
  }

  /// The reader consumes the message in the slot; the next queued message (if any) moves in, which
  /// in the real protocol needs an EOM write (`msg_pending`).
  /// - Returns: the consumed message type and whether EOM was required.
  package mutating func consume(_ sint: Int) -> (type: UInt32, needsEOM: Bool)? {
    guard !pendingMessages[sint].isEmpty else { return nil }
    let type = pendingMessages[sint].removeFirst()
    return (type, !pendingMessages[sint].isEmpty)
  }

  /// Sets event flag `flag` of `sint`. - Returns: true if the flag was clear (an interrupt fires).
  package mutating func setEvent(_ flag: Int, sint: Int) -> Bool {
    let word = flag / 64, bit = UInt64(1) << UInt64(flag % 64)
    let wasClear = eventFlags[sint][word] & bit == 0
    eventFlags[sint][word] |= bit
    return wasClear
  }

  /// The reader scans and clears event flag `flag` of `sint`.
  package mutating func clearEvent(_ flag: Int, sint: Int) {
    let word = flag / 64, bit = UInt64(1) << UInt64(flag % 64)
    eventFlags[sint][word] &= ~bit
  }

  package func isEventSet(_ flag: Int, sint: Int) -> Bool {
    eventFlags[sint][flag / 64] & (UInt64(1) << UInt64(flag % 64)) != 0
  }
}
