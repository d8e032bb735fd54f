/// SplitMix64 (Steele, Lea, Flood 2014), the generator tests draw their cases from.
///
/// It is the same algorithm, constants and derived draws as the simulation's own generator
/// (`Sources/HVSimulation/Kernel/SplitMix64.swift`), kept as a separate copy because test
/// support must not reach into the model; `SplitMix64Tests` pins both to the same sequence, so
/// `HVSimulationTests` can switch to this one without changing a case.
public struct SplitMix64: Sendable, Hashable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform draw in `0..<bound` without modulo bias (Lemire's multiply-and-reject method).
  public mutating func next(below bound: UInt64) -> UInt64 {
    precondition(bound > 0, "empty range")
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return product.high
  }

  /// A uniform draw in a closed integer range.
  public mutating func next(in range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) + 1
    return range.lowerBound + Int(next(below: width))
  }

  /// A generator for one named component, derived from a seed the way the simulation derives its
  /// per-component streams (FNV-1a of the name, mixed into the seed, one draw).
  public static func component(_ name: String, seed: UInt64) -> SplitMix64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64-bit offset basis
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    var mixer = SplitMix64(seed: seed ^ hash)
    return SplitMix64(seed: mixer.next())
  }
}
