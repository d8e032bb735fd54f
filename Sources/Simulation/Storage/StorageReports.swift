import HVHostModel
import HVHypervisor
import HVSimKernel
import HVVMBus

/// What the storage devices count, and the rules of their protocols the model can break.
extension Tallies.Key {
  package static let diskRequests = Self("storage.disk-requests")
  package static let diskBytesWritten = Self("storage.disk-bytes-written")
  package static let diskBytesRead = Self("storage.disk-bytes-read")
  package static let vspRequestsServed = Self("storage.vsp-requests-served")
  package static let portAccessesEmulated = Self("storage.port-accesses-emulated")
}

extension Violation.Kind {
  /// An ATA command issued while the emulated controller is still busy.
  package static let ataCommandWhileBusy = Self("storage.ata-busy")
  /// The emulated controller saw a register sequence the ATA protocol does not allow.
  package static let ataProtocol = Self("storage.ata-protocol")
  /// Disk I/O on the synthetic path before storvsc finished its initialization.
  package static let storageNotReady = Self("storage.not-ready")
  /// BEGIN_INITIALIZATION found no vstor protocol version both sides speak.
  package static let noCommonStorageProtocol = Self("storage.no-common-protocol")
  /// A completion arrived for a request other than the one the model expected next.
  package static let completionOutOfOrder = Self("storage.completion-out-of-order")
  /// A completion for a request storvsc does not know.
  package static let unknownCompletion = Self("storage.unknown-completion")
  /// More requests outstanding than storvsc's queue depth.
  package static let queueOverflow = Self("storage.queue-overflow")
}
