/// A place in an author's file: the path as the author would type it, and a 1-based line and column.
///
/// Sorting by location gives the order diagnostics are printed in: by path, then line, then column.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = max(line, 1)
    self.column = max(column, 1)
  }

  /// `path:line:column`, the form editors and terminals turn into a link.
  public var description: String { "\(path):\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
  }
}
