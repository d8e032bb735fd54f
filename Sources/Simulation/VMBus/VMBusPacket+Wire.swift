import HVTrace

/// The bytes a writer copies into a ring for one packet (issue 17 item 1, fact sheet §2.2):
/// `struct vmpacket_descriptor`, the GPA range or transfer-page header where the type has one,
/// the payload, zeros to the next 8 bytes (`len8 * 8`), and the ring's 8-byte trailer
/// (`prev_indices`: the write index before the packet, in the upper half, as
/// `hv_get_ring_bufferindices` returns it).
extension VMBusPacket {
  package func wireImage(previousWriteIndex: Int) -> WireImage {
    var writer = WireWriter()
    writer.group("vmpacket_descriptor") { descriptor in
      descriptor.u16(
        "type", type.rawValue, value: "\(type.rawValue) (\(type.identifier))",
        note: "the packet's type")
      descriptor.u16(
        "offset8", UInt16(headerLength / 8),
        note: "where the payload starts, in 8-byte units")
      descriptor.u16("len8", UInt16(alignedLength / 8), note: "the packet's length, in 8-byte units")
      descriptor.u16(
        "flags", flags,
        value: flags & Self.completionRequested != 0 ? "1 (COMPLETION_REQUESTED)" : String(flags),
        note: "1: the sender wants a VM_PKT_COMP back")
      descriptor.u64(
        "trans_id", transactionID, note: "the request's id; its completion carries the same")
    }
    switch type {
    case .dataUsingGPADirect:
      writer.group("vmbus_packet_mpb_array") { array in
        array.zeros("reserved", 4, note: "reserved")
        array.u32("rangecount", 1, note: "how many page ranges follow")
        array.group("range") { range in
          range.u32(
            "len", UInt32(rangeByteCount), note: "bytes of data the pages hold")
          range.u32("offset", 0, note: "where the data starts in the first page")
          range.zeros(
            "pfn_array", 8 * pfnCount,
            note: "the guest's page frame numbers (the model does not place the buffer)")
        }
      }
    case .dataUsingTransferPages:
      writer.group("vmtransfer_page_packet_header") { header in
        header.u16(
          "xfer_pageset_id", transferPageSet,
          value: DetailValue.hexString(UInt64(transferPageSet), digits: 4),
          note: "which transfer page set: the receive buffer's id")
        header.u8("sender_owns_set", 0, note: "0: the host owns the set")
        header.u8("reserved", 0, note: "reserved")
        header.u32("range_cnt", UInt32(pfnCount), note: "how many ranges follow")
        for index in 0..<pfnCount {
          header.group("ranges[\(index)]") { range in
            range.u32(
              "byte_count", UInt32(rangeByteCount), note: "bytes of this frame with its RNDIS header")
            range.u32(
              "byte_offset", UInt32(index * rangeStride),
              note: "where it is in the receive buffer (model assumption: slots from the first)")
          }
        }
      }
    default:
      break
    }
    if let content = payload.content {
      writer.append(content.wireImage(length: payloadLength))
    } else {
      writer.zeros("payload", payloadLength, note: "the payload (its fields are not decoded yet)")
    }
    writer.pad(to: 8, note: "zeros to the next multiple of 8 bytes (len8)")
    writer.u64(
      "prev_indices", UInt64(previousWriteIndex) << 32,
      value: "write_index \(previousWriteIndex) << 32",
      note: "the ring's trailer: the write index before this packet")
    return writer.image
  }
}
