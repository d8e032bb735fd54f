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
