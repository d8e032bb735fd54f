import HVTestSupport
import Testing

@testable import HVSite

/// The layout's fast path (rendered once per page shape, then filled in) writes exactly what
/// Mustache writes for every page: escaped and raw fields, empty fields a template tests, repeated
/// shapes, and a template that tests fields the shipped one does not.
@Suite struct LayoutRendererTests {
  static func view(
    title: String = "Ring buffers", description: String = "", sidebar: String = "<li>x</li>",
    pageURL: String = "", scenarios: String = "scenarios/index.html", kind: String = "lesson",
    content: String = "<p>Body & more</p>", language: String = "en"
  ) -> LayoutView {
    LayoutView(
      lang: language, pageTitle: title, description: description, root: "../",
      siteTitle: "hvwalk <course>", strings: ["skip-to-content": "Skip", "language-name": "English"],
      homeHref: "../index.html", languageIndexHref: "index.html", scenariosHref: scenarios,
      languages: [
        LanguageLink(code: "vi", name: "Tiếng Việt", href: "../vi/a.html?x=1&y=2", current: language == "vi"),
        LanguageLink(code: "en", name: "English", href: "a.html", current: language == "en"),
      ],
      sidebar: sidebar, hasSidebar: !sidebar.isEmpty, content: content, pageKind: kind,
      ogType: "article", ogLocale: "en_US", pageURL: pageURL, hasPageURL: !pageURL.isEmpty,
      printHref: "print.html", searchIndexHref: "search-index.js")
  }

  static func theme(layout: String) throws -> Theme {
    var fixture = ContentFixture()
    fixture.files["theme/templates/layout.mustache"] = layout
    let (theme, problems) = Theme.load(from: fixture.snapshot)
    #expect(problems.isEmpty, "\(problems)")
    return try #require(theme)
  }

  static let views = [
    view(), view(title: "A & B <c> \"d\" 'e'", description: "Tóm tắt & <mô tả>"),
    view(sidebar: "", scenarios: ""), view(pageURL: "https://example.org/en/a.html"),
    view(kind: "home", language: "vi"), view(title: "", content: ""), view(),
  ]

  @Test func theShippedLayoutIsWrittenExactlyAsMustacheWritesIt() throws {
    let layout = try String(
      contentsOf: Repository.url("Content/theme/templates/layout.mustache"), encoding: .utf8)
    let theme = try Self.theme(layout: layout)
    let fast = SplicedTemplate<LayoutView>(theme: theme, template: "layout")
    for view in Self.views {
      #expect(fast.render(view) == theme.render(view, template: "layout"))
    }
  }

  @Test func aTemplateTestingOtherFieldsStillMatches() throws {
    let theme = try Self.theme(
      layout: """
        <html lang="{{lang}}"><title>{{pageTitle}}</title>{{#description}}<meta content="{{description}}">{{/description}}
        {{^description}}<p>no description</p>{{/description}}{{#pageURL}}<link href="{{pageURL}}">{{/pageURL}}
        {{{pageTitle}}} {{#languages}}<a href="{{href}}">{{name}}</a>{{/languages}}<main>{{{content}}}</main>
        """)
    let fast = SplicedTemplate<LayoutView>(theme: theme, template: "layout")
    for view in Self.views {
      #expect(fast.render(view) == theme.render(view, template: "layout"))
    }
  }
}
