import HVDiagnostics
import HVDiagram

/// Builds the whole site from a content snapshot, in memory.
///
/// The steps run in order (configuration, strings, theme, lessons, cross-checks, pages) and each
/// collects every problem it finds; the build fails with all of them if there is any, and only a
/// complete `Site` is ever returned, so the writer can swap it in whole or not at all.
public struct SiteBuilder: Sendable {
  /// Directives beyond the built-in `trace` and `compare` (tests register their own here).
  public var directives: DirectiveRegistry
  /// Scenario runs kept between builds (`hvwalk serve`); nil simulates every scenario.
  public var scenarioCache: ScenarioCache?
  /// Lessons and pages kept between builds (`hvwalk serve`); nil renders everything.
  public var renderCache: RenderCache?
  /// Render lessons and pages on all cores. Output is byte-identical either way (tested).
  public var parallel: Bool

  public init(
    directives: DirectiveRegistry = DirectiveRegistry(), scenarioCache: ScenarioCache? = nil,
    renderCache: RenderCache? = nil, parallel: Bool = true
  ) {
    self.directives = directives
    self.scenarioCache = scenarioCache
    self.renderCache = renderCache
    self.parallel = parallel
  }

  /// Every directive a build knows: the built-in ones, over the scenarios this build ran, then
  /// the extra ones.
  private func registry(_ runs: ScenarioRuns) -> DirectiveRegistry {
    let variants = SweepRuns()
    var registry = DirectiveRegistry([
      TraceDirective(runs: runs, cache: scenarioCache), CompareDirective(runs: runs),
      SweepDirective(runs: runs, sweeps: variants), SelfCheckDirective(),
      BytesDirective(runs: runs), WhatIfDirective(runs: runs, variants: variants),
    ])
    for name in directives.names {
      if let directive = directives[name] { registry.register(directive) }
    }
    return registry
  }

  public func build(_ content: ContentSnapshot) -> Result<Site, DiagnosticsError> {
    buildWithPlan(content).map(\.site)
  }

  /// The site and the plan it was built from (tests check every file against its route).
  func buildWithPlan(_ content: ContentSnapshot) -> Result<
    (site: Site, plan: SitePlan), DiagnosticsError
  > {
    var diagnostics: [Diagnostic] = []
    renderCache?.begin(content)
    // A broken site.yaml must not hide every other problem: the rest is checked against the
    // languages the content itself shows (its strings files), and the build still fails.
    let config = loadConfig(content, &diagnostics) ?? SiteConfig.fallback(for: content)
    diagnostics += settingsSizes(content)
    diagnostics += MediaPolicy.check(content)
    let theme = collect(Theme.load(from: content), into: &diagnostics)
    let (runs, scenarioDiagnostics) = ScenarioLoader(
      content: content, config: config, cache: scenarioCache
    ).load()
    diagnostics += scenarioDiagnostics
    // A scenario file that did not parse is reported once, at its own error; a lesson's
    // `trace`/`compare`/counter naming it, or linking to its figure, is a follow-on, not news.
    let broken = Set(
      content.files(under: "scenarios").compactMap { ScenarioFileName.id(of: $0.path) }
    )
    .subtracting(runs.map(\.id))
    let hasScenarios = !content.files(under: "scenarios").isEmpty
    let required = ["self-check-heading"] + (hasScenarios ? WalkthroughText.requiredKeys : [])
    // Strings and phrases come from context files only: kept between `serve` builds.
    let loaded = reuse("strings", key: required) {
      var problems: [Diagnostic] = []
      let strings = StringsLoader(content: content, config: config)
        .load(theme: theme, requiredKeys: required, &problems)
      return (strings, problems)
    }
    let strings = loaded.0
    diagnostics += loaded.1
    let (rendered, present, lessonDiagnostics) = LessonLoader(
      content: content, config: config,
      strings: strings, directives: registry(ScenarioRuns(runs, broken: broken)),
      runs: ScenarioRuns(runs, broken: broken), parallel: parallel, cache: renderCache
    ).load()
    diagnostics += lessonDiagnostics
    let lessons = rendered.mapValues { $0.filter(\.hasValidFrontMatter) }
    diagnostics += CourseChecks(
      config: config, lessons: lessons, present: present,
      displayRoot: content.displayPath("lessons")
    ).check()
    diagnostics += TerminologyCheck(
      content: content, languages: config.languages, cache: renderCache
    ).check()
    // Links are checked against the pages the site will have, so link mistakes are reported
    // together with every other problem, not only once the rest is fixed.
    let planned = SitePlan(
      config: config, lessons: present.mapValues { $0.sorted() }, scenarioIDs: runs.map(\.id),
      content: content)
    diagnostics += checkLinks(
      rendered, planned.paths, runs: runs, languages: config.languages, broken: broken)
    diagnostics.removeAll { $0.identifier == ScenarioRuns.followOnID }
    guard diagnostics.isEmpty, let theme else { return .failure(DiagnosticsError(diagnostics)) }

    var renderer = PageRenderer(
      config: config, strings: strings, theme: theme, lessons: lessons,
      scenarios: runs, parallel: parallel, cache: scenarioCache,
      layout: spliced(theme, "layout"), lessonTemplate: spliced(theme, "lesson"),
      printTemplate: renderCache == nil ? nil : spliced(theme, "print"),
      renderCache: renderCache)
    renderer.diagramImageStyle = reuse("diagram image style", key: 0) {
      content.file(Theme.assetsFolder + "/style.css").map {
        FigureFiles.imageStyle(fromStylesheet: String(decoding: $0.bytes, as: UTF8.self))
      } ?? ""
    }
    let (pages, diagrams) = renderer.pages(planned.routes)
    let plan = planned.adding(diagrams: diagrams)
    let sizes = pageSizes(pages, lessons: lessons, runs: runs, content: content)
    guard sizes.isEmpty else { return .failure(DiagnosticsError(sizes)) }
    let site = Site(files: pages + copies(plan.routes, content) + sitemap(plan.routes, config))
    assert(
      Set(site.files.map(\.path)) == plan.paths,
      "the build must write exactly the files SitePlan lists")
    // Only a complete build decides what the next one may reuse (a failed one rendered no pages).
    renderCache?.end()
    return .success((site, plan))
  }

  /// A value that depends on the context files only (``RenderCache``): made once per `serve`
  /// session until one of them changes, and every time otherwise.
  private func reuse<Key: Equatable, Value>(_ slot: String, key: Key, make: () -> Value) -> Value {
    renderCache?.reuse(slot, key: key, make: make) ?? make()
  }

  /// A spliced template, kept between `serve` builds with what it learnt (its compiled shapes).
  private func spliced<View: SpliceableView>(_ theme: Theme, _ name: String)
    -> SplicedTemplate<View>
  {
    reuse("template \(name)", key: 0) { SplicedTemplate<View>(theme: theme, template: name) }
  }

  /// The theme's assets and the content's media, copied byte for byte to their routes.
  private func copies(_ routes: [Route], _ content: ContentSnapshot) -> [Site.File] {
    routes.compactMap { route in
      let source: String
      switch route {
      case .asset(let path): source = Theme.assetsFolder + "/" + path
      case .media: source = route.path
      default: return nil
      }
      return content.file(source).map { Site.File(path: route.path, bytes: $0.bytes) }
    }
  }

  private func sitemap(_ routes: [Route], _ config: SiteConfig) -> [Site.File] {
    guard let baseURL = config.baseURL, routes.contains(.sitemap) else { return [] }
    return [Sitemap.file(baseURL: baseURL, routes: routes)]
  }

  private func loadConfig(_ content: ContentSnapshot, _ diagnostics: inout [Diagnostic])
    -> SiteConfig?
  {
    guard let file = content.file(SiteConfig.path) else {
      diagnostics.append(
        Diagnostic(
          at: SourceLocation(path: content.displayPath(SiteConfig.path), line: 1, column: 1),
          id: .siteMissingConfig, "the content folder has no site.yaml",
          suggestion: "is '\(content.displayRoot)' the right content folder?"))
      return nil
    }
    guard file.bytes.count <= ContentLimits.settingsFileBytes else { return nil }  // reported with the sizes
    switch content.text(of: file) {
    case .failure(let error):
      diagnostics += error.diagnostics
      return nil
    case .success(let text):
      return collect(
        SiteConfig.parse(text, displayPath: content.displayPath(file.path)), into: &diagnostics)
    }
  }

  /// `site.yaml`, strings, templates and theme assets over their size limit.
  private func settingsSizes(_ content: ContentSnapshot) -> [Diagnostic] {
    let files = content.files.filter {
      $0.path == SiteConfig.path || $0.path.hasPrefix("strings/") || $0.path.hasPrefix("theme/")
        || $0.path.hasPrefix("terminology/")
    }
    return files.compactMap {
      ContentLimits.oversized(
        $0, in: content, limit: ContentLimits.settingsFileBytes, what: "this file")
    }
  }

  /// A page over ``ContentLimits/pageBytes``, reported at the file it was made from.
  private func pageSizes(
    _ pages: [Site.File], lessons: [String: [Lesson]], runs: [ScenarioRun],
    content: ContentSnapshot
  ) -> [Diagnostic] {
    var large = pages.filter { $0.bytes.count > ContentLimits.pageBytes }
    guard !large.isEmpty else { return [] }
    // The print page holds every lesson: when one of them is already too large, it says nothing new.
    let languagesWithLargeLessons = Set(
      large.filter { !$0.path.hasSuffix("/print.html") }.map { $0.path.prefix { $0 != "/" } })
    large.removeAll {
      $0.path.hasSuffix("/print.html")
        && languagesWithLargeLessons.contains($0.path.prefix { $0 != "/" })
    }
    var sources = Dictionary(
      lessons.values.flatMap { $0 }.map { ($0.outputPath, $0.displayPath) },
      uniquingKeysWith: { first, _ in first })
    for run in runs {
      for page in large where page.path.hasSuffix("/scenarios/\(run.id).html") {
        sources[page.path] = content.displayPath("scenarios/\(run.id).yaml")
      }
    }
    return large.map { page in
      let source = sources[page.path] ?? content.displayPath("lessons")
      return Diagnostic(
        at: SourceLocation(file: source), id: .limitPageSize,
        "the page \(page.path) would be \(ContentLimits.describe(page.bytes.count)); the limit for one page is \(ContentLimits.describe(ContentLimits.pageBytes))",
        suggestion: page.path.hasSuffix("/print.html")
          ? "the print page holds the whole course: shorten lessons"
          : "split the lesson, or show fewer walkthroughs (messages=A-B shows a part of one)")
    }
  }

  private func checkLinks(
    _ lessons: [String: [Lesson]], _ paths: Set<String>, runs: [ScenarioRun],
    languages: [String], broken: Set<String>
  ) -> [Diagnostic] {
    let all = lessons.keys.sorted().flatMap { lessons[$0] ?? [] }
    var anchors = Dictionary(
      all.map { ($0.outputPath, Set($0.anchors)) }, uniquingKeysWith: { first, _ in first })
    // Scenario pages: their walkthrough (every step) and their section headings.
    for run in runs {
      let figure = WalkthroughFigure.anchors(of: run, options: DiagramOptions())
      for language in languages {
        anchors[Route.scenario(language: language, id: run.id).path] = Set(
          figure + ScenarioPages.headingIDs)
      }
    }
    let checker = LinkChecker(
      sitePaths: paths, anchors: anchors,
      slugs: lessons.mapValues { $0.map(\.slug).sorted() }, brokenScenarios: broken)
    return all.flatMap(checker.check)
  }

  private func collect<T>(_ result: (T?, [Diagnostic]), into diagnostics: inout [Diagnostic]) -> T?
  {
    diagnostics += result.1
    return result.0
  }
}
