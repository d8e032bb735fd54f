import HVHostModel

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

/// Named runs the sweeps and order checks share.
struct Case: CustomStringConvertible, Sendable {
  var name: String
  var configuration: SimulationConfiguration
  var steps: [StepRequest]

  var description: String { name }

  func with(seed: UInt64, compress: Bool = true) -> Case {
    var copy = self
    copy.configuration.seed = seed
    copy.configuration.compressRepeats = compress
    return copy
  }

  func simulation() -> Simulation { Simulation(configuration: configuration) }

  static func write(_ bytes: Int) -> StepRequest {
    StepRequest(.writeDisk(bytes: bytes), action: "write-disk", argument: "\(bytes) B")
  }

  static func read(_ bytes: Int) -> StepRequest {
    StepRequest(.readDisk(bytes: bytes), action: "read-disk", argument: "\(bytes) B")
  }

  static let start = StepRequest(.start, action: "start")
  static let turnOff = StepRequest(.turnOff, action: "turn-off")
  static let wait = StepRequest(.wait(nanoseconds: 1_000_000_000), action: "wait", argument: "1 s")

  static func emulated(
    _ steps: [StepRequest], state: InitialPowerState = .running,
    transfer: IDETransferMode = .dma
  ) -> Case {
    Case(
      name: "emulated \(transfer.rawValue) \(steps.map(\.action))",
      configuration: SimulationConfiguration(
        scenarioID: "emulated", guestHasIntegrationServices: false, initialState: state,
        ideTransfer: transfer),
      steps: steps)
  }

  static func synthetic(
    _ steps: [StepRequest], generation: VMGeneration = .two, host: HostVersion = .ws2012R2,
    state: InitialPowerState = .running
  ) -> Case {
    Case(
      name: "synthetic gen\(generation.rawValue) \(host.rawValue) \(steps.map(\.action))",
      configuration: SimulationConfiguration(
        scenarioID: "synthetic", hostVersion: host, generation: generation,
        disk: generation == .two ? .scsi : .ide, initialState: state),
      steps: steps)
  }

  static let sweep: [Case] = [
    emulated([write(10 * 1024)]),
    emulated([write(10 * 1024)], transfer: .pioPerWord),
    emulated([read(3 * 1024), write(1000)], transfer: .pio),
    emulated([start, write(1024), wait, turnOff, start, read(512)], state: .off),
    synthetic([write(10 * 1024)]),
    synthetic([write(9 * 1024 * 1024 + 3 * 1024)]),
    synthetic([read(1024 * 1024), write(4096)]),
    synthetic([write(300 * 1024)], generation: .one),
    synthetic([start, write(64 * 1024), turnOff], generation: .one, state: .off),
    synthetic([start, read(4096)], generation: .two, host: .ws2022, state: .off),
    synthetic([start, write(200 * 1024)], generation: .one, host: .ws2008, state: .off),
    // With the Integration Services running: long waits, faults, every service.
    services([wait(seconds: 600), write(1024 * 1024), wait(seconds: 30)]),
    services(
      [hang, wait(seconds: 300), resume, wait(seconds: 5)], [.heartbeat, .timeSync, .dataExchange]),
    services(
      [
        kvp(.enumerate, .auto), copy("/opt/a/b.bin", bytes: 300 * 1024, createFullPath: true),
        backup,
        disable(.timeSync), save, wait(seconds: 60), restore, shutdown(),
      ], IntegrationService.allCases),
    services(
      [start, wait(seconds: 30), shutdown(.reboot), wait(seconds: 5)], host: .ws2019, state: .off),
  ]
}
