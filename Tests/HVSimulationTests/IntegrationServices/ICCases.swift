import HVHostModel
import HVTrace

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

/// Steps and runs for the Integration Service tests.
extension Case {
  /// A running generation 2 VM with the given services (nil: the host's defaults).
  static func services(
    _ steps: [StepRequest], _ services: [IntegrationService]? = nil, host: HostVersion = .ws2012R2,
    state: InitialPowerState = .running, guestHasIntegrationServices: Bool = true,
    guestKernel: GuestKernel = .defaultLTS, guest: GuestOS? = nil
  ) -> Case {
    let names = services.map { $0.map(\.rawValue).joined(separator: ",") } ?? "defaults"
    return Case(
      name: "\(host.rawValue) [\(names)] \(steps.map(\.action))",
      configuration: SimulationConfiguration(
        scenarioID: "services", hostVersion: host,
        generation: guestHasIntegrationServices ? .two : .one,
        disk: guestHasIntegrationServices ? .scsi : .ide,
        guestHasIntegrationServices: guestHasIntegrationServices, enabledServices: services,
        initialState: state, guestKernel: guestKernel, guest: guest),
      steps: steps)
  }

  static func wait(seconds: Int) -> StepRequest {
    StepRequest(
      .wait(nanoseconds: seconds * 1_000_000_000), action: "wait", argument: "\(seconds) s")
  }

  static let hang = StepRequest(.hangGuest, action: "hang-guest")
  static let resume = StepRequest(.resumeGuest, action: "resume-guest")
  static let status = StepRequest(.status, action: "status")
  static let save = StepRequest(.save, action: "save")
  static let restore = StepRequest(.restore, action: "restore")
  static let backup = StepRequest(.backup, action: "backup")

  static func shutdown(_ mode: ShutdownMode = .shutdown, force: Bool = false) -> StepRequest {
    StepRequest(
      .shutdown(ShutdownRequest(mode: mode, force: force)), action: "shutdown",
      argument: mode.rawValue)
  }

  static func kvp(_ operation: KVPOperation, _ pool: KVPPool, key: String = "", value: String = "")
    -> StepRequest
  {
    StepRequest(
      .kvp(KVPRequest(operation: operation, pool: pool, key: key, value: value)), action: "kvp",
      argument: operation.identifier)
  }

  static func copy(
    _ destination: String, bytes: Int, createFullPath: Bool = false, force: Bool = false
  ) -> StepRequest {
    let request = CopyFileRequest(
      source: "C:\\Deploy\\file.bin", destination: destination, size: bytes,
      createFullPath: createFullPath, force: force)
    return StepRequest(.copyFile(request), action: "copy-file", argument: destination)
  }

  static func enable(_ service: IntegrationService) -> StepRequest {
    StepRequest(.enableService(service), action: "enable-service", argument: service.rawValue)
  }

  static func disable(_ service: IntegrationService) -> StepRequest {
    StepRequest(.disableService(service), action: "disable-service", argument: service.rawValue)
  }

  static func rescind(_ target: ChannelTarget) -> StepRequest {
    StepRequest(.rescindChannel(target), action: "rescind-channel")
  }

  /// Runs with the invariant observer; returns the trace, the simulation and every problem.
  func checked() -> (trace: Trace, simulation: Simulation, problems: [String]) {
    let simulation = simulation()
    var problems: [String] = []
    simulation.observer = { simulation, _ in
      for problem in simulation.invariantViolations().map(\.description)
      where !problems.contains(problem) {
        problems.append(problem)
      }
    }
    simulation.prepare()
    let open = Set(simulation.channels.filter { $0.state == .opened }.map { Int($0.relid) })
    for step in steps { simulation.runStep(step) }
    let trace = simulation.finish()
    problems += TraceChecks.problems(trace, channelsOpenAtStart: open)
    return (trace, simulation, problems)
  }
}

/// Reading IC traffic out of a trace.
enum ICTrace {
  /// Ring packets carrying `message` (`ICMSGTYPE_HEARTBEAT`), stored events only.
  static func packets(_ trace: Trace, _ message: String) -> [TraceEvent] {
    trace.storedEvents.filter { $0.kind == .ringPacket && $0.message == message }
  }

  static func isRequest(_ event: TraceEvent) -> Bool {
    event.detail("icflags")?.text.hasPrefix("3 ") == true
  }
  static func isAnswer(_ event: TraceEvent) -> Bool {
    event.detail("icflags")?.text.hasPrefix("5 ") == true
  }

  /// How many events match, every repeat expanded.
  static func count(_ trace: Trace, where include: @escaping (TraceEvent) -> Bool) -> Int {
    var total = 0
    func walk(_ entries: [TraceEntry], _ multiplier: Int) {
      for entry in entries {
        switch entry {
        case .event(let event): if include(event) { total += multiplier }
        case .group(let group): walk(group.entries, multiplier * group.count)
        }
      }
    }
    for step in trace.steps { walk(step.entries, 1) }
    return total
  }

  /// The status `Get-VMIntegrationService` shows for `name` at the end.
  static func status(_ trace: Trace, _ name: String) -> IntegrationServiceStatus? {
    trace.integrationServices.first { $0.name == name }
  }

  static func logged(_ trace: Trace, _ text: String) -> Bool {
    trace.hostLog.contains { $0.message.contains(text) }
  }
}
