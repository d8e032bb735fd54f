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
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first.map({ $0.trimmingTrailingWhitespace() == "---" }) == true else {
      let at = SourceLocation(path: displayPath, line: 1, column: 1)
      return (nil, text, 0, [Diagnostic(at: at, id: "lesson.missing-front-matter",
        "a lesson must start with front matter between '---' lines",
        suggestion: "begin the file with '---', then 'title:', 'order:' and 'summary:', then '---'")])
    }
    guard let closing = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingWhitespace() == "---" })
    else {
      let at = SourceLocation(path: displayPath, line: 1, column: 1)
      return (nil, "", lines.count, [Diagnostic(at: at, id: "lesson.unclosed-front-matter",
        "the front matter opened here is never closed", suggestion: "add a line '---' after it")])
    }
    let yaml = lines[1..<closing].joined(separator: "\n")
    let body = lines[(closing + 1)...].joined(separator: "\n")
    let (frontMatter, diagnostics) = parse(yaml, displayPath: displayPath, closingLine: closing + 1)
    return (frontMatter, body, closing + 1, diagnostics)
  }

  private static func parse(_ yaml: String, displayPath: String, closingLine: Int)
    -> (FrontMatter?, [Diagnostic])
  {
    let source = YAMLSource(path: displayPath, lineOffset: 1)
    let (root, syntax) = source.compose(yaml)
    guard let root else { return (nil, syntax) }
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
