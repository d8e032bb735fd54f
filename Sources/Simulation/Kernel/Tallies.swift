/// Additive tallies the components keep of what they handled (hypercalls, emulated port
/// accesses, ring bytes): tests compare them with the counters derived from the trace.
///
/// Keys are declared by the components (`extension Tallies.Key { static let hypercalls = … }`), so
/// the kernel stays domain-free and the arithmetic a compressed repeat needs (one iteration's
/// difference, scaled and added) is written once for every key.
package struct Tallies: Sendable, Hashable {
  /// One tally's name.
  package struct Key: RawRepresentable, Sendable, Hashable, Comparable {
    package var rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }
    package static func < (lhs: Key, rhs: Key) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  private var values: [Key: Int] = [:]

  package init() {}

  /// The tally of `key` (zero when nothing was counted).
  package subscript(key: Key) -> Int { values[key, default: 0] }

  /// Adds `amount` to `key`.
  package mutating func add(_ amount: Int = 1, to key: Key) {
    values[key, default: 0] += amount
  }

  /// Every non-zero tally, sorted by key.
  package var entries: [(key: Key, value: Int)] {
    values.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  package static func == (lhs: Tallies, rhs: Tallies) -> Bool {
    lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
  }

  package func hash(into hasher: inout Hasher) {
    for entry in entries {
      hasher.combine(entry.key)
      hasher.combine(entry.value)
    }
  }

  package static func - (lhs: Tallies, rhs: Tallies) -> Tallies {
    var result = lhs
    for (key, value) in rhs.values { result.values[key, default: 0] -= value }
    return result
  }

  package static func * (lhs: Tallies, count: Int) -> Tallies {
    var result = Tallies()
    for (key, value) in lhs.values { result.values[key] = value * count }
    return result
  }

  package static func += (lhs: inout Tallies, rhs: Tallies) {
    for (key, value) in rhs.values { lhs.values[key, default: 0] += value }
  }
}
