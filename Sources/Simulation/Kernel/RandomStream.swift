/// A component's own seeded stream of draws, shared by reference.
///
/// Each component derives its stream from the scenario's seed and its own name
/// (``SplitMix64/component(_:seed:)``), so adding draws to one component never shifts the numbers
/// another sees (ARCHITECTURE.md, "Seeds flow one way"). A class rather than the bare generator so
/// the composition root can hand one stream to the two components that historically share it
/// (the Integration Services' instance ids are drawn when VMBus offers their channels).
package final class RandomStream {
  private var generator: SplitMix64

  package init(component name: String, seed: UInt64) {
    generator = .component(name, seed: seed)
  }

  /// A uniform draw in `0..<bound`.
  package func next(below bound: UInt64) -> UInt64 { generator.next(below: bound) }

  /// A uniform draw in `range`.
  package func next(in range: ClosedRange<Int>) -> Int { generator.next(in: range) }

  /// A raw 64-bit draw.
  package func next() -> UInt64 { generator.next() }
}
