import HVDiagnostics
import Yams

/// `Content/site.yaml`: the site's name and description in each language, its languages and the
/// default one.
public struct SiteConfig: Sendable, Equatable {
  public var languages: [String]
  public var defaultLanguage: String
  public var title: [String: String]
  public var description: [String: String]
  /// Absolute URL the site is published at (with a trailing `/`), if any; enables `sitemap.xml`.
  public var baseURL: String?

  static let path = "site.yaml"
  static let keys = ["title", "description", "languages", "default-language", "base-url"]

  /// Reads and validates the file; every problem becomes a diagnostic.
  static func parse(_ text: String, displayPath: String) -> (SiteConfig?, [Diagnostic]) {
    let source = YAMLSource(path: displayPath, lineOffset: 0)
    let (root, syntax) = source.compose(text)
    guard let root else {
      let empty = Diagnostic(
        at: SourceLocation(path: displayPath, line: 1, column: 1), id: .siteEmptyConfig,
        "site.yaml is empty",
        suggestion:
          "it needs 'title', 'description', 'languages' and 'default-language' (see docs/AUTHORING.md)"
      )
      return (nil, syntax.isEmpty ? [empty] : syntax)
    }
    var reader = YAMLMappingReader(root, in: source, what: "site.yaml", allowedKeys: keys)
    let languages = readLanguages(&reader)
    var defaultLanguage = reader.string("default-language", required: true)
    if let chosen = defaultLanguage, let languages, !languages.contains(chosen),
      let node = reader.value("default-language")
    {
      reader.report(
        node, "default language '\(chosen)' is not one of the site's languages",
        suggestion: Suggestion.didYouMean(chosen, in: languages))
      defaultLanguage = nil
    }
    let title = readPerLanguage(&reader, key: "title", languages: languages ?? [])
    let description = readPerLanguage(&reader, key: "description", languages: languages ?? [])
    let baseURL = reader.string("base-url", required: false).map {
      $0.hasSuffix("/") ? $0 : $0 + "/"
    }
    if let baseURL, let node = reader.value("base-url"),
      !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://"))
    {
      reader.report(node, "'base-url' must start with https:// or http://")
    }
    guard reader.diagnostics.isEmpty, let languages, let defaultLanguage, let title, let description
    else { return (nil, reader.diagnostics) }
    return (
      SiteConfig(
        languages: languages, defaultLanguage: defaultLanguage, title: title,
        description: description, baseURL: baseURL), []
    )
  }

  /// What the rest of a build is checked against when `site.yaml` is missing or broken (the
  /// build fails anyway): the languages that have a strings file, else those with a lessons
  /// folder, else English; the default is the first.
  static func fallback(for content: ContentSnapshot) -> SiteConfig {
    func codes(under folder: String, from path: (ContentSnapshot.File) -> String?) -> [String] {
      Set(content.files(under: folder).compactMap(path)).filter(LanguageCode.isValid).sorted()
    }
    var languages = codes(under: "strings") { file in
      let name = String(file.path.split(separator: "/").last ?? "")
      return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : nil
    }
    if languages.isEmpty {
      languages = codes(under: "lessons") { file in
        let parts = file.path.split(separator: "/")
        return parts.count == 3 ? String(parts[1]) : nil
      }
    }
    if languages.isEmpty { languages = ["en"] }
    let empty = Dictionary(uniqueKeysWithValues: languages.map { ($0, "") })
    return SiteConfig(
      languages: languages, defaultLanguage: languages[0], title: empty, description: empty,
      baseURL: nil)
  }

  private static func readLanguages(_ reader: inout YAMLMappingReader) -> [String]? {
    guard let node = reader.require("languages") else { return nil }
    guard let items = node.sequence, !items.isEmpty else {
      reader.report(node, "'languages' must be a list of language codes, e.g. [vi, en]")
      return nil
    }
    var codes: [String] = []
    for item in items {
      guard let code = item.string, LanguageCode.isValid(code) else {
        reader.report(item, "'\(item.string ?? "…")' is not a language code like 'vi' or 'en'")
        continue
      }
      if codes.contains(code) { reader.report(item, "language '\(code)' is listed twice") }
      codes.append(code)
    }
    return codes
  }

  private static func readPerLanguage(
    _ reader: inout YAMLMappingReader, key: String, languages: [String]
  ) -> [String: String]? {
    guard let node = reader.require(key) else { return nil }
    var nested = YAMLMappingReader(
      node, in: reader.source, what: "'\(key)'", allowedKeys: languages)
    var values: [String: String] = [:]
    for language in languages {
      if let text = nested.string(language, required: true) { values[language] = text }
    }
    for diagnostic in nested.diagnostics { reader.report(diagnostic) }
    return values.count == languages.count ? values : nil
  }
}

/// BCP 47 primary language subtags as used in `lang` attributes and folder names.
enum LanguageCode {
  static func isValid(_ code: String) -> Bool {
    (2...3).contains(code.count) && code.allSatisfy { ("a"..."z").contains($0) }
  }
}

extension YAMLMappingReader {
  mutating func report(_ diagnostic: Diagnostic) { appendDiagnostic(diagnostic) }
}
