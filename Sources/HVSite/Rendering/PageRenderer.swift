import Foundation

/// Turns validated content into the site's HTML pages (and search indexes and trace exports)
/// through the theme's templates: one file per route of the `SitePlan`.
struct PageRenderer: Sendable {
  let config: SiteConfig
  let strings: [String: InterfaceStrings]
  let theme: Theme
  /// Lessons per language, already rendered to HTML fragments.
  let lessons: [String: [Lesson]]
  let scenarios: [ScenarioRun]
  let parallel: Bool
  let cache: ScenarioCache?
  /// The layout, rendered once per page shape and filled in per page.
  let layout: SplicedTemplate<LayoutView>
  /// The `lesson` template, likewise.
  let lessonTemplate: SplicedTemplate<LessonView>
  /// The `print` template, likewise, where a page is made again and again (`serve`); nil in a
  /// build, which makes each print page once (splicing a template used once costs a render more).
  let printTemplate: SplicedTemplate<PrintView>?
  /// Pages and page parts kept from earlier builds (`serve`).
  var renderCache: RenderCache? = nil
  /// The styles a diagram image carries (``FigureFiles/imageStyle(fromStylesheet:)``).
  var diagramImageStyle = ""

  /// The rendered files of `routes`, and the diagram files pages over the budget gave up
  /// (``FigureFiles``). Routes of copied files (assets, media) and the sitemap are not rendered
  /// here and are skipped.
  func pages(_ routes: [Route]) -> (files: [Site.File], diagrams: [Route]) {
    let languages = Dictionary(
      uniqueKeysWithValues: config.languages.map {
        ($0, LanguageParts(renderer: self, language: $0))
      })
    let scenarioPages = ScenarioPages(runs: scenarios, strings: strings, theme: theme, cache: cache)
    let runs = ScenarioRuns(scenarios)
    let jobs = routes.compactMap { route in
      job(for: route, languages, runs, scenarioPages).map { (route, $0) }
    }
    // Every file is an independent template render: one per core, collected in route order.
    // The long ones (a language's print page and lists) start first, so that no core is left
    // with one of them at the end while the other waits.
    let style = diagramImageStyle
    let order = jobs.indices.sorted { (Self.weight(jobs[$0].0), $0) < (Self.weight(jobs[$1].0), $1) }
    let rendered = order.map { jobs[$0] }.parallelMap(parallel: parallel) { route, job in
      switch route {
      case .lesson, .scenario: FigureFiles.split(job(), page: route, style: style)
      default: FigureFiles.Split(page: job())
      }
    }
    var pages = [FigureFiles.Split?](repeating: nil, count: jobs.count)
    for (position, index) in order.enumerated() { pages[index] = rendered[position] }
    let splits = pages.compactMap { $0 }
    return (
      splits.flatMap { [$0.page] + $0.diagrams.map(\.file) },
      splits.flatMap { $0.diagrams.map(\.route) }
    )
  }

  /// When a route's job starts: the pages of whole lists first (0), then the rest (1).
  private static func weight(_ route: Route) -> Int {
    switch route {
    case .print, .languageIndex, .home, .searchIndex: 0
    default: 1
    }
  }

  private typealias Job = @Sendable () -> Site.File

  /// How the file of `route` is made; nil for files copied rather than rendered.
  private func job(
    for route: Route, _ languages: [String: LanguageParts], _ runs: ScenarioRuns,
    _ scenarioPages: ScenarioPages
  ) -> Job? {
    let parts = route.language.flatMap { languages[$0] }
    switch route {
    case .home:
      return { home(languages) }
    case .notFound(let language):
      let language = language ?? config.defaultLanguage
      return { notFound(route, language: language) }
    case .languageIndex:
      guard let parts else { return nil }
      return { languageIndex(route, parts) }
    case .lesson(_, let slug):
      guard let parts, let lesson = parts.navigation.lesson(slug) else { return nil }
      return { page(for: lesson, parts) }
    case .print:
      guard let parts else { return nil }
      return { printPage(route, parts) }
    case .searchIndex:
      guard let parts else { return nil }
      return { searchIndex(route, parts) }
    case .scenarioIndex:
      guard let parts else { return nil }
      return { scenarioIndex(route, parts, scenarioPages) }
    case .scenario(_, let id):
      guard let parts, let run = runs[id] else { return nil }
      return {
        reuse(route, run.source.map { ScenarioPageKey(run: $0, navigation: parts.navigationGeneration) }) {
          scenarioPage(route, run, parts, scenarioPages)
        }
      }
    case .scenarioBytes(let language, let id):
      guard let run = runs[id] else { return nil }
      let phrases = strings[language]?.phrases ?? .english
      return {
        reuse(route, run.source) {
          Site.File(path: route.path, text: ByteViewData.script(run, phrases: phrases))
        }
      }
    case .scenarioJSON(let id):
      guard let run = runs[id] else { return nil }
      return { reuse(route, run.source) { scenarioPages.json(run) } }
    case .chromeTrace(let id):
      guard let run = runs[id] else { return nil }
      return { reuse(route, run.source) { scenarioPages.chromeTrace(run) } }
    case .asset, .media, .sitemap, .diagramScript, .diagramImage:
      return nil
    }
  }

  /// A file made from `key` (besides the context files), kept between `serve` builds; made
  /// every time without a cache or a key (a run made without a scenario file).
  private func reuse<Key: Equatable>(_ route: Route, _ key: Key?, make: () -> Site.File)
    -> Site.File
  {
    guard let renderCache, let key else { return make() }
    return renderCache.reuse(route.path, key: key, make: make)
  }

  /// A scenario page: its run and its language's navigation (the sidebar).
  private struct ScenarioPageKey: Equatable {
    var run: ScenarioCache.RunKey
    var navigation: Int
  }

  /// What every page of one language shares, computed once: the lesson order, the sidebars
  /// and the per-lesson parts of the print page and the search index (on all cores).
  struct LanguageParts: Sendable {
    let language: String
    let navigation: Navigation
    /// Changes when the language's lessons, titles or order change (``RenderCache``).
    let navigationGeneration: Int
    let printLessons: [PrintLesson]
    /// Each lesson's rows of the search index script.
    let searchLines: [String]
    /// For pages in the language folder (lessons, indexes).
    let sidebar: SidebarRenderer
    /// For pages one folder deeper (`scenarios/`).
    let nestedSidebar: SidebarRenderer

    init(renderer: PageRenderer, language: String) {
      self.language = language
      navigation = Navigation(lessons: renderer.lessons[language] ?? [])
      let cache = renderer.renderCache
      let generation =
        cache?.navigationGeneration(language: language, lessons: navigation.lessons) ?? 0
      navigationGeneration = generation
      let slugs = Set(navigation.lessons.map(\.slug))
      printLessons = navigation.lessons.parallelMap(parallel: renderer.parallel) { lesson in
        guard let cache else { return PrintPage.printLesson(lesson, lessonSlugs: slugs) }
        return cache.printLesson(lesson, navigation: generation) {
          PrintPage.printLesson(lesson, lessonSlugs: slugs)
        }
      }
      searchLines = navigation.lessons.parallelMap(parallel: renderer.parallel) { lesson in
        let make = { SearchIndex.lines(SearchIndex.entries(for: lesson)) }
        guard let cache else { return make() }
        return cache.searchLines(lesson, make: make)
      }
      // The same entries as long as the navigation is the same (kept between `serve` builds).
      let navigation = navigation
      func sidebarRenderer(from page: Route) -> SidebarRenderer {
        let make = {
          SidebarRenderer(
            items: navigation.sidebar(current: nil, from: page), theme: renderer.theme)
        }
        guard let cache else { return make() }
        return cache.reuse("sidebar " + page.path, key: generation, make: make)
      }
      sidebar = sidebarRenderer(from: .languageIndex(language: language))
      nestedSidebar = sidebarRenderer(from: .scenarioIndex(language: language))
    }
  }

  /// Lessons with at least this many headings get an on-page table of contents.
  static let tocThreshold = 4

  private func page(for lesson: Lesson, _ parts: LanguageParts) -> Site.File {
    let (previous, next) = parts.navigation.neighbours(of: lesson.slug)
    guard let renderCache else { return page(for: lesson, previous, next, parts) }
    return renderCache.page(
      lesson, previous: previous, next: next, navigation: parts.navigationGeneration
    ) { page(for: lesson, previous, next, parts) }
  }

  private func page(
    for lesson: Lesson, _ previous: NeighbourLink?, _ next: NeighbourLink?, _ parts: LanguageParts
  ) -> Site.File {
    let route = lesson.route
    let toc = lesson.body.headings.filter { $0.level <= 3 }.map {
      TocItem(title: $0.text, id: $0.id, level: String($0.level))
    }
    let view = LessonView(
      language: lesson.language, title: lesson.title, summary: lesson.summary, body: lesson.body.html,
      toc: toc, hasToc: toc.count >= Self.tocThreshold, previous: previous, next: next,
      strings: strings(lesson.language))
    let content = lessonTemplate.render(view)
    return file(
      route, kind: "lesson",
      title: "\(lesson.title) — \(config.title[lesson.language] ?? "")",
      description: lesson.summary.isEmpty
        ? config.description[lesson.language] ?? "" : lesson.summary,
      sidebar: parts.sidebar.html(current: route.relativeURL(from: route)), content: content)
  }

  /// Rendered again whenever a lesson of the language changed: spliced, it costs about what
  /// copying its bytes costs, so `serve` gains nothing from deferring it.
  private func printPage(_ route: Route, _ parts: LanguageParts) -> Site.File {
    let language = parts.language
    let siteTitle = config.title[language] ?? ""
    let view = PrintView(
      language: language, title: siteTitle, lessons: parts.printLessons,
      strings: strings(language))
    return file(
      route, kind: "print", title: (strings(language)["print-course"] ?? "") + " — " + siteTitle,
      description: config.description[language] ?? "", sidebar: "",
      content: printTemplate?.render(view) ?? theme.render(view, template: "print"))
  }

  private func searchIndex(_ route: Route, _ parts: LanguageParts) -> Site.File {
    let language = parts.language
    var index = SearchIndex()
    for run in scenarios {
      index.add(
        scenario: run.title[language] ?? run.id, summary: run.summary[language] ?? "",
        href: Route.scenario(language: language, id: run.id).relativeURL(
          from: SearchIndex.base(language)),
        kind: strings(language)["scenarios"] ?? "")
    }
    return Site.File(
      path: route.path,
      text: SearchIndex.script(lines: parts.searchLines.joined() + SearchIndex.lines(index.entries)))
  }

  /// Made from its list (besides the context): `serve` reuses the last one while the list is
  /// the same.
  private func languageIndex(_ route: Route, _ parts: LanguageParts) -> Site.File {
    let items = parts.navigation.listItems(from: route)
    guard let renderCache else { return makeLanguageIndex(route, parts, items) }
    return renderCache.reuse(route.path, key: items) { makeLanguageIndex(route, parts, items) }
  }

  private func makeLanguageIndex(
    _ route: Route, _ parts: LanguageParts, _ items: [LessonListItem]
  ) -> Site.File {
    let language = parts.language
    let siteTitle = config.title[language] ?? ""
    let view = LanguageIndexView(
      siteTitle: siteTitle, description: config.description[language] ?? "",
      lessons: items, strings: strings(language))
    return file(
      route, kind: "language-index", title: siteTitle,
      description: config.description[language] ?? "", sidebar: parts.sidebar.html(current: nil),
      content: theme.render(view, template: "language-index"))
  }

  private func scenarioIndex(_ route: Route, _ parts: LanguageParts, _ scenarioPages: ScenarioPages)
    -> Site.File
  {
    let language = parts.language
    let title =
      (strings[language]?["scenario-index-title"] ?? "") + " — " + (config.title[language] ?? "")
    return file(
      route, kind: "scenario-index", title: title, description: config.description[language] ?? "",
      sidebar: parts.nestedSidebar.html(current: nil),
      content: scenarioPages.index(language: language))
  }

  private func scenarioPage(
    _ route: Route, _ run: ScenarioRun, _ parts: LanguageParts,
    _ scenarioPages: ScenarioPages
  ) -> Site.File {
    let language = parts.language
    return file(
      route, kind: "scenario",
      title: (run.title[language] ?? run.id) + " — " + (config.title[language] ?? ""),
      description: run.summary[language] ?? config.description[language] ?? "",
      sidebar: parts.nestedSidebar.html(current: nil),
      content: scenarioPages.page(run, language: language))
  }

  /// Made from every language's list (besides the context), like ``languageIndex(_:_:)``.
  private func home(_ languages: [String: LanguageParts]) -> Site.File {
    let lists = config.languages.map {
      languages[$0]?.navigation.listItems(from: .home) ?? []
    }
    guard let renderCache else { return makeHome(lists) }
    return renderCache.reuse(Route.home.path, key: lists) { makeHome(lists) }
  }

  private func makeHome(_ lists: [[LessonListItem]]) -> Site.File {
    let route = Route.home
    let sections = zip(config.languages, lists).map { language, items in
      HomeLanguageSection(
        code: language, name: strings(language)["language-name"] ?? language,
        siteTitle: config.title[language] ?? "", description: config.description[language] ?? "",
        href: Route.languageIndex(language: language).relativeURL(from: route),
        lessons: items, strings: strings(language))
    }
    let language = config.defaultLanguage
    return file(
      route, kind: "home", title: config.title[language] ?? "",
      description: config.description[language] ?? "", sidebar: "",
      content: theme.render(HomeView(sections: sections), template: "home"), pageURL: "")
  }

  /// A static host serves the error page for missing addresses at any depth, where relative
  /// links would break; with a base URL the page links absolutely.
  private func notFound(_ route: Route, language: String) -> Site.File {
    let root = config.baseURL ?? route.pathToRoot
    let view = NotFoundView(strings: strings(language), homeHref: Route.home.url(fromRoot: root))
    let title =
      (strings(language)["not-found-title"] ?? "") + " — " + (config.title[language] ?? "")
    return file(
      route, language: language, root: root, kind: "not-found", title: title,
      description: config.description[language] ?? "", sidebar: "",
      content: theme.render(view, template: "not-found"))
  }

  /// The page at `route` in the layout. Every link the layout makes goes up to `root` (the
  /// page's way to the site root, or the base URL on error pages) and down the target's path.
  /// - Parameter pageURL: the path after the base URL in the page's metadata (the home page
  ///   gives the base URL itself).
  private func file(
    _ route: Route, language: String? = nil, root: String? = nil, kind: String, title: String,
    description: String, sidebar: String, content: String, pageURL: String? = nil
  ) -> Site.File {
    let language = language ?? route.language ?? config.defaultLanguage
    let root = root ?? route.pathToRoot
    let view = LayoutView(
      lang: language, pageTitle: title, description: description, root: root,
      siteTitle: config.title[language] ?? "", strings: strings(language),
      homeHref: Route.home.url(fromRoot: root),
      languageIndexHref: Route.languageIndex(language: language).url(fromRoot: root),
      scenariosHref: scenarios.isEmpty
        ? "" : Route.scenarioIndex(language: language).url(fromRoot: root),
      languages: config.languages.map {
        LanguageLink(
          code: $0, name: strings($0)["language-name"] ?? $0,
          href: route.counterpart(in: $0).url(fromRoot: root), current: $0 == language)
      },
      sidebar: sidebar, hasSidebar: !sidebar.isEmpty, content: content, pageKind: kind,
      ogType: kind == "lesson" || kind == "scenario" ? "article" : "website",
      ogLocale: Self.locales[language] ?? language,
      pageURL: config.baseURL.map { $0 + (pageURL ?? route.path) } ?? "",
      hasPageURL: config.baseURL != nil,
      printHref: Route.print(language: language).url(fromRoot: root),
      searchIndexHref: Route.searchIndex(language: language).url(fromRoot: root))
    return Site.File(path: route.path, text: layout.render(view))
  }

  /// Open Graph locales of the languages hvwalk ships; others fall back to the language code.
  static let locales = ["vi": "vi_VN", "en": "en_US"]

  private func strings(_ language: String) -> [String: String] {
    strings[language]?.dictionary ?? [:]
  }
}
