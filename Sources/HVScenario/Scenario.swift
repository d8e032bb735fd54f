import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation

/// A parsed and validated scenario file (`Content/scenarios/<id>.yaml`, contract §1).
public struct Scenario: Sendable, Hashable {
  /// The path the file was read from, as the caller passed it (used in diagnostics).
  public var path: String
  public var id: String
  public var title: LocalizedText
  public var summary: LocalizedText?
  /// `label`: a short name for charts and switches that compare scenarios (`sweep`), such as
  /// "Bus-master DMA"; the title when absent.
  public var label: LocalizedText?
  public var seed: UInt64
  public var host: HostVersion
  public var vm: VMSettings
  public var steps: [ScenarioStep]

  public init(
    path: String, id: String, title: LocalizedText, summary: LocalizedText? = nil, seed: UInt64 = 1,
    host: HostVersion = .ws2012R2, vm: VMSettings = VMSettings(), steps: [ScenarioStep]
  ) {
    self.path = path
    self.id = id
    self.title = title
    self.summary = summary
    self.seed = seed
    self.host = host
    self.vm = vm
    self.steps = steps
  }

  /// The languages a scenario's `title` and `summary` need when the caller does not say
  /// (`hvwalk run` on a file); a site build passes the languages of its `site.yaml`.
  public static let languages = ["en", "vi"]
}

/// Text in each site language, in file order.
public struct LocalizedText: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public var language: String
    public var text: String

    public init(language: String, text: String) {
      self.language = language
      self.text = text
    }
  }

  public var entries: [Entry]

  public init(_ entries: [Entry]) { self.entries = entries }

  /// The text for `language`, if the file has it.
  public subscript(language: String) -> String? {
    entries.first { $0.language == language }?.text
  }
}

/// The `vm:` section.
public struct VMSettings: Sendable, Hashable {
  public var name: String
  public var generation: VMGeneration
  public var disk: DiskController
  public var integrationServices: IntegrationServicesSetting
  public var state: InitialPowerState
  /// `ide-transfer`: how the guest moves data through the emulated IDE controller.
  public var ideTransfer: IDETransferMode
  /// `guest: linux-<major>.<minor> | windows-server-2012r2 | windows-server-2016 |
  /// windows-server-2019`: the guest's operating system (default ``GuestOS/default``, Linux 6.12).
  public var guest: GuestOS = .default
  /// `network: none | legacy | synthetic` (default none).
  public var network: NetworkAdapter = .none

  public init(
    name: String = "VM01", generation: VMGeneration = .one, disk: DiskController = .ide,
    integrationServices: IntegrationServicesSetting = .all, state: InitialPowerState = .running,
    ideTransfer: IDETransferMode = .dma
  ) {
    self.ideTransfer = ideTransfer
    self.name = name
    self.generation = generation
    self.disk = disk
    self.integrationServices = integrationServices
    self.state = state
  }
}

/// `integration-services: none | all | [names]`.
///
/// `none` means a guest without Integration Services: no VMBus driver, only emulated devices; the
/// host keeps its default settings, so its services report `No Contact`. `all` means what the host
/// version offers with its default settings (guest services are off by default). A list enables
/// exactly the listed services for a VMBus-aware guest; an empty list `[]` is a VMBus-aware guest
/// with every service disabled.
public enum IntegrationServicesSetting: Sendable, Hashable {
  case none
  case all
  case list([IntegrationService])
}

/// One entry of `steps:`, with where it was written.
public struct ScenarioStep: Sendable, Hashable {
  public var kind: SimulationStep
  /// The step name as written (`write-disk`).
  public var action: String
  /// The value as written (`10 KiB`), empty for bare steps.
  public var argument: String
  public var location: SourceLocation

  public init(kind: SimulationStep, action: String, argument: String, location: SourceLocation) {
    self.kind = kind
    self.action = action
    self.argument = argument
    self.location = location
  }
}
