import HVTrace
import HVDiagnostics
import Yams

/// Every word of the site's own interface in one language, from `Content/strings/<lang>.yaml`.
///
/// A page uses only the strings of its own language, so it reads as Vietnamese or English
/// throughout; adding a language means adding a file. Each file must define exactly the keys of
/// the default language's file, and every `{{strings.key}}` a template uses must exist.
public struct InterfaceStrings: Sendable, Hashable {
  public let language: String
  /// Keys in file order; values are plain text (templates escape them).
  public let entries: [(key: String, value: String)]
  /// The same, for lookups (every page looks up dozens of strings).
  let dictionary: [String: String]
  /// The model's phrases in this language (`strings/phrases/<lang>.yaml`): trace labels, loop
  /// titles and host-log lines. English needs none.
  public internal(set) var phrases = PhraseBook.english

  init(language: String, entries: [(key: String, value: String)]) {
    self.language = language
    self.entries = entries
    dictionary = Dictionary(
      entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
  }

  public static func == (lhs: InterfaceStrings, rhs: InterfaceStrings) -> Bool {
    lhs.language == rhs.language && lhs.entries.elementsEqual(rhs.entries) { $0 == $1 }
      && lhs.phrases == rhs.phrases
  }

  /// Hashable so a cached walkthrough figure is keyed by the exact strings it was rendered with.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(language)
    for entry in entries {
      hasher.combine(entry.key)
      hasher.combine(entry.value)
    }
    hasher.combine(phrases.translations.count)
  }

  public subscript(key: String) -> String? { dictionary[key] }

  static func path(for language: String) -> String { "strings/\(language).yaml" }

  /// Parses a strings file: a flat mapping of keys to non-empty text.
  static func parse(_ text: String, language: String, displayPath: String)
    -> (InterfaceStrings?, [(key: String, location: SourceLocation)]?, [Diagnostic])
  {
    let source = YAMLSource(path: displayPath, lineOffset: 0)
    let (root, syntax) = source.compose(text)
    // No keys known (nil, not empty): the parity check then skips this file instead of calling
    // every key of the other languages missing or unknown.
    guard let root else {
      let empty = Diagnostic(
        at: SourceLocation(path: displayPath, line: 1, column: 1), id: .stringsEmpty,
        "the strings file is empty", suggestion: "copy the default language's file and translate it"
      )
      return (nil, nil, syntax.isEmpty ? [empty] : syntax)
    }
    guard let mapping = root.mapping else {
      return (
        nil, nil,
        [
          Diagnostic(
            at: source.location(of: root), id: .stringsExpectedMapping,
            "a strings file is a mapping of keys to text, e.g. 'previous: Previous'")
        ]
      )
    }
    var entries: [(String, String)] = []
    var locations: [(String, SourceLocation)] = []
    var diagnostics: [Diagnostic] = []
    for (keyNode, valueNode) in mapping {
      let key = keyNode.string ?? ""
      guard let value = valueNode.scalar?.string, !value.isEmpty else {
        diagnostics.append(
          Diagnostic(
            at: source.location(of: valueNode), id: .stringsInvalidValue,
            "the text for '\(key)' must be a non-empty string"))
        continue
      }
      entries.append((key, value))
      locations.append((key, source.location(of: keyNode)))
    }
    guard diagnostics.isEmpty else { return (nil, locations, diagnostics) }
    return (InterfaceStrings(language: language, entries: entries), locations, [])
  }
}
