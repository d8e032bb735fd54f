import HVHostModel
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVVMBus

/// One step of a run, already validated by the scenario layer (contract §1 steps).
public enum SimulationStep: Sendable, Hashable {
  case start
  case writeDisk(bytes: Int)
  case readDisk(bytes: Int)
  /// `send-packets`: the guest sends `count` Ethernet frames of `bytes` each.
  case sendPackets(count: Int, bytes: Int)
  /// `receive-packets`: `count` frames of `bytes` arrive for the VM.
  case receivePackets(count: Int, bytes: Int)
  case wait(nanoseconds: Int)
  case turnOff
  /// `Stop-VM` (or a reboot / hibernate request) through the Shutdown service.
  case shutdown(ShutdownRequest)
  /// `Save-VM`.
  case save
  /// `Start-VM` of a saved VM.
  case restore
  /// `kvp-set`, `kvp-get`, `kvp-delete`, `kvp-enumerate`.
  case kvp(KVPRequest)
  /// A host-level VSS backup of the VM.
  case backup
  /// `Copy-VMFile … -FileSource Host`.
  case copyFile(CopyFileRequest)
  case enableService(IntegrationService)
  case disableService(IntegrationService)
  /// Fault: the guest OS stops answering.
  case hangGuest
  case resumeGuest
  /// Fault: the host rescinds a channel.
  case rescindChannel(ChannelTarget)
  /// `Get-VMIntegrationService` and `Get-VM` at this point (an extension of the contract).
  case status
}

/// What `rescind-channel` names: a service's channel or the disk controller's.
public enum ChannelTarget: Sendable, Hashable {
  case service(IntegrationService)
  case disk
}

/// A step with the text the trace shows for it (`write-disk`, `10 KiB`).
public struct StepRequest: Sendable, Hashable {
  public var step: SimulationStep
  public var action: String
  public var argument: String

  public init(_ step: SimulationStep, action: String, argument: String = "") {
    self.step = step
    self.action = action
    self.argument = argument
  }
}
