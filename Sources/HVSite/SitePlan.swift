/// The paths a build will write, known before any page is rendered, so links can be checked in
/// the same pass as every other problem. `SiteBuilder` asserts (and a test checks) that the built
/// site has exactly these files.
struct SitePlan {
  let paths: Set<String>

  init(config: SiteConfig, present: [String: Set<String>], runs: [ScenarioRun], content: ContentSnapshot) {
    var paths: Set<String> = ["index.html", "404.html"]
    for language in config.languages {
      paths.formUnion(["\(language)/index.html", "\(language)/404.html", "\(language)/print.html",
                       "\(language)/search-index.js"])
      for slug in present[language] ?? [] { paths.insert("\(language)/\(slug).html") }
      if !runs.isEmpty {
        paths.insert("\(language)/scenarios/index.html")
        for run in runs { paths.insert("\(language)/scenarios/\(run.id).html") }
      }
    }
    for run in runs {
      paths.formUnion(["scenarios/\(run.id).json", "scenarios/\(run.id).trace.json"])
    }
    for file in content.files(under: "theme/assets") { paths.insert("assets/" + file.path.dropFirst("theme/assets/".count)) }
    for file in content.files(under: "media") { paths.insert(file.path) }
    if config.baseURL != nil { paths.insert("sitemap.xml") }
    self.paths = paths
  }
}
