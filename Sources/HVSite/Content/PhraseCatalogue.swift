import HVDiagnostics
import HVTrace

/// `strings/phrases/<lang>.yaml`: the model's phrases in one language (issue 16 item 2).
///
/// The simulation writes its labels in English as templates (``Phrase``); this file maps each
/// English template to the language's, keeping every `{n}` placeholder, which stands for a
/// protocol identifier, a number or a nested phrase:
///
/// ```yaml
/// "advance RIP past the OUT": "tăng RIP qua lệnh OUT"
/// "{1} fails: {2}; nothing reaches the guest": "{1} thất bại: {2}; không gì tới được máy ảo"
/// ```
///
/// English needs no file. A template the file does not translate stays English on the page and
/// is marked `lang="en"`; the course's own tests fail on any (`PhraseCoverageTests`), and
/// `hvwalk phrases <lang>` lists what is missing.
enum PhraseCatalogue {
  static func path(for language: String) -> String { "strings/phrases/\(language).yaml" }

  /// The language the simulation writes its phrases in.
  static let modelLanguage = "en"

  static func parse(_ text: String, displayPath: String) -> (PhraseBook, [Diagnostic]) {
    let source = YAMLSource(path: displayPath, lineOffset: 0)
    let (root, syntax) = source.compose(text)
    guard syntax.isEmpty else { return (PhraseBook(), syntax) }
    guard let root else { return (PhraseBook(), []) }
    guard let mapping = root.mapping else {
      return (
        PhraseBook(),
        [
          Diagnostic(
            at: source.location(of: root), id: .stringsExpectedMapping,
            "a phrases file maps each English template to its translation, e.g. '\"resume the guest (VM entry)\": \"…\"'"
          )
        ]
      )
    }
    var translations: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    for (keyNode, valueNode) in mapping {
      let template = keyNode.string ?? ""
      guard let translation = valueNode.scalar?.string, !translation.isEmpty else {
        diagnostics.append(
          Diagnostic(
            at: source.location(of: valueNode), id: .stringsInvalidValue,
            "the translation of '\(template)' must be a non-empty string"))
        continue
      }
      let english = Phrase.placeholders(in: template).sorted()
      let translated = Phrase.placeholders(in: translation).sorted()
      if english != translated {
        let missing = Set(english).subtracting(translated).sorted().map { "{\($0)}" }
        let extra = Set(translated).subtracting(english).sorted().map { "{\($0)}" }
        var problems: [String] = []
        if !missing.isEmpty { problems.append("leaves out \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { problems.append("uses \(extra.joined(separator: ", ")), which the English has not") }
        if problems.isEmpty { problems.append("uses a placeholder a different number of times") }
        diagnostics.append(
          Diagnostic(
            at: source.location(of: valueNode), id: .phrasesPlaceholders,
            "the translation of '\(template)' \(problems.joined(separator: " and "))",
            suggestion: english.isEmpty
              ? "the English has no placeholders: write the text only"
              : "keep each of \(english.map { "{\($0)}" }.joined(separator: " ")) exactly once"))
        continue
      }
      translations[template] = translation
    }
    return (PhraseBook(translations), diagnostics)
  }
}
