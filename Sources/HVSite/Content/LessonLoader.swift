import Foundation
import HVDiagnostics

/// Reads `lessons/<lang>/<slug>.md` files: front matter, then Markdown through cmark with the
/// directive pass and `.md` → `.html` link rewriting.
struct LessonLoader: Sendable {
  let content: ContentSnapshot
  let config: SiteConfig
  let strings: [String: InterfaceStrings]
  let directives: DirectiveRegistry
  let runs: ScenarioRuns
  let parallel: Bool
  /// Lessons rendered by earlier builds (`serve`), by file path and bytes.
  var cache: RenderCache? = nil

  /// The rendered lessons per language, the slugs that have a file per language (rendered or
  /// not, so one broken file does not also read as a missing translation), and the problems.
  func load() -> (lessons: [String: [Lesson]], present: [String: Set<String>], [Diagnostic]) {
    var lessons: [String: [Lesson]] = [:]
    var present: [String: Set<String>] = [:]
    var diagnostics: [Diagnostic] = []
    var located:
      [(file: ContentSnapshot.File, language: String, slug: String, displayPath: String)] = []
    var total = 0
    for file in content.files(under: "lessons") {
      let displayPath = content.displayPath(file.path)
      let parts = file.path.split(separator: "/").map(String.init)
      guard let (language, slug) = locate(parts, displayPath, &diagnostics) else { continue }
      present[language, default: []].insert(slug)
      // Too large to render quickly: reported, not rendered (it still counts as present, so it
      // does not also read as a missing translation).
      if let oversized = ContentLimits.oversized(
        file, in: content, limit: ContentLimits.lessonBytes, what: "this lesson")
      {
        diagnostics.append(oversized)
        continue
      }
      total += file.bytes.count
      if total > ContentLimits.lessonsTotalBytes {
        diagnostics.append(
          Diagnostic(
            at: SourceLocation(file: displayPath), id: .limitLessonsSize,
            "the lessons together exceed \(ContentLimits.describe(ContentLimits.lessonsTotalBytes)) at this file; it and the ones after it are not rendered",
            suggestion: "split the course into several sites"))
        continue
      }
      located.append((file, language, slug, displayPath))
    }
    // Lessons render independently (cmark and directives are pure): one per core, results kept
    // in file order so the output does not depend on scheduling.
    var results = [(Lesson?, [Diagnostic])](repeating: (nil, []), count: located.count)
    let items = located
    let render: @Sendable (Int) -> (Lesson?, [Diagnostic]) = { index in
      let item = items[index]
      var problems: [Diagnostic] = []
      switch content.text(of: item.file) {
      case .failure(let error): return (nil, error.diagnostics)
      case .success(let text):
        let lesson = lesson(
          text, language: item.language, slug: item.slug, item.displayPath, &problems)
        return (lesson, problems)
      }
    }
    let cache = cache
    let work: @Sendable (Int) -> (Lesson?, [Diagnostic]) = { index in
      guard let cache else { return render(index) }
      return cache.lesson(items[index].file) { render(index) }
    }
    if parallel {
      results.withUnsafeMutableBufferPointer { buffer in
        let slots = UnsafeSendable(buffer)
        DispatchQueue.concurrentPerform(iterations: located.count) { slots.value[$0] = work($0) }
      }
    } else {
      for index in located.indices { results[index] = work(index) }
    }
    for (index, (lesson, problems)) in results.enumerated() {
      diagnostics += problems
      if let lesson { lessons[located[index].language, default: []].append(lesson) }
    }
    return (lessons, present, diagnostics)
  }

  /// Checks where a file sits: `lessons/<language>/<slug>.md` and nothing else.
  private func locate(_ parts: [String], _ displayPath: String, _ diagnostics: inout [Diagnostic])
    -> (String, String)?
  {
    let at = SourceLocation(path: displayPath, line: 1, column: 1)
    guard parts.count == 3, parts[2].hasSuffix(".md") else {
      diagnostics.append(
        Diagnostic(
          at: at, id: .lessonMisplacedFile,
          "lessons are Markdown files at 'lessons/<language>/<slug>.md'",
          suggestion: "move or rename this file, or put media under 'media/'"))
      return nil
    }
    let language = parts[1]
    guard config.languages.contains(language) else {
      diagnostics.append(
        Diagnostic(
          at: at, id: .lessonUnknownLanguage,
          "'\(language)' is not one of the site's languages (\(config.languages.joined(separator: ", ")))",
          suggestion: Suggestion.didYouMean(language, in: config.languages)))
      return nil
    }
    let slug = String(parts[2].dropLast(3))
    guard LessonSlug.isValid(slug) else {
      diagnostics.append(
        Diagnostic(
          at: at, id: .lessonInvalidSlug,
          "lesson file name '\(slug)' must use only a–z, 0–9 and '-' (it becomes the page's URL)"))
      return nil
    }
    guard !LessonSlug.reserved.contains(slug) else {
      diagnostics.append(
        Diagnostic(
          at: at, id: .lessonReservedSlug,
          "lesson file name '\(slug)' is the name of a page hvwalk writes itself; the lesson would replace it",
          suggestion: "rename the file, e.g. '\(slug)-lesson.md'"))
      return nil
    }
    return (language, slug)
  }

  private func lesson(
    _ text: String, language: String, slug: String, _ displayPath: String,
    _ diagnostics: inout [Diagnostic]
  ) -> Lesson? {
    let (parsed, body, offset, frontDiagnostics) = FrontMatter.split(text, displayPath: displayPath)
    diagnostics += frontDiagnostics
    guard let strings = strings[language] else { return nil }
    // A lesson with broken front matter is still rendered, so every other problem in it is
    // reported in the same run.
    let frontMatter = parsed ?? FrontMatter(title: slug, order: 0, summary: "")
    let page = DirectivePage(
      language: language, strings: strings,
      inlineCounters: InlineCounters(
        runs: runs, text: WalkthroughText(strings: strings), path: displayPath))
    var directiveDiagnostics: [Diagnostic] = []
    var anchors: [(id: String, location: SourceLocation)] = []
    var directiveLinks: [RenderedMarkdown.Link] = []
    let hooks = MarkdownHooks(
      replaceFencedBlock: { block in
        guard let directive = directives.directive(for: block) else { return nil }
        switch directives.render(block, directive: directive, path: displayPath, page: page) {
        case .success(let output):
          let at = SourceLocation(path: displayPath, line: block.line, column: block.infoColumn)
          anchors += output.anchors.map { ($0, at) }
          directiveLinks += output.links
          return output.html
        case .failure(let error):
          directiveDiagnostics += error.diagnostics
          return ""
        }
      },
      rewriteLink: LinkRewriter.rewrite,
      rewriteText: { literal, line, column in
        let counters = InlineCounters(
          runs: runs, text: WalkthroughText(strings: strings), path: displayPath)
        let (rewritten, problems) = counters.rewrite(literal, line: line, column: column)
        directiveDiagnostics += problems
        return rewritten
      })
    var rendered = CMarkBridge.render(body, lineOffset: offset, hooks: hooks)
    rendered.links += directiveLinks
    diagnostics += directiveDiagnostics
    diagnostics += duplicateAnchors(
      rendered.headings.map { ($0.id, SourceLocation(path: displayPath, line: $0.line, column: 1)) }
        + anchors)
    return Lesson(
      slug: slug, language: language, title: frontMatter.title, order: frontMatter.order,
      summary: frontMatter.summary, body: rendered,
      anchors: rendered.headings.map(\.id) + anchors.map(\.id),
      displayPath: displayPath, hasValidFrontMatter: parsed != nil)
  }

  /// Two things on one page with the same id would break links and the walkthrough's deep links.
  private func duplicateAnchors(_ anchors: [(id: String, location: SourceLocation)]) -> [Diagnostic]
  {
    var seen: [String: SourceLocation] = [:]
    var diagnostics: [Diagnostic] = []
    for (id, location) in anchors {
      if let first = seen[id] {
        diagnostics.append(
          Diagnostic(
            at: location, id: .lessonDuplicateAnchor,
            "'#\(id)' is already defined on this page at line \(first.line)",
            suggestion: "rename the heading, or show the figure only once (or with other options)"))
      } else {
        seen[id] = location
      }
    }
    return diagnostics
  }
}
