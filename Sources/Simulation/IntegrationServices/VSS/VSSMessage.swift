import HVHostModel
import HVSimKernel
import HVVMBus

/// `hv_vss_msg.vss_hdr.operation` (fact sheet §4.8, Linux uapi `VSS_OP_*`). FREEZE, THAW and
/// AUTO_RECOVER need service version 5.0.
package enum VSSOperation: UInt8, Sendable, Hashable, CaseIterable {
  case create = 0
  case delete = 1
  case hotBackup = 2
  case getDMInfo = 3
  case backupComplete = 4
  case freeze = 5
  case thaw = 6
  case autoRecover = 7

  package var identifier: String {
    switch self {
    case .create: return "VSS_OP_CREATE"
    case .delete: return "VSS_OP_DELETE"
    case .hotBackup: return "VSS_OP_HOT_BACKUP"
    case .getDMInfo: return "VSS_OP_GET_DM_INFO"
    case .backupComplete: return "VSS_OP_BU_COMPLETE"
    case .freeze: return "VSS_OP_FREEZE"
    case .thaw: return "VSS_OP_THAW"
    case .autoRecover: return "VSS_OP_AUTO_RECOVER"
    }
  }
}

/// `struct hv_vss_msg` (packed): an 8-byte header `{operation u8; reserved u8[7]}` (or the
/// daemon's `int error`), then `vss_cf.flags` / `dm_info.flags` (u32): 12 bytes.
package struct VSSMessage: Sendable, Hashable {
  package var operation: VSSOperation
  package var flags: UInt32

  package init(operation: VSSOperation, flags: UInt32 = 0) {
    self.operation = operation
    self.flags = flags
  }

  package static let size = 12
  /// The guest's answer to HOT_BACKUP: `VSS_HBU_NO_AUTO_RECOVERY` (fact sheet §4.8).
  package static let noAutoRecovery: UInt32 = 0x0000_0005
}

/// Constants of the backup model.
package enum VSSModel {
  /// `VSS_FREEZE_TIMEOUT` = 15 min: how long the guest keeps its file systems frozen at most.
  package static let freezeTimeoutNanoseconds = 15 * 60 * 1_000_000_000
}
