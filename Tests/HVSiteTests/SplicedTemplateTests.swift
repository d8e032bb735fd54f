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

  /// The sidebar item (spliced in every build) and the print page (spliced in `serve`) write
  /// what Mustache writes, with the shipped templates.
  @Test func theShippedSidebarItemAndPrintTemplatesAreWrittenExactlyAsMustacheWritesThem() throws {
    var fixture = ContentFixture()
    for name in ["sidebar-item", "print"] {
      fixture.files["theme/templates/\(name).mustache"] = try String(
        contentsOf: Repository.url("Content/theme/templates/\(name).mustache"), encoding: .utf8)
    }
    let (loaded, problems) = Theme.load(from: fixture.snapshot)
    #expect(problems.isEmpty, "\(problems)")
    let theme = try #require(loaded)
    let sidebar = SplicedTemplate<SidebarItem>(theme: theme, template: "sidebar-item")
    for item in [
      SidebarItem(title: "Ring & <buffers>", href: "a.html?x=1&y=2", current: false),
      SidebarItem(title: "Ring & <buffers>", href: "a.html", current: true),
      SidebarItem(title: "", href: "b.html", current: false),
    ] {
      #expect(sidebar.render(item) == theme.render(item, template: "sidebar-item"))
    }
    let print = SplicedTemplate<PrintView>(theme: theme, template: "print")
    let lessons = [
      PrintLesson(title: "A & B", summary: "Why <not>", anchor: "a", body: "<p>x</p>"),
      PrintLesson(title: "C", summary: "", anchor: "c", body: "<p>y & z</p>"),
    ]
    for view in [
      PrintView(language: "en", title: "Course", lessons: lessons, strings: ["lesson-count-label": "Lessons"]),
      PrintView(language: "en", title: "Course", lessons: lessons.reversed(), strings: ["lesson-count-label": "Lessons"]),
      PrintView(language: "vi", title: "Khóa học", lessons: [], strings: ["lesson-count-label": "Bài"]),
    ] {
      #expect(print.render(view) == theme.render(view, template: "print"))
    }
  }
}
