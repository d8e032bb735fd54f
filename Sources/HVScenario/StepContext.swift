import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import Yams

/// What the parser knows about the VM while it reads the steps in order: its power state, whether
/// the guest is hung, which services are enabled and which channels were rescinded. Each step is
/// checked against it, so an author learns at once that `write-disk` needs a running VM, without
/// running anything. It predicts the outcome of `shutdown` the way the simulation decides it.
struct StepContext {
  enum Power: String {
    case off
    case running
    case saved
  }

  let vm: VMSettings
  let host: HostVersion
  var power: Power
  var hung = false
  var enabled: Set<IntegrationService>
  var rescinded: Set<ChannelTarget> = []
  /// A shutdown the hung guest will read, and obey, once it resumes.
  var pendingShutdown: ShutdownMode?

  init(vm: VMSettings, host: HostVersion) {
    self.vm = vm
    self.host = host
    power = vm.state == .running ? .running : .off
    switch vm.integrationServices {
    case .none, .all: enabled = Set(host.offeredServices.filter(\.enabledByDefault))
    case .list(let services): enabled = Set(services)
    }
  }

  var guestHasIntegrationServices: Bool { vm.integrationServices != .none }

  /// True when the host can ask the guest through `service` at this point.
  func serviceWorks(_ service: IntegrationService) -> Bool {
    guestHasIntegrationServices && enabled.contains(service)
      && !rescinded.contains(.service(service))
  }

  mutating func apply(_ step: ScenarioStep, node: Node, reader: YAMLReader) {
    let action = step.action
    switch step.kind {
    case .start:
      if power != .off {
        reader.error(
          node, .scenarioPowerState,
          "'start' needs a VM that is off, but it is \(power.rawValue) here",
          suggestion: power == .saved
            ? "use '- restore' to start a saved VM" : "set vm.state: off to trace the power-on")
      }
      boot()
    case .turnOff:
      requireRunning(action, node: node, reader: reader)
      power = .off
      hung = false
    case .writeDisk, .readDisk:
      requireRunning(action, node: node, reader: reader, suggestion: "add '- start' before it")
      requireResponsive(action, node: node, reader: reader)
    case .sendPackets, .receivePackets:
      requireRunning(action, node: node, reader: reader, suggestion: "add '- start' before it")
      requireResponsive(action, node: node, reader: reader)
      if vm.network == .none {
        reader.error(
          node, .scenarioIncompatible, "'\(action)' needs a network adapter, and this VM has none",
          suggestion: "set vm.network: synthetic (or legacy on generation 1)")
      }
    case .wait, .status:
      break
    case .shutdown(let request):
      requireRunning(action, node: node, reader: reader)
      shutdown(request)
    case .save:
      requireRunning(action, node: node, reader: reader)
      power = .saved
    case .restore:
      if power != .saved {
        reader.error(
          node, .scenarioPowerState, "'restore' needs a saved VM, but it is \(power.rawValue) here",
          suggestion: "add '- save' before it")
      }
      power = .running
    case .kvp, .backup, .copyFile:
      requireRunning(action, node: node, reader: reader)
    case .enableService(let service), .disableService(let service):
      if hung || power == .saved {
        reader.error(
          node, .scenarioPowerState,
          "'\(action)' while the guest is \(hung ? "hung" : "saved") is not modelled",
          suggestion: hung ? "add '- resume-guest' before it" : "add '- restore' before it")
      }
      if case .enableService = step.kind {
        enabled.insert(service)
        rescinded.remove(.service(service))
      } else {
        enabled.remove(service)
      }
    case .hangGuest:
      requireRunning(action, node: node, reader: reader)
      if hung {
        reader.error(node, .scenarioPowerState, "'hang-guest': the guest is already hung here")
      }
      hung = true
    case .resumeGuest:
      if !hung || power != .running {
        reader.error(
          node, .scenarioPowerState, "'resume-guest' needs a hung guest, but it is not hung here",
          suggestion: "add '- hang-guest' before it")
      }
      hung = false
      if let mode = pendingShutdown {
        pendingShutdown = nil
        obey(mode)
      }
    case .rescindChannel(let target):
      rescind(target, step: step, node: node, reader: reader)
    }
  }

  private mutating func boot() {
    power = .running
    hung = false
    rescinded = []
    pendingShutdown = nil
  }

  /// The simulation's choice: with the service the guest obeys (later, if hung); a request the
  /// negotiated version lacks is refused; without the service Stop-VM turns the VM off.
  private mutating func shutdown(_ request: ShutdownRequest) {
    guard serviceWorks(.shutdown) else {
      switch request.mode {
      case .shutdown: power = .off
      case .reboot: boot()
      case .hibernate: break
      }
      if power == .off { hung = false }
      return
    }
    let newest = IntegrationService.shutdown.hostServiceVersions(host).first ?? ICVersion(1, 0)
    guard newest >= request.mode.minimumVersion else { return }
    if hung {
      pendingShutdown = pendingShutdown ?? request.mode
      return
    }
    obey(request.mode)
  }

  private mutating func obey(_ mode: ShutdownMode) {
    if mode == .reboot {
      boot()
    } else {
      power = .off
      hung = false
    }
  }

  private mutating func rescind(
    _ target: ChannelTarget, step: ScenarioStep, node: Node, reader: YAMLReader
  ) {
    requireRunning(step.action, node: node, reader: reader)
    guard guestHasIntegrationServices else {
      reader.error(
        node, .scenarioIncompatible,
        "'rescind-channel': a guest without Integration Services has no VMBus channels")
      return
    }
    if hung {
      reader.error(
        node, .scenarioPowerState, "'rescind-channel' while the guest is hung is not modelled",
        suggestion: "add '- resume-guest' before it")
    }
    if case .service(let service) = target, !enabled.contains(service) {
      reader.error(
        node, .scenarioPowerState,
        "'rescind-channel': '\(service.rawValue)' is disabled here, so it has no channel")
    } else if rescinded.contains(target) {
      reader.error(
        node, .scenarioPowerState, "'rescind-channel': '\(step.argument)' was already rescinded")
    }
    rescinded.insert(target)
  }

  private func requireRunning(
    _ action: String, node: Node, reader: YAMLReader, suggestion: String? = nil
  ) {
    guard power != .running else { return }
    reader.error(
      node, .scenarioPowerState, "'\(action)' needs a running VM, but it is \(power.rawValue) here",
      suggestion: power == .saved ? "add '- restore' before it" : suggestion)
  }

  private func requireResponsive(_ action: String, node: Node, reader: YAMLReader) {
    guard hung, power == .running else { return }
    reader.error(
      node, .scenarioPowerState, "'\(action)' needs a responsive guest, but it is hung here",
      suggestion: "add '- resume-guest' before it")
  }
}
