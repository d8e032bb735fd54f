import HVHostModel
import HVHypervisor
import HVVMBus
import HVSimKernel
/// storvsc, the guest's storage VSC (Linux drivers/scsi/storvsc_drv.c).
public struct StorVSCState: Sendable, Hashable {
  public enum Phase: String, Sendable, Hashable {
    case unbound
    /// `storvsc_channel_init` in progress.
    case initializing
    case ready
  }

  public var phase: Phase = .unbound
  public var relid: UInt32?
  public var protocolVersion: StorageProtocolVersion?
  /// Requests sent and not yet completed, by transaction id. Linux uses the request's address as
  /// `trans_id`; the model numbers them from 1.
  public var pending: Set<UInt64> = []
  public var nextTransactionID: UInt64 = 1
  public var completed = 0

  public init() {}
}

/// storvsp, the root's storage VSP.
public struct StorVSPState: Sendable, Hashable {
  public enum Phase: String, Sendable, Hashable {
    case waiting
    case initializing
    case ready
  }

  public var phase: Phase = .waiting
  public var protocolVersion: StorageProtocolVersion?

  public init() {}
}
