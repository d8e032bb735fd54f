import HVHostModel
import HVVMBus

/// The Network Virtual Service Protocol between netvsc and the NetVSP of the root's virtual
/// switch (Linux `drivers/net/hyperv/hyperv_net.h`; the same numbers in Microsoft's OpenVMM
/// `netvsp/src/protocol.rs`).
package enum NVSPMessageType: UInt32, Sendable, Hashable {
  case initialize = 1
  case initializeComplete = 2
  case sendNDISVersion = 100
  case sendReceiveBuffer = 101
  case sendReceiveBufferComplete = 102
  case sendSendBuffer = 104
  case sendSendBufferComplete = 105
  case sendRNDISPacket = 107
  case sendRNDISPacketComplete = 108
  case sendNDISConfig = 125

  /// The Linux constant name, e.g. `NVSP_MSG1_TYPE_SEND_RNDIS_PKT`.
  package var identifier: String {
    switch self {
    case .initialize: return "NVSP_MSG_TYPE_INIT"
    case .initializeComplete: return "NVSP_MSG_TYPE_INIT_COMPLETE"
    case .sendNDISVersion: return "NVSP_MSG1_TYPE_SEND_NDIS_VER"
    case .sendReceiveBuffer: return "NVSP_MSG1_TYPE_SEND_RECV_BUF"
    case .sendReceiveBufferComplete: return "NVSP_MSG1_TYPE_SEND_RECV_BUF_COMPLETE"
    case .sendSendBuffer: return "NVSP_MSG1_TYPE_SEND_SEND_BUF"
    case .sendSendBufferComplete: return "NVSP_MSG1_TYPE_SEND_SEND_BUF_COMPLETE"
    case .sendRNDISPacket: return "NVSP_MSG1_TYPE_SEND_RNDIS_PKT"
    case .sendRNDISPacketComplete: return "NVSP_MSG1_TYPE_SEND_RNDIS_PKT_COMPLETE"
    case .sendNDISConfig: return "NVSP_MSG2_TYPE_SEND_NDIS_CONFIG"
    }
  }
}

/// NVSP protocol versions (`NVSP_PROTOCOL_VERSION_*`); netvsc tries them newest first
/// (`netvsc_connect_vsp` walks `ver_list` from the end).
package enum NVSPVersion: UInt32, Sendable, Hashable, Comparable, CaseIterable {
  case v1 = 0x2
  case v2 = 0x30002
  case v4 = 0x40000
  case v5 = 0x50000
  case v6 = 0x60000
  case v61 = 0x60001

  package static let guestPreferenceOrder: [NVSPVersion] = [.v61, .v6, .v5, .v4, .v2, .v1]

  package static func < (lhs: NVSPVersion, rhs: NVSPVersion) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `NVSP_PROTOCOL_VERSION_61`.
  package var identifier: String {
    switch self {
    case .v1: return "NVSP_PROTOCOL_VERSION_1"
    case .v2: return "NVSP_PROTOCOL_VERSION_2"
    case .v4: return "NVSP_PROTOCOL_VERSION_4"
    case .v5: return "NVSP_PROTOCOL_VERSION_5"
    case .v6: return "NVSP_PROTOCOL_VERSION_6"
    case .v61: return "NVSP_PROTOCOL_VERSION_61"
    }
  }

  /// The NDIS version netvsc announces: 6.1 up to NVSP 4, 6.30 after (`negotiate_nvsp_ver`).
  package var ndisVersion: (major: Int, minor: Int) { self <= .v4 ? (6, 1) : (6, 30) }

  /// `sizeof(struct nvsp_message)`: 28 bytes before the version-6 messages, 40 with them
  /// (OpenVMM `PACKET_SIZE_V1` / `PACKET_SIZE_V61`).
  package var messageSize: Int { self >= .v6 ? 40 : 28 }
}

extension HostVersion {
  /// The newest NVSP version the host's virtual switch speaks. **Model assumption**: no public
  /// table maps Windows Server releases to NVSP versions; the model pairs them with the VMBus
  /// generations (2008/2008 R2 → 2, 2012 → 4, 2012 R2 → 5, 2016 → 6, 2019 and later → 6.1).
  package var nvspVersion: NVSPVersion {
    switch self {
    case .ws2008, .ws2008R2: return .v2
    case .ws2012: return .v4
    case .ws2012R2: return .v5
    case .ws2016: return .v6
    case .ws2019, .ws2022: return .v61
    }
  }
}

/// Remote NDIS, carried inside NVSP (Linux `include/linux/rndis.h`, `rndis_filter.c`).
package enum RNDIS {
  package static let packetMessage: UInt32 = 0x0000_0001
  package static let initializeMessage: UInt32 = 0x0000_0002
  package static let queryMessage: UInt32 = 0x0000_0004
  package static let setMessage: UInt32 = 0x0000_0005
  /// `rndis_message` header (type, length) plus `rndis_packet` (nine u32): 8 + 36 bytes.
  package static let packetHeaderSize = 44
  /// `max_xfer_size` in netvsc's REMOTE_NDIS_INITIALIZE_MSG.
  package static let maxTransferSize = 0x4000
  /// `RNDIS_MAX_PKT_DEFAULT`, `RNDIS_PKT_ALIGN_DEFAULT`: packets per send batch and their
  /// alignment before the host's INITIALIZE_CMPLT says otherwise (the model's host keeps them).
  package static let maxPacketsPerMessage = 8
  package static let packetAlignment = 8
  /// The OIDs netvsc uses at attach.
  package static let oidMaximumFrameSize: UInt32 = 0x0001_0106
  package static let oidPermanentAddress: UInt32 = 0x0101_0101
  package static let oidCurrentPacketFilter: UInt32 = 0x0001_010E
  /// DIRECTED | ALL_MULTICAST | BROADCAST, set when the interface comes up.
  package static let packetFilter: UInt32 = 0x0D
}

/// netvsc's buffers (Linux `hyperv_net.h`): the receive buffer the host fills, the send buffer
/// netvsc copies small frames into, both shared through a GPADL.
package enum NetVSCBuffers {
  /// `NETVSC_RECEIVE_BUFFER_DEFAULT`: 16 MiB (15 MiB for NVSP ≤ 2, `..._SIZE_LEGACY`).
  package static let receiveBufferBytes = 16 * 1024 * 1024
  package static let legacyReceiveBufferBytes = 15 * 1024 * 1024
  /// `NETVSC_SEND_BUFFER_DEFAULT`: 1 MiB.
  package static let sendBufferBytes = 1024 * 1024
  /// `NETVSC_SEND_SECTION_SIZE`, `NETVSC_RECV_SECTION_SIZE`: the guest's defaults; the model's
  /// host answers with the same sizes (what a Windows host returns is UNCONFIRMED).
  package static let sendSectionBytes = 6144
  package static let receiveSectionBytes = 1728
  /// `NETVSC_RECEIVE_BUFFER_ID`, also the transfer page set id of every receive.
  package static let receiveBufferID = 0xCAFE
  package static let sendBufferID = 0
  /// netvsc opens its channel with `ring_size` = 128 pages per direction.
  package static let ringPages = 128
}

/// An NVSP message in a ring packet: its type and every field it sets (``NVSPBody``), so its
/// bytes can be written out field by field (`NVSPMessage+Wire.swift`).
package struct NVSPMessage: Sendable, Hashable, RingPayload {
  package var body: NVSPBody
  /// Frames an RNDIS data message carries (send batch) or a transfer-page packet's ranges.
  package var frames: Int = 0

  package var type: NVSPMessageType { body.type }

  package init(_ body: NVSPBody, frames: Int = 0) {
    self.body = body
    self.frames = frames
  }
}

/// What follows `nvsp_message_header.msg_type` in each message the model sends (Linux
/// `hyperv_net.h`, packed structs; the values are netvsc's, `netvsc.c` and `rndis_filter.c`).
package enum NVSPBody: Sendable, Hashable {
  /// `nvsp_message_init`: min = max = the version asked for.
  case initialize(NVSPVersion)
  /// `nvsp_message_init_complete`: the version, and `NVSP_STAT_SUCCESS` (1) or `_FAIL` (2).
  case initializeComplete(NVSPVersion, accepted: Bool)
  /// `nvsp_2_send_ndis_config`: `mtu` and the capability bits netvsc sets for the version.
  case ndisConfig(mtu: Int, version: NVSPVersion)
  /// `nvsp_1_message_send_ndis_version`.
  case ndisVersion(major: Int, minor: Int)
  /// `nvsp_1_message_send_receive_buffer`: the GPADL of the receive buffer and its id.
  case receiveBuffer(gpadl: UInt32)
  /// `nvsp_1_message_send_receive_buffer_complete` with its one section.
  case receiveBufferComplete(subAllocationSize: Int, subAllocations: Int)
  /// `nvsp_1_message_send_send_buffer`.
  case sendBuffer(gpadl: UInt32)
  /// `nvsp_1_message_send_send_buffer_complete`.
  case sendBufferComplete(sectionSize: Int)
  /// `nvsp_1_message_send_rndis_packet` carrying an RNDIS control message (channel type 1):
  /// not in a send-buffer section (`NETVSC_INVALID_INDEX`).
  case rndisControl
  /// The same carrying data (channel type 0) copied into a send-buffer section.
  case rndisData(section: Int, bytes: Int)
  /// The switch's receive indication: data in the receive buffer's transfer pages.
  case rndisReceive
  /// `nvsp_1_message_send_rndis_packet_complete`: `NVSP_STAT_SUCCESS`.
  case rndisComplete

  package var type: NVSPMessageType {
    switch self {
    case .initialize: .initialize
    case .initializeComplete: .initializeComplete
    case .ndisConfig: .sendNDISConfig
    case .ndisVersion: .sendNDISVersion
    case .receiveBuffer: .sendReceiveBuffer
    case .receiveBufferComplete: .sendReceiveBufferComplete
    case .sendBuffer: .sendSendBuffer
    case .sendBufferComplete: .sendSendBufferComplete
    case .rndisControl, .rndisData, .rndisReceive: .sendRNDISPacket
    case .rndisComplete: .sendRNDISPacketComplete
    }
  }
}

extension PacketPayload {
  package static func nvsp(_ message: NVSPMessage) -> PacketPayload { PacketPayload(message) }
  package var nvsp: NVSPMessage? { content as? NVSPMessage }
}
