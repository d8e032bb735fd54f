/// The values templates see. Mustache reads them by reflection, so field names are the template
/// variable names (`{{pageTitle}}`, `{{#sidebar}}…{{/sidebar}}`). All text is plain; templates
/// escape it with `{{…}}`, and only `content`/`body` (already-safe HTML) use `{{{…}}}`.
struct LayoutView {
  var lang: String
  var pageTitle: String
  var description: String
  /// Prefix leading from this page to the site root: `""` or `"../"`.
  var root: String
  var siteTitle: String
  var strings: [String: String]
  var homeHref: String
  var languageIndexHref: String
  /// The scenario index of this language, or empty when the content has no scenarios.
  var scenariosHref: String
  var languages: [LanguageLink]
  /// The sidebar's items, already rendered (see `SidebarRenderer`).
  var sidebar: String
  var hasSidebar: Bool
  var content: String
  /// `lesson`, `language-index`, `home`, `not-found`: lets the stylesheet vary the layout.
  var pageKind: String
  /// `article` for lessons and scenarios, `website` otherwise (Open Graph).
  var ogType: String
  /// `vi_VN`, `en_US`… (Open Graph).
  var ogLocale: String
  /// The page's absolute address when the site has a base URL, else empty.
  var pageURL: String
  var hasPageURL: Bool
  var printHref: String
  var searchIndexHref: String
}

struct LanguageLink {
  var code: String
  var name: String
  var href: String
  var current: Bool
}

struct SidebarItem {
  var title: String
  var href: String
  var current: Bool
}

struct LessonView {
  /// Which strings the view carries (not shown by templates; it decides the spliced shape).
  var language: String
  var title: String
  var summary: String
  var body: String
  var toc: [TocItem]
  var hasToc: Bool
  var previous: NeighbourLink?
  var next: NeighbourLink?
  var strings: [String: String]
}

struct NeighbourLink: Equatable {
  var title: String
  var href: String
}

struct LanguageIndexView {
  var siteTitle: String
  var description: String
  var lessons: [LessonListItem]
  var strings: [String: String]
}

struct LessonListItem: Equatable {
  var title: String
  var summary: String
  var href: String
  var order: Int
}

struct HomeView {
  var sections: [HomeLanguageSection]
}

struct HomeLanguageSection {
  var code: String
  var name: String
  var siteTitle: String
  var description: String
  var href: String
  var lessons: [LessonListItem]
  var strings: [String: String]
}

struct NotFoundView {
  var strings: [String: String]
  var homeHref: String
}

struct ScenarioPageView {
  var title: String
  var summary: String
  var figure: String
  var command: String
  var jsonHref: String
  var chromeHref: String
  var vmName: String
  var vmState: String
  var services: [ServiceRow]
  var hasServices: Bool
  var log: [LogRow]
  var hasLog: Bool
  var strings: [String: String]
}

struct ServiceRow {
  var name: String
  var enabled: String
  var status: String
}

struct LogRow {
  var time: String
  var source: String
  var message: String
  /// The message had no translation and stayed English (marked `lang="en"`).
  var english = false
}

struct ScenarioIndexView {
  var scenarios: [LessonListItem]
  var strings: [String: String]
}

struct TocItem {
  var title: String
  var id: String
  /// The heading's level, as text: a field of the spliced lesson template, so lessons with the
  /// same number of headings share one shape whatever their levels.
  var level: String
}

struct PrintView {
  /// Which strings the view carries (not shown by templates; it decides the spliced shape).
  var language: String
  var title: String
  var lessons: [PrintLesson]
  var strings: [String: String]
}

struct PrintLesson: Equatable {
  var title: String
  var summary: String
  var anchor: String
  var body: String
}
