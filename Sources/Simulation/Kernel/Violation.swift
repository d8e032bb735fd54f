/// A broken rule of the model, found while it runs or when its state is checked.
///
/// Typed rather than a bare string so tests can ask for a kind ("a packet on a closed channel")
/// without matching prose. Each component declares the kinds it can report as static members of
/// ``Violation/Kind``; the kernel knows none of them.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
  /// What rule was broken: a stable dotted name such as `vmbus.ring-full`.
  public struct Kind: RawRepresentable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
  }

  public var kind: Kind
  /// The specifics, for a person reading a failed test.
  public var detail: String

  public init(_ kind: Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }

  public var description: String { "\(kind.rawValue): \(detail)" }
}
