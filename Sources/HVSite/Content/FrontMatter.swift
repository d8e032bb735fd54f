import HVDiagnostics
import Yams

/// The YAML block at the top of a lesson:
///
/// ```
/// ---
/// title: VMBus
/// order: 2
/// summary: How partitions talk.
/// ---
/// ```
/// `title` and `order` are required, `summary` is optional; any other key is an error.
struct FrontMatter: Equatable {
  var title: String
  var order: Int
  var summary: String

  static let keys = ["title", "order", "summary"]
  static let maximumOrder = 9_999

  /// Splits a lesson file into front matter and body.
  /// - Returns: the parsed front matter, the Markdown body, and how many lines precede the body.
  static func split(_ text: String, displayPath: String)
    -> (FrontMatter?, body: String, bodyLineOffset: Int, [Diagnostic])
  {
    // Only the front matter is split into lines (UTF-8 level); the body is passed on whole.
    let utf8 = text.utf8
    var lines: [Substring] = []
    var lineStart = utf8.startIndex
    var bodyStart: String.Index?
    for index in utf8.indices where utf8[index] == 0x0A {
      let line = Substring(text.utf8[lineStart..<index])
      lines.append(line)
      lineStart = utf8.index(after: index)
      if lines.count > 1, line.trimmingTrailingWhitespace() == "---" {
        bodyStart = lineStart
        break
      }
      if lines.count == 1, line.trimmingTrailingWhitespace() != "---" { break }
    }
    if bodyStart == nil, lineStart < utf8.endIndex || lines.isEmpty {
      let last = Substring(text.utf8[lineStart...])
      lines.append(last)
      if lines.count > 1, last.trimmingTrailingWhitespace() == "---" { bodyStart = text.endIndex }
    }
    guard lines.first.map({ $0.trimmingTrailingWhitespace() == "---" }) == true else {
      let at = SourceLocation(path: displayPath, line: 1, column: 1)
      return (
        nil, text, 0,
        [
          Diagnostic(
            at: at, id: .lessonMissingFrontMatter,
            "a lesson must start with front matter between '---' lines",
            suggestion:
              "begin the file with '---', then 'title:', 'order:' and 'summary:', then '---'")
        ]
      )
    }
    guard let bodyStart, let closing = lines.indices.last, closing > 0 else {
      let at = SourceLocation(path: displayPath, line: 1, column: 1)
      return (
        nil, "", lines.count,
        [
          Diagnostic(
            at: at, id: .lessonUnclosedFrontMatter,
            "the front matter opened here is never closed", suggestion: "add a line '---' after it")
        ]
      )
    }
    let yaml = lines[1..<closing].joined(separator: "\n")
    let body = String(text[bodyStart...])
    let (frontMatter, diagnostics) = parse(yaml, displayPath: displayPath, closingLine: closing + 1)
    return (frontMatter, body, closing + 1, diagnostics)
  }

  private static func parse(_ yaml: String, displayPath: String, closingLine: Int)
    -> (FrontMatter?, [Diagnostic])
  {
    let source = YAMLSource(path: displayPath, lineOffset: 1)
    // Every value is read as text, and `order` with Yams' own integer rules, which do not
    // depend on the tag: no tag resolution needed.
    let (root, syntax) = source.compose(yaml, resolver: .basic)
    guard let root else {
      // Empty front matter composes to no node and no error: without this the lesson would be
      // dropped without a word (found by the mutation fuzz).
      let empty = Diagnostic(
        at: SourceLocation(path: displayPath, line: 1, column: 1), id: .lessonEmptyFrontMatter,
        "the front matter is empty", suggestion: "add 'title:' and 'order:' between the '---' lines"
      )
      return (nil, syntax.isEmpty ? [empty] : syntax)
    }
    var reader = YAMLMappingReader(root, in: source, what: "front matter", allowedKeys: keys)
    let title = reader.string("title", required: true)
    let order = reader.integer("order", required: true, range: 0...maximumOrder)
    let summary = reader.string("summary", required: false) ?? ""
    guard reader.diagnostics.isEmpty, let title, let order else { return (nil, reader.diagnostics) }
    return (FrontMatter(title: title, order: order, summary: summary), [])
  }
}

extension Substring {
  func trimmingTrailingWhitespace() -> Substring {
    var result = self
    while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
    return result
  }
}
