import HVVMBus

/// A vstor packet travels in a VMBus ring.
extension VStorPacket: RingPayload {}

extension PacketPayload {
  /// A storvsc ↔ storvsp packet (`struct vstor_packet`).
  package static func vstor(_ packet: VStorPacket) -> PacketPayload { PacketPayload(packet) }

  /// The vstor packet this payload carries, if it is one.
  package var vstor: VStorPacket? { content as? VStorPacket }
}
