import HVDiagnostics
import HVTrace

/// Which of the model's phrases the course's scenarios produce, and which of them a language
/// translates (`hvwalk phrases <lang>`, and the tests that keep every page in its language).
public struct PhraseCoverage: Sendable {
  public struct Entry: Sendable, Hashable {
    /// The English template (`{n}` for arguments).
    public var template: String
    /// The language's template, or nil when the phrases file lacks it.
    public var translation: String?
    /// A scenario where it appears, and how often in all.
    public var example: String
    public var uses: Int
  }

  public var language: String
  /// Every template the course's scenarios produce that has words of its own, sorted.
  public var entries: [Entry]

  public var missing: [Entry] { entries.filter { $0.translation == nil } }
  /// Templates the phrases file translates that no scenario of the course uses (left over from
  /// an older model, or for scenarios not in this course), sorted.
  public var unused: [String] = []

  /// Runs every scenario of `content` and collects the templates of their labels, loop titles
  /// and host-log lines.
  public static func of(_ content: ContentSnapshot, language: String) -> Result<
    PhraseCoverage, DiagnosticsError
  > {
    var diagnostics: [Diagnostic] = []
    let config: SiteConfig
    if let file = content.file(SiteConfig.path), case .success(let text) = content.text(of: file) {
      let (parsed, problems) = SiteConfig.parse(text, displayPath: content.displayPath(file.path))
      diagnostics += problems
      config = parsed ?? SiteConfig.fallback(for: content)
    } else {
      config = SiteConfig.fallback(for: content)
    }
    let strings = StringsLoader(content: content, config: config).load(theme: nil, &diagnostics)
    let (runs, problems) = ScenarioLoader(content: content, config: config, cache: nil).load()
    diagnostics += problems
    guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }
    return .success(of(runs, book: book(strings[language], language: language), language: language))
  }

  /// The scenarios of `content`, run.
  public static func runs(_ content: ContentSnapshot) throws -> [ScenarioRun] {
    let config = SiteConfig.fallback(for: content)
    let (runs, problems) = ScenarioLoader(content: content, config: config, cache: nil).load()
    guard problems.isEmpty else { throw DiagnosticsError(problems) }
    return runs
  }

  static func book(_ strings: InterfaceStrings?, language: String) -> PhraseBook {
    strings?.phrases ?? (language == PhraseCatalogue.modelLanguage ? .english : PhraseBook())
  }

  /// The templates `runs` use and what `book` makes of them.
  static func of(_ runs: [ScenarioRun], book: PhraseBook, language: String) -> PhraseCoverage {
    var uses: [String: (example: String, count: Int)] = [:]
    for run in runs {
      for phrase in phrases(of: run.trace) {
        for template in phrase.templates where !PhraseBook.needsNoTranslation(template) {
          uses[template, default: (run.id, 0)].count += 1
        }
      }
    }
    let entries = uses.keys.sorted().map { template in
      Entry(
        template: template,
        translation: book.isEnglish ? template : book.translations[template],
        example: uses[template]!.example, uses: uses[template]!.count)
    }
    var coverage = PhraseCoverage(language: language, entries: entries)
    coverage.unused = book.translations.keys.filter { uses[$0] == nil }.sorted()
    return coverage
  }

  /// Every phrase a trace shows a reader: event labels, loop titles, host-log lines, and the
  /// notes of the byte view's fields.
  public static func phrases(of trace: Trace) -> [Phrase] {
    var result: [Phrase] = []
    func walk(_ entries: [TraceEntry]) {
      for entry in entries {
        switch entry {
        case .event(let event):
          result.append(event.phrase)
          if let wire = event.wire { result += wire.fields.map(\.note) }
          for case .phrase(let phrase) in event.details.map(\.value) { result.append(phrase) }
        case .group(let group):
          result.append(group.title)
          walk(group.entries)
        }
      }
    }
    for step in trace.steps { walk(step.entries) }
    return result + trace.hostLog.map(\.text)
  }

  /// The phrases file of this language (JSON string literals are YAML double-quoted scalars)
  /// with every template (translations kept, missing ones
  /// as empty strings after a `# missing` comment), ready to fill in.
  public func yaml(onlyMissing: Bool) -> String {
    var text =
      "# The model's phrases in '\(language)': English template → translation. Keep every {n}.\n"
    for entry in onlyMissing ? missing : entries {
      if entry.translation == nil { text += "# missing (e.g. in \(entry.example))\n" }
      text += "\(JSONValue.quoted(entry.template)): \(JSONValue.quoted(entry.translation ?? ""))\n"
    }
    if !unused.isEmpty {
      text += "# Translated but used by no scenario of this course:\n"
      for template in unused { text += "#   \(JSONValue.quoted(template))\n" }
    }
    return text
  }
}
