import HVTrace
import HVVMBus

/// The bytes of a `vstor_packet` (issue 17 item 1; Linux `drivers/scsi/storvsc_drv.c`, packed):
/// `operation`, `flags`, `status` (u32 each), then a 52-byte union — `vm_srb` (a
/// `vmscsi_request`: 16 bytes of fields, a 20-byte CDB/sense area, the 16-byte
/// `vmscsi_win8_extension`), or `version` — 64 bytes in all; a host before Windows 8 gets the
/// packet without the extension (48 bytes, `vmscsi_size_delta`).
extension VStorPacket {
  package func wireImage(length: Int) -> WireImage {
    var writer = WireWriter()
    writer.group("vstor_packet") { packet in
      packet.u32(
        "operation", operation.rawValue, value: "\(operation.rawValue) (\(operation.identifier))",
        note: "what storvsc asks of storvsp, or COMPLETE_IO in an answer")
      let completion = operation == .completeIO
      packet.u32(
        "flags", completion ? 0 : Self.requestCompletionFlag,
        value: completion ? "0" : "1 (REQUEST_COMPLETION_FLAG)",
        note: "1: the guest wants a completion")
      packet.u32(
        "status", status, value: DetailValue.hexString(UInt64(status), digits: 8),
        note: "storvsp's answer (0: success)")
      if let version {
        packet.u16(
          "version.major_minor", version.wireValue,
          value: "\(DetailValue.hexString(UInt64(version.wireValue), digits: 4)) (\(version))",
          note: "the storage protocol version storvsc asks for (major << 8 | minor)")
        packet.u16("version.revision", 0, note: "revision (unused)")
      } else if let request {
        encode(srb: request, withExtension: length >= Self.size, &packet)
      }
    }
    writer.zeros("unused", length - writer.count, note: "the rest of the union")
    return writer.image
  }

  private func encode(srb request: SCSIRequest, withExtension: Bool, _ writer: inout WireWriter) {
    writer.group("vm_srb") { srb in
      srb.u16(
        "length", UInt16(withExtension ? 52 : 36),
        note: "sizeof(struct vmscsi_request) the two sides agreed on")
      srb.u8("srb_status", 0, note: "set by storvsp in the completion")
      srb.u8("scsi_status", 0, note: "set by storvsp in the completion")
      srb.u8("port_number", 0, note: "the SCSI adapter's port")
      srb.u8("path_id", 0, note: "the SCSI bus")
      srb.u8("target_id", 0, note: "the SCSI target")
      srb.u8("lun", 0, note: "the logical unit")
      srb.u8("cdb_length", 10, note: "bytes of the CDB that count")
      srb.u8("sense_info_length", 20, note: "room for sense data in the answer")
      srb.u8(
        "data_in", request.isWrite ? 0 : 1,
        value: request.isWrite ? "0 (WRITE_TYPE)" : "1 (READ_TYPE)",
        note: "the direction of the data")
      srb.u8("reserved", 0, note: "reserved")
      srb.u32(
        "data_transfer_length", UInt32(request.byteCount),
        note: "bytes to move, in the pages the GPA range names")
      srb.group("cdb") { cdb in
        cdb.u8(
          "opcode", request.cdbOpcode,
          value: "\(DetailValue.hexString(UInt64(request.cdbOpcode), digits: 2)) (\(request.cdbName))",
          note: "the SCSI command")
        cdb.u8("flags", 0, note: "command flags")
        cdb.integer(
          "lba", UInt64(UInt32(request.lba).byteSwapped), size: 4, value: String(request.lba),
          note: "the first block, big-endian as SCSI writes it")
        cdb.u8("group", 0, note: "group number")
        cdb.integer(
          "transfer_length", UInt64(UInt16(request.sectors).byteSwapped), size: 2,
          value: String(request.sectors), note: "blocks to move, big-endian")
        cdb.u8("control", 0, note: "control byte")
        cdb.zeros("unused", 10, note: "the rest of the 20-byte CDB and sense area")
      }
      if withExtension {
        srb.group("win8_extension") { win8 in
          win8.u16("reserve", 0, note: "reserved")
          win8.u8("queue_tag", 0, note: "queue tag")
          win8.u8("queue_action", 0, note: "queue action")
          win8.u32("srb_flags", 0, note: "SRB flags")
          win8.u32("time_out_value", 60, note: "seconds before the request times out")
          win8.u32("queue_sort_ey", 0, note: "queue sort key")
        }
      }
    }
  }
}
