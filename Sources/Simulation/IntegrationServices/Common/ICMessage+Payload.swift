import HVVMBus

/// An Integration Service message travels in a VMBus ring (28-byte header + service data,
/// sent `VM_PKT_DATA_INBAND`).
extension ICMessage: RingPayload {}

extension PacketPayload {
  package static func ic(_ message: ICMessage) -> PacketPayload { PacketPayload(message) }

  /// The IC message this payload carries, if it is one.
  package var ic: ICMessage? { content as? ICMessage }
}
