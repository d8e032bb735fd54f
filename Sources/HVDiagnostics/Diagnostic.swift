/// One problem found in the content, as a value: where, how bad, what, and what to do about it.
///
/// Parsers collect diagnostics instead of throwing on the first problem, so an author sees every
/// mistake of a run at once (ARCHITECTURE.md, "Diagnostics are values").
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
  public enum Severity: String, Hashable, Sendable {
    case error
    case warning
  }

  public var location: SourceLocation
  public var severity: Severity
  /// A stable identifier such as `lesson.missing-front-matter`, for tests and documentation; every
  /// one hvwalk reports is declared in the catalogue (`DiagnosticID+Catalogue.swift`).
  public var identifier: DiagnosticID
  public var message: String
  /// A fix the author can apply, e.g. "did you mean 'summary'?". Printed after the message.
  public var suggestion: String?

  public init(
    _ severity: Severity = .error,
    at location: SourceLocation,
    id identifier: DiagnosticID,
    _ message: String,
    suggestion: String? = nil
  ) {
    self.location = location
    self.severity = severity
    self.identifier = identifier
    self.message = message
    self.suggestion = suggestion
  }

  /// `path:line:column: error: message; suggestion`, one line, the compiler convention (`path:
  /// error: …` for a problem with the whole file). Control characters are escaped: messages quote
  /// the author's text, and one diagnostic is always exactly one line.
  public var description: String {
    var text = "\(location): \(severity.rawValue): \(TerminalText.escaped(message))"
    if let suggestion { text += "; \(TerminalText.escaped(suggestion))" }
    return text
  }

  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    if lhs.location != rhs.location { return lhs.location < rhs.location }
    return (lhs.identifier, lhs.message) < (rhs.identifier, rhs.message)
  }
}

/// Thrown when a stage found problems; carries all of them, sorted.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics.sorted()
  }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
