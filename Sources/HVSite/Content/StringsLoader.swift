import HVDiagnostics
import HVTrace

/// Loads `strings/<lang>.yaml` for every site language and checks that they agree: each file has
/// exactly the default language's keys, and every key a template uses exists.
struct StringsLoader {
  let content: ContentSnapshot
  let config: SiteConfig

  /// - Parameter requiredKeys: keys the generator itself uses (not through a template), which
  ///   the default language must define.
  func load(theme: Theme?, requiredKeys: [String] = [], _ diagnostics: inout [Diagnostic])
    -> [String: InterfaceStrings]
  {
    var loaded: [String: InterfaceStrings] = [:]
    var keyLocations: [String: [(key: String, location: SourceLocation)]] = [:]
    for language in config.languages {
      let path = InterfaceStrings.path(for: language)
      guard let file = content.file(path) else {
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(path: content.displayPath(path), line: 1, column: 1),
            id: .stringsMissingFile, "no interface strings for language '\(language)'",
            suggestion:
              "copy \(InterfaceStrings.path(for: config.defaultLanguage)) and translate it"))
        continue
      }
      guard file.bytes.count <= ContentLimits.settingsFileBytes else { continue }  // reported by the builder
      switch content.text(of: file) {
      case .failure(let error): diagnostics += error.diagnostics
      case .success(let text):
        let (strings, locations, problems) = InterfaceStrings.parse(
          text, language: language,
          displayPath: content.displayPath(path))
        diagnostics += problems
        if let locations { keyLocations[language] = locations }
        if var strings {
          strings.phrases = phrases(for: language, &diagnostics)
          strings.phrases.decimalSeparator = strings["number-decimal-separator"] ?? "." 
          loaded[language] = strings
        }
      }
    }
    diagnostics += parity(keyLocations)
    if let reference = loaded[config.defaultLanguage] {
      let path = InterfaceStrings.path(for: config.defaultLanguage)
      for key in requiredKeys where reference[key] == nil {
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(path: content.displayPath(path), line: 1, column: 1),
            id: .stringsMissingRequiredKey, "missing '\(key)', which diagrams and walkthroughs use")
        )
      }
    }
    if let theme, let reference = loaded[config.defaultLanguage] {
      let known = reference.entries.map(\.key)
      for (key, location) in theme.stringReferences where reference[key] == nil {
        diagnostics.append(
          Diagnostic(
            at: location, id: .themeUnknownString,
            "the template uses 'strings.\(key)', which \(InterfaceStrings.path(for: config.defaultLanguage)) does not define",
            suggestion: Suggestion.didYouMean(key, in: known)))
      }
    }
    return loaded
  }

  /// The language's model phrases (English, the model's own language, needs none; another
  /// language without a phrases file translates nothing).
  private func phrases(for language: String, _ diagnostics: inout [Diagnostic]) -> PhraseBook {
    guard language != PhraseCatalogue.modelLanguage else { return .english }
    let path = PhraseCatalogue.path(for: language)
    guard let file = content.file(path), file.bytes.count <= ContentLimits.settingsFileBytes
    else { return PhraseBook() }
    switch content.text(of: file) {
    case .failure(let error):
      diagnostics += error.diagnostics
      return PhraseBook()
    case .success(let text):
      let (book, problems) = PhraseCatalogue.parse(text, displayPath: content.displayPath(path))
      diagnostics += problems
      return book
    }
  }

  /// Every language defines the default language's keys, no more and no fewer.
  private func parity(_ locations: [String: [(key: String, location: SourceLocation)]])
    -> [Diagnostic]
  {
    guard let reference = locations[config.defaultLanguage] else { return [] }
    let referenceKeys = reference.map(\.key)
    var diagnostics: [Diagnostic] = []
    for language in config.languages where language != config.defaultLanguage {
      guard let entries = locations[language] else { continue }
      let keys = Set(entries.map(\.key))
      for (key, location) in entries where !referenceKeys.contains(key) {
        diagnostics.append(
          Diagnostic(
            at: location, id: .stringsUnknownKey,
            "'\(key)' is not a key of \(InterfaceStrings.path(for: config.defaultLanguage))",
            suggestion: Suggestion.didYouMean(key, in: referenceKeys)))
      }
      for (key, _) in reference where !keys.contains(key) {
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(
              path: content.displayPath(InterfaceStrings.path(for: language)), line: 1, column: 1),
            id: .stringsMissingKey,
            "missing the translation of '\(key)' (defined in \(InterfaceStrings.path(for: config.defaultLanguage)))"
          ))
      }
    }
    return diagnostics
  }
}
