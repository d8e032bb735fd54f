import Foundation

/// Lets a parallel loop write each result into its own slot of a buffer. Safe only because every
/// iteration writes a different index and the buffer outlives the loop (`concurrentPerform`
/// returns after all iterations); results are read in index order, so output never depends on
/// which core finished first.
struct UnsafeSendable<Value>: @unchecked Sendable {
  let value: Value

  init(_ value: Value) {
    self.value = value
  }
}

extension Array where Element: Sendable {
  /// `map` on all cores, results in the original order. `parallel: false` runs serially (the
  /// build offers both, and tests compare them).
  func parallelMap<Result: Sendable>(
    parallel: Bool = true, _ transform: @Sendable (Element) -> Result
  ) -> [Result] {
    guard parallel, count > 1 else { return map(transform) }
    var results = [Result?](repeating: nil, count: count)
    let elements = self
    results.withUnsafeMutableBufferPointer { buffer in
      let slots = UnsafeSendable(buffer)
      DispatchQueue.concurrentPerform(iterations: elements.count) {
        slots.value[$0] = transform(elements[$0])
      }
    }
    return results.map { $0! }
  }
}
