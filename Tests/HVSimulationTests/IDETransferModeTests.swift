import HVHostModel
import HVTrace
import Testing

@testable import HVSimulation
@testable import HVStorage

/// The three ways the emulated IDE disk moves data (issue 13, fact sheet §9.1–9.2). The expected
/// intercept counts are derived here from the ATA / Bus Master IDE protocol, instruction by
/// instruction, not taken from the model's output.
@Suite struct IDETransferModeTests {
  /// The ATA commands a write of `sectors` needs: at most 256 sectors each (LBA28).
  static func commands(_ sectors: Int) -> [Int] {
    stride(from: 0, to: sectors, by: 256).map { min(256, sectors - $0) }
  }

  /// PIO write, per command: a status poll, five task-file registers and the command, then per
  /// sector a status read (DRQ) and the data, and a final status read.
  static func pioIntercepts(sectors: Int, dataAccessesPerSector: Int) -> Int {
    commands(sectors).reduce(0) { total, count in
      total + 1 + 5 + 1 + count * (1 + dataAccessesPerSector) + 1
    }
  }

  /// DMA, per command: PRD table address, bus-master direction, bus-master status cleared, five
  /// task-file registers, the command, the start bit; after the interrupt the bus-master status
  /// read, the start bit cleared, the ATA status read.
  static func dmaIntercepts(sectors: Int) -> Int {
    let perCommand = 1 + 1 + 1 + 5 + 1 + 1 + 1 + 1 + 1
    return perCommand * commands(sectors).count
  }

  func writeTrace(_ bytes: Int, _ mode: IDETransferMode) -> Trace {
    var configuration = SimulationConfiguration(
      scenarioID: "ide-\(mode.rawValue)", guestHasIntegrationServices: false)
    configuration.ideTransfer = mode
    let step = StepRequest(.writeDisk(bytes: bytes), action: "write-disk", argument: "\(bytes) B")
    return Simulation(configuration: configuration).run([step])
  }

  @Test(arguments: [10 * 1024, 1024 * 1024, 64 * 1024 * 1024 + 512])
  func interceptsFollowTheInstructionStream(bytes: Int) {
    let sectors = (bytes + 511) / 512
    let perWord = writeTrace(bytes, .pioPerWord).steps[0].totals
    let pio = writeTrace(bytes, .pio).steps[0].totals
    let dma = writeTrace(bytes, .dma).steps[0].totals
    #expect(perWord.intercepts == Self.pioIntercepts(sectors: sectors, dataAccessesPerSector: 256))
    #expect(pio.intercepts == Self.pioIntercepts(sectors: sectors, dataAccessesPerSector: 1))
    #expect(dma.intercepts == Self.dmaIntercepts(sectors: sectors))
    #expect(dma.intercepts < pio.intercepts && pio.intercepts < perWord.intercepts)
  }

  @Test func theHeadlineWriteInEachMode() {
    // 10 KiB = 20 sectors in one command.
    #expect(writeTrace(10 * 1024, .pioPerWord).steps[0].totals.intercepts == 5_148)
    #expect(writeTrace(10 * 1024, .pio).steps[0].totals.intercepts == 48)
    #expect(writeTrace(10 * 1024, .dma).steps[0].totals.intercepts == 13)
  }

  @Test func dmaCostsTheSameWhateverTheSizeOfOneCommand() {
    let small = writeTrace(512, .dma).steps[0].totals
    let large = writeTrace(128 * 1024, .dma).steps[0].totals
    #expect(small.intercepts == large.intercepts)
    #expect(small.interrupts == large.interrupts)
    #expect(large.bytesCopied >= 128 * 1024)
  }

  @Test func aRepStringInstructionShowsRepPrefixAndRCX() {
    let trace = writeTrace(1024, .pio)
    let exits = trace.storedEvents.filter { $0.kind == .vmExit && $0.label.hasPrefix("REP OUTSW") }
    #expect(!exits.isEmpty, "a repeat group stores the sector loop's body once")
    for exit in exits {
      #expect(exit.detail("rep_prefix")?.text == "1")
      #expect(exit.detail("string_op")?.text == "1")
      #expect(exit.detail("rcx")?.text == "256")
    }
  }

  @Test func dmaInstallsTheBusMasterIntercepts() {
    var configuration = SimulationConfiguration(
      scenarioID: "ide-dma", guestHasIntegrationServices: false, initialState: .off)
    configuration.ideTransfer = .dma
    let trace = Simulation(configuration: configuration).run([StepRequest(.start, action: "start")])
    let install = trace.storedEvents.first { $0.message == "HvCallInstallIntercept" }
    #expect(install?.label.contains("0xC000–0xC00F") == true)
  }

  @Test func everyModeKeepsTheInvariants() {
    for mode in IDETransferMode.allCases {
      var configuration = SimulationConfiguration(
        scenarioID: "ide", guestHasIntegrationServices: false)
      configuration.ideTransfer = mode
      let simulation = Simulation(configuration: configuration)
      var problems: [String] = []
      simulation.observer = { simulation, _ in
        problems += simulation.invariantViolations().map(\.description)
      }
      _ = simulation.run([
        StepRequest(.writeDisk(bytes: 300 * 1024), action: "write-disk"),
        StepRequest(.readDisk(bytes: 8 * 1024), action: "read-disk"),
      ])
      #expect(problems.isEmpty, "\(mode): \(problems.prefix(3))")
    }
  }
}
