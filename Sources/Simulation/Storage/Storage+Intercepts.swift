import HVHostModel
import HVHypervisor
import HVSimKernel

/// The emulated IDE controller's side of a trapped port access.
extension Storage {
  /// One trapped access of the emulated disk path: the hypervisor delivers the intercept and the
  /// IDE model in vmwp.exe applies it
  /// (``Hypervisor/interceptIOPort(_:from:device:emulationCost:emulate:then:)``).
  func trapPortAccess(_ access: PortAccess, from driver: ActorID, then next: @escaping Continuation)
  {
    hypervisor.interceptIOPort(
      IOPortAccess(
        port: access.port.rawValue, isWrite: access.isWrite, bytes: access.bytes,
        instruction: access.instruction,
        repeatCount: access.repeatCount),
      from: driver, device: "emulated IDE", emulationCost: costs.ideEmulation,
      emulate: {
        let effect = access.apply(&self.ide)
        self.kernel.count(.portAccessesEmulated)
        return effect
      }, then: next)
  }
}
