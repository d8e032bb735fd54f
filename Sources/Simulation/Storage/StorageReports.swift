import HVHostModel
import HVHypervisor
import HVVMBus
import HVSimKernel
import HVSimKernel

/// What the storage devices count, and the rules of their protocols the model can break.
extension Tallies.Key {
  public static let diskRequests = Self("storage.disk-requests")
  public static let diskBytesWritten = Self("storage.disk-bytes-written")
  public static let diskBytesRead = Self("storage.disk-bytes-read")
  public static let vspRequestsServed = Self("storage.vsp-requests-served")
  public static let portAccessesEmulated = Self("storage.port-accesses-emulated")
}

extension Violation.Kind {
  /// An ATA command issued while the emulated controller is still busy.
  public static let ataCommandWhileBusy = Self("storage.ata-busy")
  /// The emulated controller saw a register sequence the ATA protocol does not allow.
  public static let ataProtocol = Self("storage.ata-protocol")
  /// Disk I/O on the synthetic path before storvsc finished its initialization.
  public static let storageNotReady = Self("storage.not-ready")
  /// BEGIN_INITIALIZATION found no vstor protocol version both sides speak.
  public static let noCommonStorageProtocol = Self("storage.no-common-protocol")
  /// A completion arrived for a request other than the one the model expected next.
  public static let completionOutOfOrder = Self("storage.completion-out-of-order")
  /// A completion for a request storvsc does not know.
  public static let unknownCompletion = Self("storage.unknown-completion")
  /// More requests outstanding than storvsc's queue depth.
  public static let queueOverflow = Self("storage.queue-overflow")
}
