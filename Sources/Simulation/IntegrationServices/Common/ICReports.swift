import HVHostModel
import HVSimKernel
import HVVMBus

/// The rules of the Integration Services the model can break.
extension Violation.Kind {
  /// A host request for a service whose channel is not open.
  package static let icRequestWithoutChannel = Self("ic.request-without-channel")
  /// A service's state disagrees with its channel, its timers or its waiting request.
  package static let icState = Self("ic.state")
}
