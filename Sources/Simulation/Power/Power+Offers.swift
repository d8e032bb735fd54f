import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVNetwork
import HVSimKernel
import HVStorage
import HVVMBus

/// What the host offers on VMBus: the disk controller, then every enabled Integration Service.
extension Power {
  /// The devices the host offers on VMBus, in relid order: the disk controller, then every
  /// Integration Service the host version has and the VM's settings enable (contract §1; the
  /// order of the services is the model's).
  var offeredDevices: [VMBusDeviceClass] {
    // The network adapter after the disk controller: the order of a real host's offers is
    // issue 14's item 3 (model assumption until then).
    [disk == .scsi ? .scsi : .ide] + (network.offeredDevice.map { [$0] } ?? [])
      + IntegrationService.allCases.filter { ics.ic($0).enabled }.map(\.deviceClass)
  }

  /// REQUESTOFFERS … ALLOFFERS_DELIVERED with the host's devices.
  package func requestOffers(then next: @escaping Continuation) {
    vmbus.requestOffers(
      offeredDevices, offer: { device, done in self.offer(device, then: done) }, then: next)
  }

  /// One OFFERCHANNEL: a service's channel is offered by the services (they know it from now
  /// on); the disk controller's instance id comes from VMBus's own stream.
  func offer(_ device: VMBusDeviceClass, then next: @escaping Continuation) {
    if let service = IntegrationService(deviceClass: device) {
      return ics.offerChannel(service, then: next)
    }
    vmbus.offer(device, instanceID: vmbus.drawInstanceID(), then: next)
  }
}
