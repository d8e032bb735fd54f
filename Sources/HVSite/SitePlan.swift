/// The files a build will write, as routes, known before any page is rendered, so links can be
/// checked in the same pass as every other problem. `PageRenderer` renders exactly these pages
/// and `SiteBuilder` copies exactly these assets and media, so the plan and the site cannot
/// drift apart (asserted in every debug build, and tested).
struct SitePlan {
  /// In a fixed order: site-wide pages, then per language (indexes, lessons in the order given,
  /// print page, search index, scenario pages), then exports, assets, media and the sitemap.
  private(set) var routes: [Route]

  var paths: Set<String> { Set(routes.map(\.path)) }

  /// The plan with the diagram files pages gave up while they were rendered (``FigureFiles``):
  /// the only files not known before rendering. They are never link targets.
  func adding(diagrams: [Route]) -> SitePlan {
    var plan = self
    plan.routes += diagrams
    return plan
  }

  /// - Parameter lessons: the lesson slugs of each language, in the order they are listed.
  init(
    config: SiteConfig, lessons: [String: [String]], scenarioIDs: [String], content: ContentSnapshot
  ) {
    var routes: [Route] = [.home, .notFound(language: nil)]
    for language in config.languages {
      routes += [.languageIndex(language: language), .notFound(language: language)]
      routes += (lessons[language] ?? []).map { .lesson(language: language, slug: $0) }
      routes += [.print(language: language), .searchIndex(language: language)]
      if !scenarioIDs.isEmpty {
        routes.append(.scenarioIndex(language: language))
        routes += scenarioIDs.map { .scenario(language: language, id: $0) }
        routes += scenarioIDs.map { .scenarioBytes(language: language, id: $0) }
      }
    }
    routes += scenarioIDs.flatMap { [Route.scenarioJSON(id: $0), .chromeTrace(id: $0)] }
    routes += content.files(under: Theme.assetsFolder).map {
      .asset(path: Theme.assetPath(of: $0.path))
    }
    routes += content.files(under: "media").map {
      .media(path: String($0.path.dropFirst("media/".count)))
    }
    if config.baseURL != nil { routes.append(.sitemap) }
    self.routes = routes
  }
}
