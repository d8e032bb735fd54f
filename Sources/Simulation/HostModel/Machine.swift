/// What the host and the VM are: the vocabulary every component of the model shares.

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

/// The VM's network adapter (`vm.network`), the other half of "emulated vs synthetic".
public enum NetworkAdapter: String, Sendable, CaseIterable {
  /// No network adapter (the model's default, so the disk and service scenarios stay focused).
  case none
  /// The *Legacy Network Adapter*: a DEC 21140 "Tulip" emulated in vmwp.exe (generation 1
  /// only); every register access traps.
  case legacy
  /// The *Network Adapter*: netvsc in the guest, the virtual switch's NetVSP in the root,
  /// VMBus between them (needs a VMBus-aware guest).
  case synthetic
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

  /// Enabled by default on a new VM (guest services are off by default, fact sheet §4.9).
  public var enabledByDefault: Bool { self != .guestServices }


  /// The order a host offers the services' channels in (see `Power.offeredDevices`).
  public static let offerOrder: [IntegrationService] = [
    .guestServices, .heartbeat, .dataExchange, .shutdown, .timeSync, .backup,
  ]
}
