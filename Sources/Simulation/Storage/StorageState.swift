import HVHostModel
import HVHypervisor
import HVSimKernel
import HVVMBus

/// storvsc, the guest's storage VSC (Linux drivers/scsi/storvsc_drv.c).
package struct StorVSCState: Sendable, Hashable {
  package enum Phase: String, Sendable, Hashable {
    case unbound
    /// `storvsc_channel_init` in progress.
    case initializing
    case ready
  }

  package var phase: Phase = .unbound
  package var relid: UInt32?
  package var protocolVersion: StorageProtocolVersion?
  /// Requests sent and not yet completed, by transaction id. Linux uses the request's address as
  /// `trans_id`; the model numbers them from 1.
  package var pending: Set<UInt64> = []
  package var nextTransactionID: UInt64 = 1
  package var completed = 0

  package init() {}
}

/// storvsp, the root's storage VSP.
package struct StorVSPState: Sendable, Hashable {
  package enum Phase: String, Sendable, Hashable {
    case waiting
    case initializing
    case ready
  }

  package var phase: Phase = .waiting
  package var protocolVersion: StorageProtocolVersion?

  package init() {}
}
