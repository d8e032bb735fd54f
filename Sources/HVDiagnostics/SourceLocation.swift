/// A place in an author's file: the path as the author would type it, and a 1-based line and column.
///
/// Sorting by location gives the order diagnostics are printed in: by path, then line, then column.
/// A problem with the file as a whole (a symbolic link leaving the content folder, a media type
/// that is not allowed, a file over its size limit) has no position: `line` and `column` are 0
/// and it prints as `path`, so an editor does not jump to a line that has nothing to do with it.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = max(line, 1)
    self.column = max(column, 1)
  }

  /// The file as a whole, without a line or column.
  public init(file path: String) {
    self.path = path
    self.line = 0
    self.column = 0
  }

  /// False for a problem with the whole file (see ``init(file:)``).
  public var hasPosition: Bool { line > 0 }

  /// `path:line:column` (or `path` for the whole file), the form editors and terminals turn into
  /// a link. Control characters in the path are escaped so a file name cannot drive the terminal.
  public var description: String {
    let shown = TerminalText.escaped(path)
    return hasPosition ? "\(shown):\(line):\(column)" : shown
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
  }
}
