/// The one scheduler of the model: actions ordered by (simulated time, sequence number).
///
/// Two actions at the same time run in the order they were scheduled, so a run is a pure function
/// of its inputs. There is no Swift concurrency anywhere in the model: task and actor scheduling is
/// not reproducible (ARCHITECTURE.md, "One scheduler"; model-codebases.md §4.3 item 1).
final class Scheduler {
  private struct Item {
    var time: Int
    var sequence: UInt64
    var action: () -> Void

    func precedes(_ other: Item) -> Bool {
      time != other.time ? time < other.time : sequence < other.sequence
    }
  }

  /// Simulated nanoseconds.
  private(set) var now = 0
  private var heap: [Item] = []
  private var nextSequence: UInt64 = 0
  /// How many actions ran, for the benchmark and the step limit.
  private(set) var executedActions = 0

  var isIdle: Bool { heap.isEmpty }

  /// Time of the earliest pending action.
  var nextTime: Int? { heap.first?.time }

  /// Schedules `action` at absolute simulated time `time` (never in the past).
  func schedule(at time: Int, _ action: @escaping () -> Void) {
    precondition(time >= now, "an action cannot be scheduled in the past (\(time) < \(now))")
    heap.append(Item(time: time, sequence: nextSequence, action: action))
    nextSequence += 1
    siftUp(heap.count - 1)
  }

  /// Runs actions in order until none is left.
  /// - Parameter maxActions: a guard against a model that never settles; exceeding it is a bug.
  func runUntilIdle(maxActions: Int = 50_000_000) {
    var budget = maxActions
    while let item = popFirst() {
      precondition(item.time >= now, "simulated time went backwards")
      now = item.time
      executedActions += 1
      budget -= 1
      precondition(budget > 0, "the model did not settle within \(maxActions) actions")
      item.action()
    }
  }

  /// Moves the clock forward without running anything: how a compressed repeat accounts for the
  /// iterations it did not execute. Nothing may be pending inside the skipped interval.
  func advance(by nanoseconds: Int) {
    precondition(nanoseconds >= 0)
    let target = now + nanoseconds
    if let next = nextTime { precondition(next >= target, "an action is pending inside a skip") }
    now = target
  }

  /// Sets the clock back to zero; only when idle (the silent power-on before a trace begins).
  func resetClock() {
    precondition(isIdle, "the clock can only be reset when nothing is pending")
    now = 0
  }

  private func popFirst() -> Item? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let first = heap.removeLast()
    if !heap.isEmpty { siftDown(0) }
    return first
  }

  private func siftUp(_ index: Int) {
    var child = index
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].precedes(heap[parent]) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private func siftDown(_ index: Int) {
    var parent = index
    while true {
      let left = 2 * parent + 1, right = left + 1
      var first = parent
      if left < heap.count, heap[left].precedes(heap[first]) { first = left }
      if right < heap.count, heap[right].precedes(heap[first]) { first = right }
      if first == parent { return }
      heap.swapAt(parent, first)
      parent = first
    }
  }
}
