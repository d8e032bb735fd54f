import HVHostModel
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVVMBus

/// The rules of the VM's power states the model can break.
extension Violation.Kind {
  /// A step that needs another power state (disk I/O on a VM that is off, a second start).
  package static let stepInWrongPowerState = Self("power.wrong-state")
}
