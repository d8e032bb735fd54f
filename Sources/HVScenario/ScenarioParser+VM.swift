import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import Yams

extension ScenarioParser {
  static let vmKeys = [
    "name", "generation", "disk", "integration-services", "state", "ide-transfer", "guest",
    "network",
  ]
  static let integrationServiceKeywords = ["none", "all"]

  /// The `vm:` section with its defaults: VM01, generation 1, the generation's disk, all services,
  /// running.
  static func readVM(_ node: Node?, host: HostVersion, reader: YAMLReader) -> VMSettings {
    var settings = VMSettings()
    guard let node, let entries = reader.mapping(node, "vm") else { return settings }
    reader.rejectUnknownKeys(entries, allowed: vmKeys, in: "vm")
    if let value = reader.value("name", in: entries, of: node, what: "vm"),
      let name = reader.scalar(value, "vm name")
    {
      if name.isEmpty { reader.error(value, .scenarioInvalidValue, "the VM name is empty") }
      settings.name = name
    }
    if let value = reader.value("generation", in: entries, of: node, what: "vm"),
      let text = reader.choice(value, "generation", ["1", "2"]), let number = Int(text)
    {
      settings.generation = VMGeneration(rawValue: number) ?? .one
    }
    let diskNode = reader.value("disk", in: entries, of: node, what: "vm")
    if let diskNode,
      let text = reader.choice(diskNode, "disk", DiskController.allCases.map(\.rawValue))
    {
      settings.disk = DiskController(rawValue: text) ?? .ide
    } else if diskNode == nil {
      settings.disk = settings.generation == .two ? .scsi : .ide
    }
    if settings.generation == .two, settings.disk == .ide, let diskNode {
      reader.error(
        diskNode, .scenarioIncompatible, "a generation 2 VM has no IDE controller",
        suggestion: "use disk: scsi, or generation: 1")
    }
    let servicesNode = reader.value("integration-services", in: entries, of: node, what: "vm")
    if let servicesNode {
      settings.integrationServices = readServices(servicesNode, host: host, reader: reader)
    }
    if settings.integrationServices == .none, settings.disk == .scsi {
      reader.error(
        servicesNode ?? diskNode, .scenarioIncompatible,
        "a SCSI disk needs a VMBus-aware guest, but integration-services is none",
        suggestion: "use integration-services: all, or disk: ide on generation 1")
    }
    if let value = reader.value("state", in: entries, of: node, what: "vm"),
      let text = reader.choice(value, "state", InitialPowerState.allCases.map(\.rawValue))
    {
      settings.state = InitialPowerState(rawValue: text) ?? .running
    }
    if let value = reader.value("ide-transfer", in: entries, of: node, what: "vm"),
      let text = reader.choice(value, "ide-transfer", IDETransferMode.allCases.map(\.rawValue))
    {
      settings.ideTransfer = IDETransferMode(rawValue: text) ?? .dma
      if settings.generation == .two {
        reader.error(
          value, .scenarioIncompatible, "a generation 2 VM has no IDE controller",
          suggestion: "remove ide-transfer, or use generation: 1")
      }
    }
    if let value = reader.value("network", in: entries, of: node, what: "vm"),
      let text = reader.choice(value, "network", NetworkAdapter.allCases.map(\.rawValue))
    {
      settings.network = NetworkAdapter(rawValue: text) ?? .none
      if settings.network == .legacy && settings.generation == .two {
        reader.error(
          value, .scenarioIncompatible, "a generation 2 VM has no Legacy Network Adapter",
          suggestion: "use network: synthetic, or generation: 1")
      }
      if settings.network == .synthetic && settings.integrationServices == .none {
        reader.error(
          value, .scenarioIncompatible,
          "the synthetic network adapter needs a VMBus-aware guest (integration-services: none)",
          suggestion: "use network: legacy, or give the guest Integration Services")
      }
    }
    if let value = reader.value("guest", in: entries, of: node, what: "vm"),
      let text = reader.scalar(value, "guest")
    {
      let windows = WindowsRelease.allCases.map(\.rawValue)
      switch GuestOS(parsing: text) {
      case .windows(let release)?:
        settings.guest = .windows(release)
      case .linux(let kernel)? where kernel >= .oldest && kernel <= .newest:
        settings.guest = .linux(kernel)
      case .linux?:
        reader.error(
          value, .scenarioInvalidValue,
          "the model knows Linux \(GuestKernel.oldest.major).\(GuestKernel.oldest.minor) to \(GuestKernel.newest.major).x, not '\(text)'",
          suggestion: "write guest: \(GuestKernel.defaultLTS)")
      case nil:
        let near = Suggestion.closest(to: text.lowercased(), in: windows)
        reader.error(
          value, .scenarioInvalidValue,
          "'\(text)' is not a guest the model knows; write linux-<major>.<minor> or one of \(windows.joined(separator: ", "))",
          suggestion: near.map { "write guest: \($0)" } ?? "write guest: \(GuestKernel.defaultLTS)")
      }
    }
    return settings
  }

  private static func readServices(
    _ node: Node, host: HostVersion, reader: YAMLReader
  ) -> IntegrationServicesSetting {
    let names = IntegrationService.allCases.map(\.rawValue)
    if case .scalar(let scalar) = node {
      let text = scalar.string
      if text == "none" { return .none }
      if text == "all" { return .all }
      reader.error(
        node, .scenarioInvalidValue,
        "integration-services must be none, all or a list of service names, not '\(text)'",
        suggestion: Suggestion.didYouMean(text, in: integrationServiceKeywords + names))
      return .all
    }
    guard case .sequence(let sequence) = node else {
      reader.error(
        node, .scenarioInvalidValue, "integration-services must be none, all or a list")
      return .all
    }
    var services: [IntegrationService] = []
    for item in sequence {
      guard let text = reader.choice(item, "integration service", names),
        let service = IntegrationService(rawValue: text)
      else { continue }
      if services.contains(service) {
        reader.error(item, .scenarioDuplicateValue, "'\(text)' is listed twice")
      } else if !host.offeredServices.contains(service) {
        reader.error(
          item, .scenarioIncompatible,
          "a \(host.rawValue) host does not offer '\(text)' (it exists from 2012R2)")
      } else {
        services.append(service)
      }
    }
    return .list(services)
  }
}
