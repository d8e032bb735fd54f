/// A broken rule of the model, found while it runs or when its state is checked.
///
/// Typed rather than a bare string so tests can ask for a kind ("a packet on a closed channel")
/// without matching prose. Each component declares the kinds it can report as static members of
/// ``Violation/Kind``; the kernel knows none of them.
package struct Violation: Sendable, Hashable, CustomStringConvertible {
  /// What rule was broken: a stable dotted name such as `vmbus.ring-full`.
  package struct Kind: RawRepresentable, Sendable, Hashable {
    package var rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }
  }

  package var kind: Kind
  /// The specifics, for a person reading a failed test.
  package var detail: String

  package init(_ kind: Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }

  package var description: String { "\(kind.rawValue): \(detail)" }
}
