import HVHostModel
import HVStorage
import HVSimKernel
import HVVMBus

/// What the host offers on VMBus: the disk controller, then every enabled Integration Service.
extension Simulation {
  /// The devices the host offers on VMBus, in relid order: the disk controller, then every
  /// Integration Service the host version has and the VM's settings enable (contract §1; the
  /// order of the services is the model's).
  var offeredDevices: [VMBusDeviceClass] {
    [configuration.disk == .scsi ? .scsi : .ide]
      + IntegrationService.allCases.filter { ic($0).enabled }.map(\.deviceClass)
  }

  /// REQUESTOFFERS … ALLOFFERS_DELIVERED with the host's devices.
  func requestOffers(then next: @escaping Continuation) {
    vmbus.requestOffers(offeredDevices, offer: { device, done in self.offer(device, then: done) }, then: next)
  }

  /// One OFFERCHANNEL; a service's channel is known to the service from now on.
  func offer(_ device: VMBusDeviceClass, then next: @escaping Continuation) {
    let relid = vmbus.nextRelid
    let service = IntegrationService(deviceClass: device)
    // Integration Service instance ids come from their own stream (see `icRandom`).
    let instance = service == nil ? vmbus.drawInstanceID() : GUID.random(using: &icRandom)
    if let service {
      updateIC(service) {
        $0.relid = relid
        $0.phase = .offered
        $0.utilState = .initial
      }
    }
    vmbus.offer(device, instanceID: instance, then: next)
  }
}
