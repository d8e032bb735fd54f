import HVTrace
import HVVMBus

/// The bytes of an `nvsp_message` (issue 17 item 1; Linux `drivers/net/hyperv/hyperv_net.h`,
/// packed): `hdr.msg_type`, then the message's own struct, then zeros up to
/// `sizeof(struct nvsp_message)` (28 bytes before NVSP 6, 40 from it), which is what netvsc puts
/// in the ring whatever the message. A receive completion is only the header and `status`.
extension NVSPMessage {
  /// `NVSP_STAT_SUCCESS` and `NVSP_STAT_FAIL`.
  static let success: UInt32 = 1
  static let failure: UInt32 = 2
  /// `NETVSC_INVALID_INDEX`: an RNDIS message that is not in a send-buffer section.
  static let noSection: UInt32 = 0xFFFF_FFFF

  package func wireImage(length: Int) -> WireImage {
    var writer = WireWriter()
    writer.group("nvsp_message") { message in
      message.u32(
        "hdr.msg_type", type.rawValue, value: "\(type.rawValue) (\(type.identifier))",
        note: "the NVSP message this is")
      encode(&message)
    }
    writer.zeros("unused", max(0, length - writer.count), note: "the rest of struct nvsp_message")
    return writer.image
  }

  private func encode(_ writer: inout WireWriter) {
    switch body {
    case .initialize(let version):
      let value = "\(DetailValue.hexString(UInt64(version.rawValue), digits: 8)) (\(version.identifier))"
      writer.u32(
        "init.min_protocol_ver", version.rawValue, value: value,
        note: "the oldest version netvsc accepts: the one it asks for")
      writer.u32(
        "init.max_protocol_ver", version.rawValue, value: value,
        note: "the newest version netvsc asks for (one try per version, newest first)")
    case .initializeComplete(let version, let accepted):
      writer.u32(
        "init_complete.negotiated_protocol_ver", accepted ? version.rawValue : 0,
        value: accepted
          ? "\(DetailValue.hexString(UInt64(version.rawValue), digits: 8)) (\(version.identifier))"
          : "0",
        note: "the version both sides now speak")
      writer.u32(
        "init_complete.max_mdl_chain_len", 0,
        note: "model assumption: the value a Windows host sets is not public (netvsc ignores it)")
      writer.u32(
        "init_complete.status", accepted ? Self.success : Self.failure,
        value: accepted ? "1 (NVSP_STAT_SUCCESS)" : "2 (NVSP_STAT_FAIL)",
        note: "whether the switch speaks the version asked for")
    case .ndisConfig(let mtu, let version):
      writer.u32("send_ndis_config.mtu", UInt32(mtu), note: "the MTU plus the Ethernet header")
      writer.u32("send_ndis_config.reserved", 0, note: "reserved")
      let capability = Self.capability(for: version)
      writer.u64(
        "send_ndis_config.capability", capability,
        value: DetailValue.hexString(capability, digits: 16) + " (" + Self.capabilityNames(capability) + ")",
        note: "the features netvsc asks for (bit 3 ieee8021q; from NVSP 5 sriov and teaming; from 6.1 rsc)")
    case .ndisVersion(let major, let minor):
      writer.u32("send_ndis_ver.ndis_major_ver", UInt32(major), note: "NDIS major version")
      writer.u32("send_ndis_ver.ndis_minor_ver", UInt32(minor), note: "NDIS minor version")
    case .receiveBuffer(let gpadl):
      writer.u32(
        "send_recv_buf.gpadl_handle", gpadl, value: DetailValue.hexString(UInt64(gpadl), digits: 5),
        note: "the GPADL that shares the receive buffer's pages")
      writer.u16(
        "send_recv_buf.id", UInt16(NetVSCBuffers.receiveBufferID),
        value: DetailValue.hexString(UInt64(NetVSCBuffers.receiveBufferID), digits: 4),
        note: "NETVSC_RECEIVE_BUFFER_ID, also the transfer page set of every receive")
    case .receiveBufferComplete(let size, let count):
      writer.u32("send_recv_buf_complete.status", Self.success, value: "1 (NVSP_STAT_SUCCESS)", note: "the switch took the buffer")
      writer.u32("send_recv_buf_complete.num_sections", 1, note: "sections the switch cut the buffer into")
      writer.group("sections[0]") { section in
        section.u32("offset", 0, note: "where the section starts in the buffer")
        section.u32("sub_alloc_size", UInt32(size), note: "bytes of one receive slot")
        section.u32("num_sub_allocs", UInt32(count), note: "receive slots in the section")
        section.u32("end_offset", UInt32(size * count), note: "where the section ends")
      }
    case .sendBuffer(let gpadl):
      writer.u32(
        "send_send_buf.gpadl_handle", gpadl, value: DetailValue.hexString(UInt64(gpadl), digits: 5),
        note: "the GPADL that shares the send buffer's pages")
      writer.u16("send_send_buf.id", UInt16(NetVSCBuffers.sendBufferID), note: "NETVSC_SEND_BUFFER_ID")
    case .sendBufferComplete(let size):
      writer.u32("send_send_buf_complete.status", Self.success, value: "1 (NVSP_STAT_SUCCESS)", note: "the switch took the buffer")
      writer.u32("send_send_buf_complete.section_size", UInt32(size), note: "bytes of one send section")
    case .rndisControl:
      rndisPacket(&writer, channel: 1, section: Self.noSection, size: 0)
    case .rndisData(let section, let bytes):
      rndisPacket(&writer, channel: 0, section: UInt32(section), size: UInt32(bytes))
    case .rndisReceive:
      writer.u32(
        "send_rndis_pkt.channel_type", 0, value: "0 (data)",
        note: "RMC_DATA: frames for the guest")
      writer.u32(
        "send_rndis_pkt.send_buf_section_index", Self.noSection,
        value: "0xFFFFFFFF (NETVSC_INVALID_INDEX)",
        note: "model assumption: the frames are in the receive buffer, named by the packet's transfer-page ranges; what a Windows host writes here is not public")
      writer.u32(
        "send_rndis_pkt.send_buf_section_size", 0,
        note: "model assumption: unused in a receive (netvsc reads only the ranges)")
    case .rndisComplete:
      writer.u32("send_rndis_pkt_complete.status", Self.success, value: "1 (NVSP_STAT_SUCCESS)", note: "the message was delivered")
    }
  }

  private func rndisPacket(_ writer: inout WireWriter, channel: UInt32, section: UInt32, size: UInt32) {
    writer.u32(
      "send_rndis_pkt.channel_type", channel, value: channel == 0 ? "0 (data)" : "1 (control)",
      note: "RMC_DATA (frames) or RMC_CONTROL (an RNDIS request)")
    writer.u32(
      "send_rndis_pkt.send_buf_section_index", section,
      value: section == Self.noSection ? "0xFFFFFFFF (NETVSC_INVALID_INDEX)" : String(section),
      note: section == Self.noSection
        ? "not in a send section: the RNDIS message travels in pages of its own"
        : "the send-buffer section the frames were copied into")
    writer.u32(
      "send_rndis_pkt.send_buf_section_size", size,
      note: "bytes used in that section (RNDIS headers and frames)")
  }

  /// `nvsp_2_vsc_capability` as Linux's `negotiate_nvsp_ver` fills it: `ieee8021q` always,
  /// `sriov` and `teaming` from NVSP 5, `rsc` from 6.1 (bits 3, 2, 5, 7).
  static func capability(for version: NVSPVersion) -> UInt64 {
    var bits: UInt64 = 1 << 3
    if version >= .v5 { bits |= 1 << 2 | 1 << 5 }
    if version >= .v61 { bits |= 1 << 7 }
    return bits
  }

  /// `sriov, ieee8021q, teaming`: the bits' names, as the trace labels the message.
  static func capabilityNames(_ bits: UInt64) -> String {
    let names = [(2, "sriov"), (3, "ieee8021q"), (5, "teaming"), (7, "rsc")]
    return names.filter { bits & (1 << UInt64($0.0)) != 0 }.map(\.1).joined(separator: ", ")
  }
}
