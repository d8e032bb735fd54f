import HVDiagnostics

/// Rules that span lessons: every lesson exists in every language (the language switch always
/// lands on the same lesson), and a lesson has the same `order` everywhere and shares it with no
/// other lesson, so the sidebar reads the same in every language.
struct CourseChecks {
  let config: SiteConfig
  let lessons: [String: [Lesson]]
  /// Slugs with a file in each language, including files that failed to load.
  let present: [String: Set<String>]
  let displayRoot: String

  func check() -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let allSlugs = Set(present.values.flatMap { $0 }).sorted()
    for slug in allSlugs {
      let versions = config.languages.compactMap { language in
        lessons[language]?.first { $0.slug == slug }
      }
      let languagesWithFile = config.languages.filter { present[$0]?.contains(slug) == true }
      for language in config.languages where !languagesWithFile.contains(language) {
        let existing = "\(displayRoot)/\(languagesWithFile[0])/\(slug).md"
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(path: existing, line: 1, column: 1), id: .lessonMissingTranslation,
            "lesson '\(slug)' has no '\(language)' version",
            suggestion: "add \(displayRoot)/\(language)/\(slug).md"))
      }
      if let first = versions.first {
        for other in versions.dropFirst() where other.order != first.order {
          diagnostics.append(
            Diagnostic(
              at: SourceLocation(path: other.displayPath, line: 1, column: 1),
              id: .lessonOrderMismatch,
              "order \(other.order) differs from the '\(first.language)' version's order \(first.order)",
              suggestion: "use order: \(first.order)"))
        }
      }
    }
    for language in config.languages {
      let sorted = (lessons[language] ?? []).sorted { $0.slug < $1.slug }
      var owners: [Int: String] = [:]
      for lesson in sorted {
        if let owner = owners[lesson.order] {
          diagnostics.append(
            Diagnostic(
              at: SourceLocation(path: lesson.displayPath, line: 1, column: 1),
              id: .lessonDuplicateOrder, "order \(lesson.order) is already used by '\(owner)'"))
        } else {
          owners[lesson.order] = lesson.slug
        }
      }
    }
    return diagnostics
  }
}
