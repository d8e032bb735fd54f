import HVDiagnostics
import HVHostModel
import HVIntegrationServices
import HVSimulation
import HVTrace

/// Runs scenarios on the simulation.
public enum ScenarioRunner {
  /// The simulation configuration a scenario describes.
  /// - Parameters:
  ///   - seedOverride: replaces the file's seed (`hvwalk run --seed N`).
  ///   - compressRepeats: false executes and records every iteration (tests compare both forms).
  public static func configuration(
    for scenario: Scenario, seedOverride: UInt64? = nil, compressRepeats: Bool = true
  ) -> SimulationConfiguration {
    let enabled: [IntegrationService]?
    switch scenario.vm.integrationServices {
    case .none, .all: enabled = nil
    case .list(let services): enabled = services
    }
    return SimulationConfiguration(
      scenarioID: scenario.id, seed: seedOverride ?? scenario.seed, hostVersion: scenario.host,
      vmName: scenario.vm.name, generation: scenario.vm.generation, disk: scenario.vm.disk,
      guestHasIntegrationServices: scenario.vm.integrationServices != .none,
      enabledServices: enabled, initialState: scenario.vm.state, compressRepeats: compressRepeats,
      ideTransfer: scenario.vm.ideTransfer, guest: scenario.vm.guest,
      network: scenario.vm.network)
  }

  /// The steps as the simulation takes them.
  public static func requests(for scenario: Scenario) -> [StepRequest] {
    scenario.steps.map { StepRequest($0.kind, action: $0.action, argument: $0.argument) }
  }

  /// Runs `scenario` and returns its trace. Same scenario and seed ⇒ the same trace.
  public static func run(_ scenario: Scenario, seedOverride: UInt64? = nil) -> Trace {
    let simulation = Simulation(
      configuration: configuration(for: scenario, seedOverride: seedOverride))
    return simulation.run(requests(for: scenario))
  }

  /// What `hvwalk run` does once it has the file's text: parse, run, render.
  /// - Returns: the rendered trace, or nil and the diagnostics to print.
  public static func render(
    source: String, path: String, seedOverride: UInt64?, format: TraceFormat
  ) -> (output: String?, diagnostics: [Diagnostic]) {
    let (scenario, diagnostics) = ScenarioParser.parse(source: source, path: path)
    guard let scenario else { return (nil, diagnostics) }
    let trace = run(scenario, seedOverride: seedOverride)
    if let tooLarge = ScenarioLimits.checkRecorded(trace, of: scenario) {
      return (nil, diagnostics + [tooLarge])
    }
    return (trace.rendered(as: format), diagnostics)
  }

  /// The file `hvwalk run <argument>` reads: a path as given (it contains `/` or ends in `.yaml`
  /// or `.yml`), otherwise `<content>/scenarios/<id>.yaml`.
  public static func scenarioPath(for argument: String, contentDirectory: String) -> String {
    if argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") {
      return argument
    }
    let base =
      contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
    return "\(base)/scenarios/\(argument).yaml"
  }
}
