import HVTestSupport
import Testing

@testable import HVSite

/// The lesson template's fast path (``SplicedTemplate``) writes exactly what Mustache writes:
/// escaped and raw fields, a table of contents of any length and levels, either neighbour
/// missing, empty summaries, repeated shapes, and an author's template that uses the fields
/// differently.
@Suite struct SplicedTemplateTests {
  static func view(
    title: String = "Ring buffers", summary: String = "How & why", body: String = "<p>x < y</p>",
    toc: [(String, String, Int)] = [], previous: NeighbourLink? = nil,
    next: NeighbourLink? = NeighbourLink(title: "Next <one>", href: "b.html?x=1&y=2"),
    language: String = "en"
  ) -> LessonView {
    LessonView(
      language: language, title: title, summary: summary, body: body,
      toc: toc.map { TocItem(title: $0.0, id: $0.1, level: String($0.2)) }, hasToc: toc.count >= 4,
      previous: previous, next: next,
      strings: [
        "on-this-page": language == "vi" ? "Trên trang này" : "On this page",
        "previous": "Previous", "next": "Next", "lesson-navigation": "Lessons",
      ])
  }

  static let views = [
    view(),
    view(title: "A & B <c> \"d\" 'e'", summary: ""),
    view(toc: [("One & two", "one", 2), ("Three", "three", 3), ("Four", "four", 2), ("5", "5", 2)]),
    view(toc: [("a", "a", 2)], previous: NeighbourLink(title: "Back", href: "a.html"), next: nil),
    view(previous: NeighbourLink(title: "Back", href: "a.html"), language: "vi"),
    view(title: "", summary: "", body: ""),
    view(toc: [("x", "x", 2), ("y", "y", 2), ("z", "z", 3), ("w", "w", 2)]),
    view(),
  ]

  static func theme(lesson: String) throws -> Theme {
    var fixture = ContentFixture()
    fixture.files["theme/templates/lesson.mustache"] = lesson
    let (theme, problems) = Theme.load(from: fixture.snapshot)
    #expect(problems.isEmpty, "\(problems)")
    return try #require(theme)
  }

  @Test func theShippedLessonTemplateIsWrittenExactlyAsMustacheWritesIt() throws {
    let lesson = try String(
      contentsOf: Repository.url("Content/theme/templates/lesson.mustache"), encoding: .utf8)
    let theme = try Self.theme(lesson: lesson)
    let fast = SplicedTemplate<LessonView>(theme: theme, template: "lesson")
    for view in Self.views {
      #expect(fast.render(view) == theme.render(view, template: "lesson"))
    }
  }

  @Test func aTemplateUsingTheFieldsDifferentlyStillMatches() throws {
    let theme = try Self.theme(
      lesson: """
        <h1>{{{title}}}</h1>{{^summary}}<p>no summary</p>{{/summary}}{{#toc}}[{{level}}:{{{title}}}]{{/toc}}
        {{#previous}}<a href="{{href}}">{{{title}}}</a>{{/previous}}{{^next}}last{{/next}}{{{body}}}{{body}}
        """)
    let fast = SplicedTemplate<LessonView>(theme: theme, template: "lesson")
    for view in Self.views {
      #expect(fast.render(view) == theme.render(view, template: "lesson"))
    }
  }
}
