import HVHostModel
import HVTrace
import Testing

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

/// A compressed run (one iteration executed, the rest applied) must end exactly where a run that
/// executes every iteration ends: same counters, same time, same component state.
@Suite struct CompressionTests {
  static func both(_ run: Case) -> (
    compressed: (Trace, SimulationSnapshot), full: (Trace, SimulationSnapshot)
  ) {
    let a = run.with(seed: run.configuration.seed, compress: true).simulation()
    let compressed = a.run(run.steps)
    let b = run.with(seed: run.configuration.seed, compress: false).simulation()
    let full = b.run(run.steps)
    return ((compressed, a.snapshot), (full, b.snapshot))
  }

  static let cases: [Case] = {
    var perString = Case.emulated([Case.write(513 * 512), Case.read(300 * 512)])
    perString.configuration.stringIOTrapping = .perString
    perString.name = "emulated per-string 2 commands + 1 sector, then a read"
    return [
      Case.emulated([Case.write(10 * 1024)], transfer: .pioPerWord),
      perString,
      // DMA: more than one command per write, so the per-command loop compresses.
      Case.emulated([Case.write(300 * 1024)]),
      Case.synthetic([Case.write(9 * 1024 * 1024 + 3 * 1024)]),
      Case.synthetic([Case.read(8 * 1024 * 1024)]),
      Case.synthetic([Case.start, Case.write(4096)], generation: .one, state: .off),
    ]
  }()

  @Test(arguments: cases)
  func compressedEqualsExecuted(_ run: Case) {
    for seed in UInt64(1)...3 {
      let (compressed, full) = Self.both(run.with(seed: seed))
      #expect(compressed.0.totals == full.0.totals, "seed \(seed)")
      #expect(compressed.0.steps.map(\.totals) == full.0.steps.map(\.totals))
      let (a, b) = (compressed.1, full.1)
      #expect(a.now == b.now, "seed \(seed)")
      #expect(
        a.channels.map(\.outbound) == b.channels.map(\.outbound), "seed \(seed): outbound rings")
      #expect(a.channels.map(\.inbound) == b.channels.map(\.inbound), "seed \(seed): inbound rings")
      #expect(a.ide == b.ide, "seed \(seed): IDE controller")
      #expect(a.storvsc == b.storvsc, "seed \(seed): storvsc")
      #expect(a.tallies == b.tallies, "seed \(seed): tallies")
      #expect(a == b, "seed \(seed): some other state differs")
      let stored = compressed.0.steps.flatMap(\.entries).reduce(0) { $0 + $1.storedEventCount }
      let expanded = compressed.0.steps.flatMap(\.entries).reduce(0) { $0 + $1.expandedEventCount }
      let fullStored = full.0.steps.flatMap(\.entries).reduce(0) { $0 + $1.storedEventCount }
      #expect(expanded == fullStored, "compression must stand for exactly the executed events")
      #expect(stored < fullStored)
    }
  }

  @Test func memoryDoesNotGrowWithTheWriteSize() {
    // The worst case, per-word PIO, is where a trace could grow with the size.
    let smallCase = Case.emulated([Case.write(1024 * 1024)], transfer: .pioPerWord)
    let largeCase = Case.emulated([Case.write(64 * 1024 * 1024)], transfer: .pioPerWord)
    let small = smallCase.simulation()
    let smallTrace = small.run(smallCase.steps)
    let large = largeCase.simulation()
    let largeTrace = large.run(largeCase.steps)
    let storedSmall = smallTrace.storedEvents.count, storedLarge = largeTrace.storedEvents.count
    #expect(storedLarge == storedSmall)
    #expect(large.executedEvents == small.executedEvents)
    #expect(largeTrace.totals.intercepts == 512 * (8 + 257 * 256))
    #expect(largeTrace.totals.intercepts > 30_000_000)
  }
}
