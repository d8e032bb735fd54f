import HVVMBus

/// A vstor packet travels in a VMBus ring.
extension VStorPacket: RingPayload {}

extension PacketPayload {
  /// A storvsc ↔ storvsp packet (`struct vstor_packet`).
  public static func vstor(_ packet: VStorPacket) -> PacketPayload { PacketPayload(packet) }

  /// The vstor packet this payload carries, if it is one.
  public var vstor: VStorPacket? { content as? VStorPacket }
}
