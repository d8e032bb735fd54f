import HVTestSupport
import Testing

/// The test-support generator gives the sequence the simulation's generator gives (values taken
/// from `Sources/Simulation/Kernel/SplitMix64.swift` at the time of the copy; the first one is
/// the published SplitMix64 reference value for seed 0), so suites can switch to it unchanged.
@Suite struct SplitMix64Tests {
  @Test func rawDrawsMatchTheReference() {
    var generator = SplitMix64(seed: 0)
    #expect(
      [generator.next(), generator.next(), generator.next()] == [
        0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
      ])
  }

  @Test func boundedDrawsMatchTheSimulation() {
    var below = SplitMix64(seed: 42)
    #expect((0..<8).map { _ in below.next(below: 10) } == [7, 1, 2, 3, 0, 8, 2, 8])
    var inRange = SplitMix64(seed: 7)
    #expect((0..<8).map { _ in inRange.next(in: -3...3) } == [-1, -3, 3, 1, 0, -2, 0, -1])
  }

  @Test func componentStreamsMatchTheSimulation() {
    var stream = SplitMix64.component("vmbus", seed: 1)
    #expect(
      [stream.next(), stream.next(), stream.next()] == [
        0xF2B4_14AF_57A4_4EE0, 0xDF68_A00A_F4CB_316F, 0x12A9_D19D_040B_760B,
      ])
  }
}
