import HVDiagnostics
import Yams

/// Walks a composed YAML tree and collects diagnostics with the file's positions.
///
/// Nothing here throws: every problem becomes a ``Diagnostic`` and reading goes on, so an author
/// sees all the mistakes of a file at once (contract §1, last paragraph).
final class YAMLReader {
  let path: String
  /// The site's languages: every `title` and `summary` has one entry per language.
  let languages: [String]
  private(set) var diagnostics: [Diagnostic] = []

  init(path: String, languages: [String] = Scenario.languages) {
    self.path = path
    self.languages = languages
  }

  func location(_ node: Node?) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(path: path, line: 1, column: 1) }
    return SourceLocation(path: path, line: mark.line, column: mark.column)
  }

  func error(_ node: Node?, _ id: DiagnosticID, _ message: String, suggestion: String? = nil) {
    diagnostics.append(
      Diagnostic(.error, at: location(node), id: id, message, suggestion: suggestion))
  }

  /// A mapping's entries as (key text, key node, value) in file order; reports a non-mapping.
  func mapping(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)]? {
    guard case .mapping(let mapping) = node else {
      error(node, .scenarioExpectedMapping, "\(what) must be a mapping of keys to values")
      return nil
    }
    return mapping.map { pair in (pair.key.string ?? "", pair.key, pair.value) }
  }

  /// Reports keys outside `allowed`, with a suggestion for near misses.
  func rejectUnknownKeys(
    _ entries: [(key: String, keyNode: Node, value: Node)], allowed: [String], in what: String
  ) {
    for entry in entries where !allowed.contains(entry.key) {
      error(
        entry.keyNode, .scenarioUnknownKey, "unknown key '\(entry.key)' in \(what)",
        suggestion: Suggestion.didYouMean(entry.key, in: allowed))
    }
  }

  /// The value for `key`, or nil (and an error when `required`).
  func value(
    _ key: String, in entries: [(key: String, keyNode: Node, value: Node)], of parent: Node,
    what: String, required: Bool = false
  ) -> Node? {
    if let entry = entries.first(where: { $0.key == key }) { return entry.value }
    if required {
      error(parent, .scenarioMissingKey, "\(what) needs the key '\(key)'")
    }
    return nil
  }

  /// The text of a scalar node; reports a mapping or sequence where text was expected.
  func scalar(_ node: Node, _ what: String) -> String? {
    guard case .scalar(let scalar) = node else {
      error(node, .scenarioExpectedScalar, "\(what) must be a single value")
      return nil
    }
    return scalar.string
  }

  /// A scalar that must be one of `choices`.
  func choice(_ node: Node, _ what: String, _ choices: [String]) -> String? {
    guard let text = scalar(node, what) else { return nil }
    guard choices.contains(text) else {
      error(
        node, .scenarioInvalidValue, "'\(text)' is not a valid \(what)",
        suggestion: Suggestion.didYouMean(text, in: choices))
      return nil
    }
    return text
  }

  /// Converts a Yams error into a diagnostic at its position.
  func report(_ yamlError: Error, source: String) {
    let message: String
    var line = 1, column = 1
    switch yamlError {
    case YamlError.scanner(let context, let problem, let mark, _),
      YamlError.parser(let context, let problem, let mark, _),
      YamlError.composer(let context, let problem, let mark, _):
      message = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
      (line, column) = (mark.line, mark.column)
    case YamlError.duplicatedKeysInMapping(let duplicates, let context):
      message = "duplicate key '\(duplicates.joined(separator: "', '"))'"
      (line, column) = (context.mark.line, context.mark.column)
    case YamlError.reader(let problem, let offset, _, _):
      message = problem
      if let offset { (line, column) = Self.lineAndColumn(of: offset, in: source) }
    default:
      message = String(describing: yamlError)
    }
    diagnostics.append(
      Diagnostic(
        .error, at: SourceLocation(path: path, line: line, column: column), id: .scenarioYaml,
        "YAML: \(message)"))
  }

  private static func lineAndColumn(of offset: Int, in source: String) -> (Int, Int) {
    var line = 1, column = 1
    for (index, scalar) in source.unicodeScalars.enumerated() {
      if index >= offset { break }
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
