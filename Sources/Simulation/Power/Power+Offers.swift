import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVNetwork
import HVSimKernel
import HVStorage
import HVVMBus

/// What the host offers on VMBus, in the order a host offers it.
extension Power {
  /// The devices the host offers on VMBus, in relid order (issue 14 item 3): Generation 1's IDE
  /// channel first, then the synthetic mouse, keyboard and video, the Integration Services the
  /// host version has and the VM's settings enable, the SCSI controller and the network adapter.
  ///
  /// The order follows `lsvmbus` listings of real VMs published in public repositories: a
  /// Generation-2 Debian guest on a Windows Server 2025 host lists mouse, keyboard, framebuffer,
  /// Guest services, Heartbeat, Data Exchange, Shutdown, Time Synchronization, Backup, SCSI,
  /// network; an Azure Generation-1 VM lists its IDE controllers before the mouse. Dynamic Memory
  /// and the "reserved system devices" of those listings are not modelled, so the model's relids
  /// are smaller. Microsoft does not document the order (**model assumption** that it holds for
  /// every host version).
  var offeredDevices: [VMBusDeviceClass] {
    let services = IntegrationService.offerOrder.filter { ics.ic($0).enabled }.map(\.deviceClass)
    let ide: [VMBusDeviceClass] = disk == .ide ? [.ide] : []
    let scsi: [VMBusDeviceClass] = disk == .scsi ? [.scsi] : []
    return ide + [.mouse, .keyboard, .video] + services + scsi
      + (network.offeredDevice.map { [$0] } ?? [])
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
