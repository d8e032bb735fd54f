/// The stable identifier of a kind of problem (`lesson.missing-front-matter`), as a type rather
/// than a string, so a call site can only name an id the catalogue (`DiagnosticID+Catalogue`)
/// declares and documents, and a typo is a compile error instead of a silently new id.
///
/// The raw value is what tests and the documentation see; it never changes once published. Code
/// outside this package (a custom directive) may declare its own ids with ``init(_:)``.
public struct DiagnosticID: RawRepresentable, Hashable, Comparable, Sendable,
  CustomStringConvertible
{
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }

  public init(_ rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }

  public static func < (lhs: DiagnosticID, rhs: DiagnosticID) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
