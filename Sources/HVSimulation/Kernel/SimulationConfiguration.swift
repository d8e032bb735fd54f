/// The Windows Server release of the host; it fixes the protocol versions the host speaks.
public enum HostVersion: String, Sendable, CaseIterable {
  case ws2008 = "2008"
  case ws2008R2 = "2008R2"
  case ws2012 = "2012"
  case ws2012R2 = "2012R2"
  case ws2016 = "2016"
  case ws2019 = "2019"
  case ws2022 = "2022"

  public var displayName: String {
    switch self {
    case .ws2008: return "Windows Server 2008"
    case .ws2008R2: return "Windows Server 2008 R2"
    case .ws2012: return "Windows Server 2012"
    case .ws2012R2: return "Windows Server 2012 R2"
    case .ws2016: return "Windows Server 2016"
    case .ws2019: return "Windows Server 2019"
    case .ws2022: return "Windows Server 2022"
    }
  }

  /// The highest VMBus protocol the host accepts (fact sheet §3.3, Linux `VERSION_*` comments).
  ///
  /// Model assumption for 2016: the sheet maps 4.0 to "Windows 10"; Windows Server 2016 shares the
  /// Windows 10 (1607) code base, so it is given 4.0.
  public var vmbusVersion: VMBusVersion {
    switch self {
    case .ws2008: return .ws2008
    case .ws2008R2: return .win7
    case .ws2012: return .win8
    case .ws2012R2: return .win8_1
    case .ws2016: return .win10
    case .ws2019: return .win10v5_2
    case .ws2022: return .win10v5_3
    }
  }

  /// The highest storvsc/storvsp protocol the host accepts (fact sheet §2.2 version history).
  public var storageProtocol: StorageProtocolVersion {
    switch self {
    case .ws2008: return .ws2008
    case .ws2008R2: return .win7
    case .ws2012: return .win8
    case .ws2012R2: return .win8_1
    case .ws2016, .ws2019, .ws2022: return .win10
    }
  }

  /// Integration Services this host offers (contract §1: guest services exist from 2012R2).
  public var offeredServices: [IntegrationService] {
    let base: [IntegrationService] = [.heartbeat, .shutdown, .timeSync, .dataExchange, .backup]
    switch self {
    case .ws2008, .ws2008R2, .ws2012: return base
    case .ws2012R2, .ws2016, .ws2019, .ws2022: return base + [.guestServices]
    }
  }
}

/// VM generation: generation 2 has no IDE controller (fact sheet §1.4).
public enum VMGeneration: Int, Sendable, CaseIterable {
  case one = 1
  case two = 2
}

/// The disk controller the VM's disk hangs off.
public enum DiskController: String, Sendable, CaseIterable {
  /// Emulated IDE in vmwp.exe; with Integration Services the guest's I/O is diverted onto VMBus
  /// through the IDE class channel (fact sheet §1.4, "IDE filter driver").
  case ide
  /// Synthetic SCSI over VMBus (storvsc ↔ storvsp).
  case scsi
}

/// The six Integration Services of the seed article, by their scenario-file names.
public enum IntegrationService: String, Sendable, CaseIterable {
  case heartbeat
  case shutdown
  case timeSync = "time-sync"
  case dataExchange = "data-exchange"
  case backup
  case guestServices = "guest-services"

  /// The name `Get-VMIntegrationService` prints (fact sheet §4.10).
  public var cmdletName: String {
    switch self {
    case .heartbeat: return "Heartbeat"
    case .shutdown: return "Shutdown"
    case .timeSync: return "Time Synchronization"
    case .dataExchange: return "Key-Value Pair Exchange"
    case .backup: return "VSS"
    case .guestServices: return "Guest Service Interface"
    }
  }

  /// The VMBus device class the service's channel is offered with (fact sheet §4.1).
  public var deviceClass: VMBusDeviceClass {
    switch self {
    case .heartbeat: return .heartbeat
    case .shutdown: return .shutdown
    case .timeSync: return .timeSync
    case .dataExchange: return .keyValuePair
    case .backup: return .volumeShadowCopy
    case .guestServices: return .fileCopy
    }
  }

  /// Enabled by default on a new VM (guest services are off by default, fact sheet §4.9).
  public var enabledByDefault: Bool { self != .guestServices }

  /// The service whose channel is offered with `deviceClass`, if any.
  public init?(deviceClass: VMBusDeviceClass) {
    guard let service = Self.allCases.first(where: { $0.deviceClass == deviceClass }) else { return nil }
    self = service
  }
}

/// Whether the VM is on when the trace begins.
public enum InitialPowerState: String, Sendable, CaseIterable {
  /// VMBus connected and channels open before the trace starts (not recorded).
  case running
  /// The trace begins with the power-on (`start`).
  case off
}

/// How an emulated `REP OUTSW`/`REP INSW` traps.
///
/// **Model constant, UNCONFIRMED** (fact sheet §2.1 and §8 item 2): no public source says whether
/// Hyper-V's IDE emulation takes one VM exit per 16-bit word or one per string instruction. The
/// model's default is one exit per word, the naive count the fact sheet uses (≈264 intercepts per
/// 512-byte sector); lessons must say so.
public enum StringIOTrapping: String, Sendable, CaseIterable {
  case perWord
  case perString
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
  public var stringIOTrapping: StringIOTrapping
  public var costs: CostTable
  /// Replaces the guest's service-version list of a service (tests: a guest that shares no
  /// version with the host, to see the protocol mismatch path).
  public var guestServiceVersions: [IntegrationService: [ICVersion]] = [:]

  public init(
    scenarioID: String, seed: UInt64 = 1, hostVersion: HostVersion = .ws2012R2,
    vmName: String = "VM01", generation: VMGeneration = .one, disk: DiskController = .ide,
    guestHasIntegrationServices: Bool = true, enabledServices: [IntegrationService]? = nil,
    initialState: InitialPowerState = .running, compressRepeats: Bool = true,
    stringIOTrapping: StringIOTrapping = .perWord, costs: CostTable = .standard
  ) {
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
    self.stringIOTrapping = stringIOTrapping
    self.costs = costs
  }

  /// True when the disk I/O goes through the emulated IDE controller in vmwp.exe.
  public var usesEmulatedDisk: Bool { !guestHasIntegrationServices }
}
