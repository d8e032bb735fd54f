import HVHostModel
import HVSimKernel
import HVVMBus

/// `struct heartbeat_msg_data {u64 seq_num; u32 reserved[8]}` (fact sheet §4.4): the host sends a
/// sequence number, the guest adds 1 and echoes the packet (Linux `heartbeat_onchannelcallback`).
package struct HeartbeatMessage: Sendable, Hashable {
  /// `seq_num`.
  package var sequenceNumber: UInt64

  package init(sequenceNumber: UInt64) { self.sequenceNumber = sequenceNumber }

  /// 8 + 32 bytes.
  package static let size = 40
}

/// The host's heartbeat settings (`Msvm_HeartbeatComponentSettingData`, fact sheet §4.4).
package enum HeartbeatModel {
  /// `Interval = 2000` ms between pings.
  package static let intervalNanoseconds = 2_000_000_000
  /// `Latency = 1000` ms: an answer later than this counts as dropped.
  package static let latencyNanoseconds = 1_000_000_000
  /// `ErrorThreshold = 2`. Its semantics are UNCONFIRMED (the documentation text is a copy-paste
  /// error); model: two pings in a row without an answer within the latency ⇒ Lost Communication.
  package static let errorThreshold = 2
}

/// The host's view of the heartbeat (`Msvm_HeartbeatComponent.OperationalStatus[0]`, fact sheet
/// §4.4): No Contact until the first answer, OK while answers come, Lost Communication after
/// ``HeartbeatModel/errorThreshold`` misses.
package enum HeartbeatStatus: String, Sendable, Hashable {
  case noContact = "No Contact"
  case ok = "OK"
  case lostCommunication = "Lost Communication"
}
