import HVHostModel
import HVStorage
import HVVMBus
import HVSimKernel
/// One step of a run, already validated by the scenario layer (contract §1 steps).
public enum SimulationStep: Sendable, Hashable {
  case start
  case writeDisk(bytes: Int)
  case readDisk(bytes: Int)
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

/// The value of `shutdown`: `{mode, force}`.
public struct ShutdownRequest: Sendable, Hashable {
  public var mode: ShutdownMode
  public var force: Bool

  public init(mode: ShutdownMode = .shutdown, force: Bool = false) {
    self.mode = mode
    self.force = force
  }
}

/// The value of a `kvp-*` step.
public struct KVPRequest: Sendable, Hashable {
  public var operation: KVPOperation
  public var pool: KVPPool
  public var key: String
  public var value: String

  public init(operation: KVPOperation, pool: KVPPool, key: String = "", value: String = "") {
    self.operation = operation
    self.pool = pool
    self.key = key
    self.value = value
  }
}

/// The value of `copy-file`.
public struct CopyFileRequest: Sendable, Hashable {
  /// The file on the host (`-SourcePath`).
  public var source: String
  /// The guest path (`-DestinationPath`).
  public var destination: String
  public var size: Int
  /// `-CreateFullPath` → `CREATE_PATH`.
  public var createFullPath: Bool
  /// `-Force` → `OVER_WRITE` (mapping UNCONFIRMED, fact sheet §4.9; the WMI class behind the
  /// cmdlet, `Msvm_CopyFileToGuestSettingData`, has an `OverwriteExisting` flag).
  public var force: Bool

  public init(source: String, destination: String, size: Int, createFullPath: Bool = false, force: Bool = false) {
    self.source = source
    self.destination = destination
    self.size = size
    self.createFullPath = createFullPath
    self.force = force
  }
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
