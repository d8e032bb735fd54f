import Foundation
import HVDiagnostics
import Yams

/// A YAML text with its path, read into a Yams node tree whose marks give every key and value a
/// line and column, so schema errors point at the offending text.
struct YAMLSource {
  let path: String
  /// Lines of the file that precede this YAML text (front matter starts on line 2).
  let lineOffset: Int

  /// The root node, or diagnostics for syntax errors (tabs, bad indentation, duplicate keys…).
  /// - Parameter resolver: how plain scalars get their tags. Readers that take every value as
  ///   text or parse numbers themselves pass `.basic`, which skips Yams' regular expressions
  ///   (they were a tenth of a 1,000-lesson build's time in front matter alone).
  func compose(_ text: String, resolver: Resolver = .default) -> (Node?, [Diagnostic]) {
    if let tab = Self.firstTabIndentation(in: text) {
      let at = SourceLocation(path: path, line: tab + lineOffset, column: 1)
      return (
        nil,
        [
          Diagnostic(
            at: at, id: .yamlTabIndentation,
            "YAML does not allow tabs for indentation", suggestion: "indent with spaces")
        ]
      )
    }
    do {
      // `.utf8` spelled out: Yams' `.default` encoding reads the whole environment on every call.
      return (try Yams.compose(yaml: text, resolver, .default, .utf8), [])
    } catch let error as YamlError {
      return (nil, [diagnostic(for: error)])
    } catch {
      return (nil, [Diagnostic(at: location(line: 1, column: 1), id: .yamlSyntax, "\(error)")])
    }
  }

  func location(of node: Node) -> SourceLocation {
    location(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(path: path, line: line + lineOffset, column: column)
  }

  private func diagnostic(for error: YamlError) -> Diagnostic {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return Diagnostic(
        at: location(line: mark.line, column: mark.column), id: .yamlSyntax,
        "invalid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return Diagnostic(
        at: location(line: context.mark.line, column: context.mark.column),
        id: .yamlDuplicateKey,
        "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
    default:
      return Diagnostic(at: location(line: 1, column: 1), id: .yamlSyntax, "invalid YAML: \(error)")
    }
  }

  /// 1-based line of the first line whose indentation contains a tab, if any.
  private static func firstTabIndentation(in text: String) -> Int? {
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") { return index + 1 }
    }
    return nil
  }
}

/// Reads a YAML mapping against a fixed set of keys, collecting every problem.
struct YAMLMappingReader {
  let source: YAMLSource
  let node: Node
  let allowedKeys: [String]
  private(set) var diagnostics: [Diagnostic] = []
  private var entries: [(key: String, keyNode: Node, value: Node)] = []

  /// `what` names the thing being read in messages, e.g. "front matter".
  init(_ node: Node, in source: YAMLSource, what: String, allowedKeys: [String]) {
    self.source = source
    self.node = node
    self.allowedKeys = allowedKeys
    guard let mapping = node.mapping else {
      diagnostics.append(
        Diagnostic(
          at: source.location(of: node), id: .yamlExpectedMapping,
          "\(what) must be a mapping of keys to values"))
      return
    }
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      if allowedKeys.contains(key) {
        entries.append((key, keyNode, value))
      } else {
        diagnostics.append(
          Diagnostic(
            at: source.location(of: keyNode), id: .yamlUnknownKey,
            "unknown key '\(key)' in \(what)",
            suggestion: Suggestion.didYouMean(key, in: allowedKeys)))
      }
    }
  }

  func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

  mutating func require(_ key: String) -> Node? {
    if let node = value(key) { return node }
    diagnostics.append(
      Diagnostic(
        at: source.location(of: node), id: .yamlMissingKey,
        "missing required key '\(key)'"))
    return nil
  }

  mutating func string(_ key: String, required: Bool) -> String? {
    guard let node = required ? require(key) : value(key) else { return nil }
    guard let text = node.scalar?.string, node.scalar != nil else {
      report(node, "'\(key)' must be text")
      return nil
    }
    if text.trimmingCharacters(in: .whitespaces).isEmpty {
      report(node, "'\(key)' must not be empty")
      return nil
    }
    return text
  }

  mutating func integer(_ key: String, required: Bool, range: ClosedRange<Int>) -> Int? {
    guard let node = required ? require(key) : value(key) else { return nil }
    guard let number = node.int, node.scalar?.style == .plain else {
      report(node, "'\(key)' must be a whole number, not '\(node.scalar?.string ?? "…")'")
      return nil
    }
    guard range.contains(number) else {
      report(
        node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
      return nil
    }
    return number
  }

  mutating func appendDiagnostic(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  mutating func report(
    _ node: Node, _ message: String, id: DiagnosticID = .yamlInvalidValue,
    suggestion: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(at: source.location(of: node), id: id, message, suggestion: suggestion))
  }
}
