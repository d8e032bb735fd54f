import HVHostModel
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVVMBus

/// Whether the VM is on when the trace begins.
public enum InitialPowerState: String, Sendable, CaseIterable {
  /// VMBus connected and channels open before the trace starts (not recorded).
  case running
  /// The trace begins with the power-on (`start`).
  case off
}

/// Everything the model needs to know about one run.
public struct SimulationConfiguration: Sendable, Hashable {
  public var scenarioID: String
  public var seed: UInt64
  public var hostVersion: HostVersion
  public var vmName: String
  public var generation: VMGeneration
  public var disk: DiskController
  /// False for a guest without Integration Services: no VMBus driver, only the legacy ATA driver.
  public var guestHasIntegrationServices: Bool
  /// The services enabled on the host, in cmdlet-name order.
  public var enabledServices: [IntegrationService]
  public var initialState: InitialPowerState
  /// Record runs of identical round trips once with a count (true) or execute every iteration.
  public var compressRepeats: Bool
  /// How the guest moves data through the emulated IDE controller (`vm.ide-transfer`).
  public var ideTransfer: IDETransferMode
  /// How a PIO string instruction traps: follows ``ideTransfer`` (kept for the PIO modes' name in
  /// the trace's configuration line).
  public var stringIOTrapping: StringIOTrapping {
    get { ideTransfer.stringIO }
    set { ideTransfer = newValue == .perWord ? .pioPerWord : .pio }
  }
  /// The guest's operating system (`vm.guest`): who does the guest's side of every path, and
  /// the version-dependent behaviour.
  public var guest: GuestOS = .default
  /// The Linux kernel of a Linux guest (tests and older callers set the guest through it).
  public var guestKernel: GuestKernel {
    get { guest.linuxKernel ?? .defaultLTS }
    set { guest = .linux(newValue) }
  }
  /// The VM's network adapter (`vm.network`).
  public var network: NetworkAdapter = .none
  public var costs: CostTable
  /// Replaces the guest's service-version list of a service (tests: a guest that shares no
  /// version with the host, to see the protocol mismatch path).
  public var guestServiceVersions: [IntegrationService: [ICVersion]] = [:]

  public init(
    scenarioID: String, seed: UInt64 = 1, hostVersion: HostVersion = .ws2012R2,
    vmName: String = "VM01", generation: VMGeneration = .one, disk: DiskController = .ide,
    guestHasIntegrationServices: Bool = true, enabledServices: [IntegrationService]? = nil,
    initialState: InitialPowerState = .running, compressRepeats: Bool = true,
    ideTransfer: IDETransferMode = .dma, guestKernel: GuestKernel = .defaultLTS,
    guest: GuestOS? = nil, network: NetworkAdapter = .none, costs: CostTable = .standard
  ) {
    self.network = network
    self.guest = guest ?? .linux(guestKernel)
    self.scenarioID = scenarioID
    self.seed = seed
    self.hostVersion = hostVersion
    self.vmName = vmName
    self.generation = generation
    self.disk = disk
    self.guestHasIntegrationServices = guestHasIntegrationServices
    self.enabledServices =
      enabledServices ?? hostVersion.offeredServices.filter(\.enabledByDefault)
    self.initialState = initialState
    self.compressRepeats = compressRepeats
    self.ideTransfer = ideTransfer
    self.costs = costs
  }

  /// True when the disk I/O goes through the emulated IDE controller in vmwp.exe.
  public var usesEmulatedDisk: Bool { !guestHasIntegrationServices }
}
