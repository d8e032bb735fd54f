import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVNetwork
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// The VM's life cycle as the host's management service drives it: `Start-VM` (partition, worker
/// process, firmware, the guest's drivers), `Stop-VM -TurnOff`, `Save-VM` and restore, `Stop-VM`
/// and `Restart-VM` through the Shutdown service, and the host-level backup that may save the VM.
///
/// Owns the VM's power state; nothing outside this folder can write it. It orchestrates the other
/// components through their package flows (it is the one component that knows them all).
package final class Power {
  package typealias Continuation = Kernel.Continuation
  package typealias Action = Kernel.Action

  let kernel: Kernel
  let costs: CostTable
  let hypervisor: Hypervisor
  let vmbus: VMBus
  let storage: Storage
  let network: Network
  let ics: IntegrationServices
  let vmName: String
  let hostVersion: HostVersion
  let generation: VMGeneration
  let disk: DiskController
  let guestHasIntegrationServices: Bool
  /// The guest's words for its side of the paths.
  var words: GuestVocabulary { vmbus.words }

  /// The VM as `Get-VM` reports it (and a transient `Stopping`).
  package internal(set) var state: VMPowerState = .off

  package init(
    kernel: Kernel, costs: CostTable, hypervisor: Hypervisor, vmbus: VMBus, storage: Storage,
    network: Network, ics: IntegrationServices, vmName: String, hostVersion: HostVersion,
    generation: VMGeneration,
    disk: DiskController, guestHasIntegrationServices: Bool
  ) {
    self.kernel = kernel
    self.costs = costs
    self.hypervisor = hypervisor
    self.vmbus = vmbus
    self.storage = storage
    self.network = network
    self.ics = ics
    self.vmName = vmName
    self.hostVersion = hostVersion
    self.generation = generation
    self.disk = disk
    self.guestHasIntegrationServices = guestHasIntegrationServices
  }
}
