import HVHostModel
import HVVMBus

/// The VMBus device class each service is offered with.
extension IntegrationService {
  /// The VMBus device class the service's channel is offered with (fact sheet §4.1).
  package var deviceClass: VMBusDeviceClass {
    switch self {
    case .heartbeat: return .heartbeat
    case .shutdown: return .shutdown
    case .timeSync: return .timeSync
    case .dataExchange: return .keyValuePair
    case .backup: return .volumeShadowCopy
    case .guestServices: return .fileCopy
    }
  }

  /// The service whose channel is offered with `deviceClass`, if any.
  package init?(deviceClass: VMBusDeviceClass) {
    guard let service = Self.allCases.first(where: { $0.deviceClass == deviceClass }) else {
      return nil
    }
    self = service
  }
}
