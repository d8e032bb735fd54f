import HVTrace
import HVVMBus

/// The bytes of an IC message as it sits in a ring packet (issue 17 item 1): `vmbuspipe_hdr`,
/// `icmsg_hdr` (fact sheet §4.2) and the service's struct (§4.3–§4.9), little-endian and packed,
/// named as in Linux `include/linux/hyperv.h` and `include/uapi/linux/hyperv.h`.
extension ICMessage {
  package func wireImage(length: Int) -> WireImage {
    var writer = WireWriter()
    writer.group("vmbuspipe_hdr") { pipe in
      // Model values: guests ignore the pipe header (Linux and FreeBSD never read it).
      pipe.u32("flags", 0, note: "not read by the guest; the model sends 0")
      pipe.u32(
        "msgsize", UInt32(ICMessageHeader.icHeaderSize + header.messageSize),
        note: "bytes after this header: icmsg_hdr and the service data")
    }
    writer.group("icmsg_hdr") { ic in
      encode(version: header.frameworkVersion, "icverframe", note: "framework version", &ic)
      ic.u16(
        "icmsgtype", header.messageType.rawValue,
        value: "\(header.messageType.rawValue) (\(header.messageType.identifier))",
        note: "which service's message this is")
      encode(version: header.messageVersion, "icvermsg", note: "the service's message version", &ic)
      ic.u16(
        "icmsgsize", UInt16(header.messageSize), note: "bytes of service data after the header")
      ic.u32(
        "status", header.status.rawValue, value: header.status.text,
        note: "the guest's answer (HRESULT); 0 in a request")
      ic.u8(
        "ictransaction_id", header.transactionID,
        note: "the low byte of the request's id; the answer keeps it")
      ic.u8(
        "icflags", header.flags.rawValue,
        value: "\(header.flags.rawValue) (\(header.flags))",
        note: "TRANSACTION|REQUEST from the host, TRANSACTION|RESPONSE from the guest")
      ic.zeros("reserved", 2, note: "reserved")
    }
    encodePayload(&writer)
    writer.zeros(
      "unused", length - writer.count,
      note: "the rest of the buffer (the guest answers in the buffer it received)")
    return writer.image
  }

  private func encode(
    version: ICVersion, _ name: String, note: Phrase, _ writer: inout WireWriter
  ) {
    writer.group(name) { field in
      field.u16("major", version.major, note: note)
      field.u16("minor", version.minor, note: note)
    }
  }

  private func encodePayload(_ writer: inout WireWriter) {
    switch payload {
    case .negotiate(let data):
      writer.group("icmsg_negotiate") { negotiate in
        negotiate.u16(
          "icframe_vercnt", UInt16(data.frameworkVersions.count),
          note: "how many framework versions follow")
        negotiate.u16(
          "icmsg_vercnt", UInt16(data.messageVersions.count),
          note: "how many service versions follow them")
        negotiate.zeros("reserved", 4, note: "reserved")
        for (index, version) in (data.frameworkVersions + data.messageVersions).enumerated() {
          let isFramework = index < data.frameworkVersions.count
          encode(
            version: version, "icversion_data[\(index)]",
            note: isFramework ? "a framework version" : "a service version", &negotiate)
        }
      }
    case .heartbeat(let message):
      writer.group("heartbeat_msg_data") { heartbeat in
        heartbeat.u64(
          "seq_num", message.sequenceNumber,
          note: "the host's sequence number; the guest answers with it plus one")
        heartbeat.zeros("reserved", 32, note: "reserved (u32[8])")
      }
    case .shutdown(let message):
      writer.group("shutdown_msg_data") { shutdown in
        shutdown.u32("reason_code", message.reasonCode, note: "why the host asks")
        shutdown.u32(
          "timeout_seconds", message.timeoutSeconds, note: "how long the guest may take")
        shutdown.u32(
          "flags", message.flags, value: "\(message.flags)",
          note: "0 shut down, 2 reboot, 4 hibernate; +1 to force")
        shutdown.zeros("display_message", 2048, note: "a text to show in the guest (empty)")
      }
    case .timeSync(let message):
      let structName = message.usesReferenceTime ? "ictimesync_ref_data" : "ictimesync_data"
      writer.group(structName) { time in
        time.u64(
          "parenttime", message.parentTime,
          note: "the host's time, 100 ns units since 1601-01-01 (FILETIME)")
        if message.usesReferenceTime {
          time.u64(
            "vmreferencetime", message.vmReferenceTime,
            note: "the VM's reference counter when the sample was taken")
        } else {
          time.u64("childtime", 0, note: "not used by current guests")
          time.u64("roundtriptime", 0, note: "not used by current guests")
        }
        time.u8(
          "flags", message.flag.rawValue,
          value: "\(message.flag.rawValue) (\(message.flag.identifier))",
          note: "SYNC: set the clock; SAMPLE: a periodic hint")
        if message.usesReferenceTime {
          time.u8("leapflags", 0, note: "leap-second flags")
          time.u8("stratum", 0, note: "the host clock's stratum")
          time.zeros("reserved", 3, note: "reserved")
        }
      }
    case .kvp(let message):
      encode(kvp: message, &writer)
    case .vss(let message):
      writer.group("hv_vss_msg") { vss in
        vss.u8(
          "vss_hdr.operation", message.operation.rawValue,
          value: "\(message.operation.rawValue) (\(message.operation.identifier))",
          note: "the backup step the host asks for")
        vss.zeros("vss_hdr.reserved", 7, note: "reserved")
        vss.u32(
          "vss_cf.flags", message.flags, value: DetailValue.hexString(UInt64(message.flags), digits: 8),
          note: "the guest's answer to HOT_BACKUP (0x5: VSS_HBU_NO_AUTO_RECOVERY)")
      }
    case .fcopy(let message):
      encode(fcopy: message, &writer)
    }
  }

  private func encode(kvp message: KVPMessage, _ writer: inout WireWriter) {
    writer.group("hv_kvp_msg") { kvp in
      kvp.u8(
        "kvp_hdr.operation", message.operation.rawValue,
        value: "\(message.operation.rawValue) (\(message.operation.identifier))",
        note: "GET, SET, DELETE or ENUMERATE")
      kvp.u8(
        "kvp_hdr.pool", message.pool.rawValue,
        value: "\(message.pool.rawValue) (\(message.pool.identifier))", note: "which pool")
      kvp.zeros("kvp_hdr.pad", 2, note: "padding")
      let keyBytes = KVPModel.wireBytes(message.key)
      if message.operation == .delete {
        kvp.u32(
          "kvp_delete.key_size", UInt32(message.key.isEmpty ? 0 : keyBytes),
          note: "bytes of the key, UTF-16 with its NUL")
        kvp.utf16(
          "kvp_delete.key", message.key, capacity: KVPModel.maximumKeyBytes,
          note: "the key, UTF-16 (512 bytes at most)")
        return
      }
      let member: String
      switch message.operation {
      case .enumerate:
        member = "kvp_enum_data"
        kvp.u32(
          "kvp_enum_data.index", UInt32(message.index), note: "which item the host asks for")
      case .set: member = "kvp_set"
      default: member = "kvp_get"
      }
      let valueBytes = KVPModel.wireBytes(message.value)
      kvp.group("\(member).data") { data in
        data.u32(
          "value_type", UInt32(KVPModel.regSZ), value: "\(KVPModel.regSZ) (REG_SZ)",
          note: "a string")
        data.u32(
          "key_size", UInt32(message.key.isEmpty ? 0 : keyBytes),
          note: "bytes of the key, UTF-16 with its NUL")
        data.u32(
          "value_size", UInt32(message.value.isEmpty ? 0 : valueBytes),
          note: "bytes of the value, UTF-16 with its NUL")
        data.utf16(
          "key", message.key, capacity: KVPModel.maximumKeyBytes,
          note: "the key, UTF-16 (512 bytes at most)")
        data.utf16(
          "value", message.value, capacity: KVPModel.maximumValueBytes,
          note: "the value, UTF-16 (2048 bytes at most)")
      }
    }
  }

  private func encode(fcopy message: FileCopyMessage, _ writer: inout WireWriter) {
    let structName: String
    switch message.operation {
    case .startFileCopy: structName = "hv_start_fcopy"
    case .writeToFile: structName = "hv_do_fcopy"
    default: structName = "hv_fcopy_hdr"
    }
    writer.group(structName) { fcopy in
      let header = { (header: inout WireWriter) in
        header.u32(
          "operation", message.operation.rawValue,
          value: "\(message.operation.rawValue) (\(message.operation.identifier))",
          note: "the file-copy step")
        header.zeros("service_id0", 16, note: "a GUID the guest does not use")
        header.zeros("service_id1", 16, note: "a GUID the guest does not use")
      }
      if structName == "hv_fcopy_hdr" {
        header(&fcopy)
        return
      }
      fcopy.group("hdr", header)
      switch message.operation {
      case .startFileCopy:
        let capacity = 2 * FileCopyModel.maximumPath
        fcopy.utf16(
          "file_name", message.fileName, capacity: capacity,
          note: "the file's name, UTF-16 (W_MAX_PATH = 260 characters)")
        fcopy.utf16(
          "path_name", message.pathName, capacity: capacity,
          note: "the destination folder, UTF-16")
        fcopy.u32(
          "copy_flags", message.flags.rawValue,
          value: "\(DetailValue.hexString(UInt64(message.flags.rawValue), digits: 1)) (\(message.flags))",
          note: "OVER_WRITE 0x1, CREATE_PATH 0x2")
        fcopy.u64("file_size", message.fileSize, note: "the whole file's size in bytes")
      default:
        fcopy.zeros("pad", 4, note: "padding")
        fcopy.u64("offset", message.offset, note: "where this fragment goes in the file")
        fcopy.u32("size", UInt32(message.fragmentSize), note: "bytes of data in this fragment")
        fcopy.zeros(
          "data", FileCopyModel.fragmentSize,
          note: "the file's bytes (6 × 1024 at most; the model does not carry the content)")
      }
    }
  }
}
