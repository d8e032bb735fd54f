import Foundation

/// Turns validated content into the site's HTML pages through the theme's templates.
struct PageRenderer: Sendable {
  let config: SiteConfig
  let strings: [String: InterfaceStrings]
  let theme: Theme
  /// Lessons per language, already rendered to HTML fragments.
  let lessons: [String: [Lesson]]
  let scenarios: [ScenarioRun]
  let parallel: Bool
  let cache: ScenarioCache?

  func pages() -> [Site.File] {
    // Every page is an independent template render: one per core, collected in job order.
    jobs().parallelMap(parallel: parallel) { $0() }
  }

  /// One closure per output file, in a fixed order.
  private func jobs() -> [@Sendable () -> Site.File] {
    var jobs: [@Sendable () -> Site.File] = [
      { home() }, { notFound(language: config.defaultLanguage, path: "404.html", root: "") },
    ]
    let scenarioPages = ScenarioPages(runs: scenarios, strings: strings, theme: theme, cache: cache)
    jobs += scenarioPages.exports().map { file in { file } }
    for language in config.languages {
      let navigation = Navigation(lessons: lessons[language] ?? [])
      // The per-lesson parts of the print page and the search index, computed on all cores.
      let slugs = Set(navigation.lessons.map(\.slug))
      let printLessons = navigation.lessons.parallelMap(parallel: parallel) { PrintPage.printLesson($0, lessonSlugs: slugs) }
      let searchEntries = navigation.lessons.parallelMap(parallel: parallel) { SearchIndex.entries(for: $0) }
      let sidebar = SidebarRenderer(items: navigation.sidebar(current: nil), theme: theme)
      let nestedSidebar = SidebarRenderer(items: navigation.sidebar(current: nil, prefix: "../"), theme: theme)
      jobs.append { languageIndex(language, navigation, sidebar) }
      jobs.append { notFound(language: language, path: "\(language)/404.html", root: "../") }
      for lesson in navigation.lessons {
        jobs.append { page(for: lesson, navigation, sidebar) }
      }
      jobs.append { printPage(language, printLessons) }
      jobs.append { searchIndex(language, searchEntries) }
      guard !scenarios.isEmpty else { continue }
      let siteTitle = config.title[language] ?? ""
      jobs.append {
        let indexTitle = (strings[language]?["scenario-index-title"] ?? "") + " — " + siteTitle
        return Site.File(path: "\(language)/scenarios/index.html", text: theme.render(layout(
          language: language, root: "../../", kind: "scenario-index", title: indexTitle,
          description: config.description[language] ?? "", sidebar: nestedSidebar.html(current: nil),
          languageHref: { "../../\($0)/scenarios/index.html" }, content: scenarioPages.index(language: language),
          path: "\(language)/scenarios/index.html"), template: "layout"))
      }
      for run in scenarios {
        jobs.append {
          let title = (run.title[language] ?? run.id) + " — " + siteTitle
          return Site.File(path: "\(language)/scenarios/\(run.id).html", text: theme.render(layout(
            language: language, root: "../../", kind: "scenario", title: title,
            description: run.summary[language] ?? config.description[language] ?? "",
            sidebar: nestedSidebar.html(current: nil),
            languageHref: { "../../\($0)/scenarios/\(run.id).html" },
            content: scenarioPages.page(run, language: language), path: "\(language)/scenarios/\(run.id).html"),
            template: "layout"))
        }
      }
    }
    return jobs
  }

  /// Lessons with at least this many headings get an on-page table of contents.
  static let tocThreshold = 4

  private func page(for lesson: Lesson, _ navigation: Navigation, _ sidebar: SidebarRenderer) -> Site.File {
    let (previous, next) = navigation.neighbours(of: lesson.slug)
    let toc = lesson.body.headings.filter { $0.level <= 3 }.map { TocItem(title: $0.text, id: $0.id, level: $0.level) }
    let view = LessonView(title: lesson.title, summary: lesson.summary, body: lesson.body.html,
      toc: toc, hasToc: toc.count >= Self.tocThreshold, previous: previous, next: next, strings: strings(lesson.language))
    let content = theme.render(view, template: "lesson")
    let layout = self.layout(language: lesson.language, root: "../", kind: "lesson",
      title: "\(lesson.title) — \(config.title[lesson.language] ?? "")",
      description: lesson.summary.isEmpty ? config.description[lesson.language] ?? "" : lesson.summary,
      sidebar: sidebar.html(current: lesson.slug + ".html"),
      languageHref: { "../\($0)/\(lesson.slug).html" }, content: content, path: lesson.outputPath)
    return Site.File(path: lesson.outputPath, text: theme.render(layout, template: "layout"))
  }

  private func printPage(_ language: String, _ lessons: [PrintLesson]) -> Site.File {
    let siteTitle = config.title[language] ?? ""
    let view = PrintView(title: siteTitle, lessons: lessons, strings: strings(language))
    let layout = self.layout(language: language, root: "../", kind: "print",
      title: (strings(language)["print-course"] ?? "") + " — " + siteTitle,
      description: config.description[language] ?? "", sidebar: "",
      languageHref: { "../\($0)/print.html" }, content: theme.render(view, template: "print"),
      path: "\(language)/print.html")
    return Site.File(path: "\(language)/print.html", text: theme.render(layout, template: "layout"))
  }

  private func searchIndex(_ language: String, _ entries: [[SearchIndex.Entry]]) -> Site.File {
    var index = SearchIndex()
    index.entries = entries.flatMap { $0 }
    for run in scenarios {
      index.add(scenario: run.title[language] ?? run.id, summary: run.summary[language] ?? "",
                href: "scenarios/\(run.id).html", kind: strings(language)["scenarios"] ?? "")
    }
    return Site.File(path: "\(language)/search-index.js", text: index.script())
  }

  private func languageIndex(_ language: String, _ navigation: Navigation, _ sidebar: SidebarRenderer) -> Site.File {
    let siteTitle = config.title[language] ?? ""
    let view = LanguageIndexView(siteTitle: siteTitle, description: config.description[language] ?? "",
      lessons: navigation.listItems(), strings: strings(language))
    let layout = self.layout(language: language, root: "../", kind: "language-index", title: siteTitle,
      description: config.description[language] ?? "", sidebar: sidebar.html(current: nil),
      languageHref: { "../\($0)/index.html" }, content: theme.render(view, template: "language-index"),
      path: "\(language)/index.html")
    return Site.File(path: "\(language)/index.html", text: theme.render(layout, template: "layout"))
  }

  private func home() -> Site.File {
    let sections = config.languages.map { language in
      HomeLanguageSection(code: language, name: strings(language)["language-name"] ?? language,
        siteTitle: config.title[language] ?? "", description: config.description[language] ?? "",
        href: "\(language)/index.html",
        lessons: Navigation(lessons: lessons[language] ?? []).listItems(prefix: "\(language)/"),
        strings: strings(language))
    }
    let language = config.defaultLanguage
    let layout = self.layout(language: language, root: "", kind: "home",
      title: config.title[language] ?? "", description: config.description[language] ?? "",
      sidebar: "", languageHref: { "\($0)/index.html" },
      content: theme.render(HomeView(sections: sections), template: "home"), path: "")
    return Site.File(path: "index.html", text: theme.render(layout, template: "layout"))
  }

  /// A static host serves the error page for missing addresses at any depth, where relative
  /// links would break; with a base URL the page links absolutely.
  private func notFound(language: String, path: String, root relativeRoot: String) -> Site.File {
    let root = config.baseURL ?? relativeRoot
    let view = NotFoundView(strings: strings(language), homeHref: root + "index.html")
    let title = (strings(language)["not-found-title"] ?? "") + " — " + (config.title[language] ?? "")
    let layout = self.layout(language: language, root: root, kind: "not-found", title: title,
      description: config.description[language] ?? "", sidebar: "",
      languageHref: { root + "\($0)/index.html" },
      content: theme.render(view, template: "not-found"), path: path)
    return Site.File(path: path, text: theme.render(layout, template: "layout"))
  }

  private func layout(
    language: String, root: String, kind: String, title: String, description: String,
    sidebar: String, languageHref: (String) -> String, content: String, path: String
  ) -> LayoutView {
    LayoutView(
      lang: language, pageTitle: title, description: description, root: root,
      siteTitle: config.title[language] ?? "", strings: strings(language),
      homeHref: root + "index.html", languageIndexHref: root + "\(language)/index.html",
      scenariosHref: scenarios.isEmpty ? "" : root + "\(language)/scenarios/index.html",
      languages: config.languages.map {
        LanguageLink(code: $0, name: strings($0)["language-name"] ?? $0, href: languageHref($0),
          current: $0 == language)
      },
      sidebar: sidebar, hasSidebar: !sidebar.isEmpty, content: content, pageKind: kind,
      ogType: kind == "lesson" || kind == "scenario" ? "article" : "website",
      ogLocale: Self.locales[language] ?? language, pageURL: config.baseURL.map { $0 + path } ?? "",
      hasPageURL: config.baseURL != nil,
      printHref: root + "\(language)/print.html", searchIndexHref: root + "\(language)/search-index.js")
  }

  /// Open Graph locales of the languages hvwalk ships; others fall back to the language code.
  static let locales = ["vi": "vi_VN", "en": "en_US"]

  private func strings(_ language: String) -> [String: String] {
    strings[language]?.dictionary ?? [:]
  }
}
