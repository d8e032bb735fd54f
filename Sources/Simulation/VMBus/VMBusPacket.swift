import HVHostModel
import HVSimKernel
import HVTrace

/// Packet types on a VMBus ring (`enum vmbus_packet_type`), fact sheet §2.2 [L-HV].
package enum VMBusPacketType: UInt16, Sendable, CaseIterable {
  case invalid = 0x0
  case synch = 0x1
  case addTransferPageSet = 0x2
  case removeTransferPageSet = 0x3
  case establishGPADL = 0x4
  case teardownGPADL = 0x5
  case dataInband = 0x6
  case dataUsingTransferPages = 0x7
  case dataUsingGPADL = 0x8
  case dataUsingGPADirect = 0x9
  case cancelRequest = 0xA
  case completion = 0xB
  case dataUsingAdditionalPacket = 0xC
  case additionalData = 0xD

  package var identifier: String {
    switch self {
    case .invalid: return "VM_PKT_INVALID"
    case .synch: return "VM_PKT_SYNCH"
    case .addTransferPageSet: return "VM_PKT_ADD_XFER_PAGESET"
    case .removeTransferPageSet: return "VM_PKT_RM_XFER_PAGESET"
    case .establishGPADL: return "VM_PKT_ESTABLISH_GPADL"
    case .teardownGPADL: return "VM_PKT_TEARDOWN_GPADL"
    case .dataInband: return "VM_PKT_DATA_INBAND"
    case .dataUsingTransferPages: return "VM_PKT_DATA_USING_XFER_PAGES"
    case .dataUsingGPADL: return "VM_PKT_DATA_USING_GPADL"
    case .dataUsingGPADirect: return "VM_PKT_DATA_USING_GPA_DIRECT"
    case .cancelRequest: return "VM_PKT_CANCEL_REQUEST"
    case .completion: return "VM_PKT_COMP"
    case .dataUsingAdditionalPacket: return "VM_PKT_DATA_USING_ADDITIONAL_PKT"
    case .additionalData: return "VM_PKT_ADDITIONAL_DATA"
    }
  }
}

/// One packet on a ring: a `vmpacket_descriptor` {type, offset8, len8, flags, trans_id}, optional
/// GPA ranges, then the payload, padded to 8 bytes; the ring adds an 8-byte trailer (fact sheet §2.2).
package struct VMBusPacket: Sendable, Hashable {
  /// `VMBUS_DATA_PACKET_FLAG_COMPLETION_REQUESTED`.
  package static let completionRequested: UInt16 = 1
  /// sizeof(struct vmpacket_descriptor).
  package static let descriptorSize = 16

  package var type: VMBusPacketType
  package var flags: UInt16
  package var transactionID: UInt64
  /// Guest page frames the packet describes (GPA direct); the data itself is not in the ring.
  package var pfnCount: Int
  /// Bytes of payload after the descriptor (a `vstor_packet`, an IC message).
  package var payloadLength: Int
  /// What the payload means to the model.
  package var payload: PacketPayload
  /// GPA direct: the bytes of data the page range describes (`vmbus_mpb_array.len`). Transfer
  /// pages: the bytes of each range (`vmtransfer_page_range.byte_count`).
  package var rangeByteCount: Int
  /// Transfer pages: the page set the ranges are in (`xfer_pageset_id`) and the distance between
  /// the ranges' offsets (one receive slot each).
  package var transferPageSet: UInt16
  package var rangeStride: Int

  package init(
    type: VMBusPacketType, flags: UInt16, transactionID: UInt64, pfnCount: Int = 0,
    rangeByteCount: Int = 0, transferPageSet: UInt16 = 0, rangeStride: Int = 0,
    payloadLength: Int, payload: PacketPayload
  ) {
    self.rangeByteCount = rangeByteCount
    self.transferPageSet = transferPageSet
    self.rangeStride = rangeStride
    self.type = type
    self.flags = flags
    self.transactionID = transactionID
    self.pfnCount = pfnCount
    self.payloadLength = payloadLength
    self.payload = payload
  }

  /// Header bytes before the payload: the descriptor, plus for GPA direct the range count and one
  /// `gpa_range {byte_count, byte_offset, pfn[]}` (Linux `vmbus_sendpacket_mpb_desc`).
  package var headerLength: Int {
    switch type {
    case .dataUsingGPADirect: return Self.descriptorSize + 8 + 8 + 8 * pfnCount
    // `vmtransfer_page_packet_header`: xfer_pageset_id, sender_owns_set, reserved, range_cnt,
    // then one `vmtransfer_page_range {byte_count, byte_offset}` per range (`pfnCount` here).
    case .dataUsingTransferPages: return Self.descriptorSize + 8 + 8 * pfnCount
    default: return Self.descriptorSize
    }
  }

  /// `len8 * 8`: header plus payload, rounded up to 8 bytes.
  package var alignedLength: Int { (headerLength + payloadLength + 7) / 8 * 8 }

  /// Bytes the packet occupies in the ring, trailer included (`totalbytes_towrite`).
  package var ringBytes: Int { alignedLength + RingBuffer.trailerSize }

  package var wantsCompletion: Bool { flags & Self.completionRequested != 0 }
}

/// What a packet carries, as the layer above VMBus understands it (a vstor packet, an IC
/// message). VMBus moves payloads without knowing their types, so the storage and Integration
/// Services components declare their own conformances.
package protocol RingPayload: Sendable {
  func isEqual(to other: any RingPayload) -> Bool
  func hash(into hasher: inout Hasher)
  /// The payload's `length` bytes as they sit in the packet, field by field.
  func wireImage(length: Int) -> WireImage
}

extension RingPayload {
  /// A payload whose layout the model does not spell out yet: its bytes as zeros.
  package func wireImage(length: Int) -> WireImage {
    var writer = WireWriter()
    writer.zeros("payload", length, note: "the payload (its fields are not decoded yet)")
    return writer.image
  }
}

extension RingPayload where Self: Hashable {
  package func isEqual(to other: any RingPayload) -> Bool { (other as? Self) == self }
}

/// The meaning of a packet's payload for the model: a payload of the layer above, or nothing the
/// model looks at (`opaque`).
package struct PacketPayload: Sendable, Hashable {
  package let content: (any RingPayload)?

  package init(_ content: (any RingPayload)?) { self.content = content }

  /// Bytes the model does not interpret.
  package static let opaque = PacketPayload(nil)

  package static func == (lhs: PacketPayload, rhs: PacketPayload) -> Bool {
    switch (lhs.content, rhs.content) {
    case (nil, nil): return true
    case (let left?, let right?): return left.isEqual(to: right)
    default: return false
    }
  }

  package func hash(into hasher: inout Hasher) { content?.hash(into: &hasher) }
}
