import HVHostModel
import HVHypervisor
import HVSimKernel
import HVVMBus

/// storvsc ↔ storvsp operations (`enum vstor_packet_operation`), fact sheet §2.2 [L-STOR].
package enum VStorOperation: UInt32, Sendable, CaseIterable {
  case completeIO = 1
  case removeDevice = 2
  case executeSRB = 3
  case resetLUN = 4
  case resetAdapter = 5
  case resetBus = 6
  case beginInitialization = 7
  case endInitialization = 8
  case queryProtocolVersion = 9
  case queryProperties = 10
  case enumerateBus = 11
  case fcHBAData = 12
  case createSubChannels = 13

  package var identifier: String {
    switch self {
    case .completeIO: return "VSTOR_OPERATION_COMPLETE_IO"
    case .removeDevice: return "VSTOR_OPERATION_REMOVE_DEVICE"
    case .executeSRB: return "VSTOR_OPERATION_EXECUTE_SRB"
    case .resetLUN: return "VSTOR_OPERATION_RESET_LUN"
    case .resetAdapter: return "VSTOR_OPERATION_RESET_ADAPTER"
    case .resetBus: return "VSTOR_OPERATION_RESET_BUS"
    case .beginInitialization: return "VSTOR_OPERATION_BEGIN_INITIALIZATION"
    case .endInitialization: return "VSTOR_OPERATION_END_INITIALIZATION"
    case .queryProtocolVersion: return "VSTOR_OPERATION_QUERY_PROTOCOL_VERSION"
    case .queryProperties: return "VSTOR_OPERATION_QUERY_PROPERTIES"
    case .enumerateBus: return "VSTOR_OPERATION_ENUMERATE_BUS"
    case .fcHBAData: return "VSTOR_OPERATION_FCHBA_DATA"
    case .createSubChannels: return "VSTOR_OPERATION_CREATE_SUB_CHANNELS"
    }
  }
}

/// A storage protocol version, `major << 8 | minor` on the wire (fact sheet §2.2).
package struct StorageProtocolVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  package var major: UInt8
  package var minor: UInt8

  package init(_ major: UInt8, _ minor: UInt8) {
    self.major = major
    self.minor = minor
  }

  package static let ws2008 = StorageProtocolVersion(2, 0)
  package static let win7 = StorageProtocolVersion(4, 2)
  package static let win8 = StorageProtocolVersion(5, 1)
  package static let win8_1 = StorageProtocolVersion(6, 0)
  package static let win10 = StorageProtocolVersion(6, 2)

  /// The versions storvsc asks for, highest first, until the host accepts one
  /// (`storvsc_channel_init`). Model assumption: the guest knows all five.
  package static let guestPreferenceOrder: [StorageProtocolVersion] = [
    win10, win8_1, win8, win7, ws2008,
  ]

  package var wireValue: UInt16 { UInt16(major) << 8 | UInt16(minor) }
  package var description: String { "\(major).\(minor)" }

  package static func < (lhs: StorageProtocolVersion, rhs: StorageProtocolVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }
}

/// A `vstor_packet` as the model needs it.
package struct VStorPacket: Sendable, Hashable {
  /// sizeof(struct vstor_packet) with the Windows 8 `vmscsi_win8_extension`: 12 bytes of
  /// operation/flags/status + a 52-byte union (Linux storvsc_drv.c).
  package static let size = 64
  /// `vmscsi_size_delta`: pre-Windows 8 hosts (VMBus 0.13 and 1.1) get the packet without the
  /// 16-byte Windows 8 extension.
  package static let win8ExtensionSize = 16
  /// `REQUEST_COMPLETION_FLAG`.
  package static let requestCompletionFlag: UInt32 = 1

  package var operation: VStorOperation
  package var status: UInt32 = 0
  package var request: SCSIRequest?
  package var version: StorageProtocolVersion?

  package init(
    operation: VStorOperation, status: UInt32 = 0, request: SCSIRequest? = nil,
    version: StorageProtocolVersion? = nil
  ) {
    self.operation = operation
    self.status = status
    self.request = request
    self.version = version
  }
}

/// A SCSI READ(10)/WRITE(10) as storvsc puts it into `vm_srb`.
package struct SCSIRequest: Sendable, Hashable {
  package var isWrite: Bool
  package var lba: Int
  package var byteCount: Int

  package init(isWrite: Bool, lba: Int, byteCount: Int) {
    self.isWrite = isWrite
    self.lba = lba
    self.byteCount = byteCount
  }

  /// WRITE(10) 0x2A or READ(10) 0x28 (SCSI Block Commands).
  package var cdbOpcode: UInt8 { isWrite ? 0x2A : 0x28 }
  package var cdbName: String { isWrite ? "WRITE(10)" : "READ(10)" }
  package var sectors: Int { (byteCount + 511) / 512 }
  /// Guest pages the buffer spans, assuming a page-aligned buffer.
  package var pageCount: Int { (byteCount + 4095) / 4096 }
}

/// Model constants of the synthetic storage path.
package enum StorVSCModel {
  /// Largest transfer per SRB: 32 pages × 4 KiB = 128 KiB. Older Linux storvsc sets
  /// `sg_tablesize = MAX_MULTIPAGE_BUFFER_COUNT` (32) with one page per segment; newer kernels take
  /// `max_transfer_bytes` from the host's QUERY_PROPERTIES answer (model assumption: 128 KiB).
  package static let maxTransferBytes = 32 * 4096
  /// Ring size per direction, header page included: `storvsc_ringbuffer_size = 256 * PAGE_SIZE`
  /// in the same storvsc_drv.c.
  package static let ringPages = 256
  /// SRBs the guest block layer keeps in flight before it waits for completions (model assumption;
  /// storvsc allows `cmd_per_lun` 255, the real depth depends on the workload).
  package static let queueDepth = 32
  /// The NTSTATUS-style value storvsp returns for a protocol version it does not speak
  /// (model assumption; storvsc only checks status ≠ 0).
  package static let versionRejectedStatus: UInt32 = 0xC000_00BB
}
