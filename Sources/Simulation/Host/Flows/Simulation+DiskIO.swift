import HVHostModel
import HVIntegrationServices
import HVNetwork
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

  /// `send-packets` / `receive-packets` on the VM's network adapter.
  func networkIO(sending: Bool, count: Int, bytes: Int, then next: @escaping Continuation) {
    guard powerState == .running else {
      kernel.report(.stepInWrongPowerState, "network I/O while the VM is \(powerState.rawValue)")
      return next()
    }
    if sending {
      network.send(count: count, bytes: bytes, then: next)
    } else {
      network.receive(count: count, bytes: bytes, then: next)
    }
  }
}
