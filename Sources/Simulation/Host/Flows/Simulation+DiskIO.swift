import HVHostModel
import HVIntegrationServices
import HVPower
import HVSimKernel
import HVStorage

/// The entry point of `write-disk` and `read-disk`.
extension Simulation {
  /// The guest application reads or writes its disk: only while the VM runs.
  func diskIO(isWrite: Bool, bytes: Int, then next: @escaping Continuation) {
    guard powerState == .running else {
      kernel.report(.stepInWrongPowerState, "disk I/O while the VM is \(powerState.rawValue)")
      return next()
    }
    storage.diskIO(isWrite: isWrite, bytes: bytes, then: next)
  }
}
