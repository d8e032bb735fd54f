import HVTrace

import HVHostModel
import HVSimKernel
import HVVMBus

/// What `Stop-VM` / `Restart-VM` asks of the guest: the `flags` of the shutdown message.
public enum ShutdownMode: String, Sendable, Hashable, CaseIterable {
  case shutdown
  case reboot
  case hibernate

  /// 0 shut down, 2 reboot, 4 hibernate (fact sheet §4.5, Linux `shutdown_onchannelcallback`).
  public var flagValue: UInt32 {
    switch self {
    case .shutdown: return 0
    case .reboot: return 2
    case .hibernate: return 4
    }
  }

  /// How labels say it: `shut down`, `reboot`, `hibernate`.
  public var verb: Phrase {
    switch self {
    case .shutdown: "shut down"
    case .reboot: "reboot"
    case .hibernate: "hibernate"
    }
  }

  /// The service version that added the request: reboot 3.1, hibernate 3.2 (fact sheet §4.5).
  public var minimumVersion: ICVersion {
    switch self {
    case .shutdown: return ICVersion(1, 0)
    case .reboot: return ICVersion(3, 1)
    case .hibernate: return ICVersion(3, 2)
    }
  }
}

/// `struct shutdown_msg_data {u32 reason_code; u32 timeout_seconds; u32 flags; u8
/// display_message[2048]}` (fact sheet §4.5).
public struct ShutdownMessage: Sendable, Hashable {
  public var reasonCode: UInt32
  public var timeoutSeconds: UInt32
  public var flags: UInt32

  public init(mode: ShutdownMode, force: Bool, reasonCode: UInt32 = 0, timeoutSeconds: UInt32 = 0) {
    self.reasonCode = reasonCode
    self.timeoutSeconds = timeoutSeconds
    self.flags = mode.flagValue | (force ? Self.forceFlag : 0)
  }

  /// OR-ing 1 means "force" (Linux always forces).
  public static let forceFlag: UInt32 = 1
  /// 12 + 2048 bytes.
  public static let size = 12 + 2048

  /// The mode the guest reads from `flags` (Linux accepts 0/1, 2/3, 4/5); nil for other values.
  public var mode: ShutdownMode? {
    ShutdownMode.allCases.first { $0.flagValue == flags & ~Self.forceFlag }
  }

  public var isForced: Bool { flags & Self.forceFlag != 0 }
}
