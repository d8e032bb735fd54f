/// One lesson in one language, after its Markdown has been rendered.
public struct Lesson: Sendable, Equatable {
  /// File name without `.md`; the same slug in two languages is the same lesson.
  public var slug: String
  public var language: String
  public var title: String
  public var order: Int
  public var summary: String
  /// The rendered body (HTML fragment) and the facts gathered while rendering it.
  public var body: RenderedMarkdown
  /// Every element id a link may target: heading ids and the ids directives define.
  public var anchors: [String]
  /// The file it came from, as the author names it (for diagnostics).
  public var displayPath: String
  /// False when the front matter had errors: the body was still rendered, so its directives,
  /// counters and links are checked in the same run, but the lesson is not published.
  public var hasValidFrontMatter = true

  /// Where the lesson's page is written.
  public var route: Route { .lesson(language: language, slug: slug) }

  /// Output path inside the site, e.g. `en/vmbus.html`.
  public var outputPath: String { route.path }
}

/// Lesson file names double as URLs, so they are restricted to what is safe and readable in both.
enum LessonSlug {
  /// Names of pages the generator writes into every language's folder (`Route.languageIndex`,
  /// `Route.print`, `Route.notFound`): a lesson with one of these names would overwrite them.
  static let reserved: Set<String> = ["index", "print", "404"]

  static func isValid(_ slug: String) -> Bool {
    !slug.isEmpty && slug.count <= 80 && slug.first != "-" && slug.last != "-"
      && slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }
}
