import Foundation
import HVTestSupport
import Testing

@testable import HVSite

/// One route type names every file of the site: the plan lists exactly what the build writes,
/// and every link of every page leads to a file the build wrote.
@Suite struct RouteTests {
  @Test func pathsAndRelativeURLs() {
    let lesson = Route.lesson(language: "vi", slug: "vmbus")
    let scenario = Route.scenario(language: "vi", id: "kvp")
    #expect(lesson.path == "vi/vmbus.html")
    #expect(
      Route.lesson(language: "vi", slug: "overview").relativeURL(from: lesson) == "overview.html")
    #expect(lesson.relativeURL(from: scenario) == "../vmbus.html")
    #expect(scenario.relativeURL(from: lesson) == "scenarios/kvp.html")
    #expect(Route.scenarioJSON(id: "kvp").relativeURL(from: scenario) == "../../scenarios/kvp.json")
    #expect(lesson.counterpart(in: "en").relativeURL(from: lesson) == "../en/vmbus.html")
    #expect(Route.languageIndex(language: "en").relativeURL(from: .home) == "en/index.html")
    #expect(
      scenario.pathToRoot == "../../" && Route.home.pathToRoot == "" && lesson.pathToRoot == "../")
    #expect(
      Route.languageIndex(language: "vi").url(fromRoot: lesson.pathToRoot) == "../vi/index.html")
    #expect(
      Route.notFound(language: nil).path == "404.html"
        && Route.notFound(language: "en").path == "en/404.html")
  }

  /// The shipped course with a base URL (so the sitemap and the absolute links of the error
  /// pages are there too): the plan's routes are distinct and are exactly the files written.
  @Test func everyWrittenFileHasARoute() throws {
    let (site, plan) = try Self.buildCourse()
    #expect(plan.routes.count == Set(plan.routes).count)
    #expect(plan.routes.count == plan.paths.count, "two routes share a path")
    #expect(Set(site.files.map(\.path)) == plan.paths)
    for kind in [
      "home", "404", "lesson", "print", "search", "scenario index", "scenario", "JSON",
      "Chrome trace",
      "asset", "sitemap",
    ] {
      #expect(plan.routes.contains { Self.kind(of: $0) == kind }, "the course has no \(kind) route")
    }
  }

  /// Every `href` and `src` of every page, and every link of the search indexes, resolves to a
  /// file the build wrote (after the base URL, on the error pages).
  @Test func everyLinkLeadsToAWrittenFile() throws {
    let (site, plan) = try Self.buildCourse()
    var broken: [String] = []
    var checked = 0, absoluteCount = 0
    for file in site.files
    where file.path.hasSuffix(".html") || file.path.hasSuffix("search-index.js") {
      let text = String(decoding: file.bytes, as: UTF8.self)
      let isIndex = file.path.hasSuffix(".js")
      // The search index's links are relative to the language folder (see SearchIndex.base).
      let from =
        isIndex ? String(file.path.dropLast("search-index.js".count)) + "index.html" : file.path
      let pattern = isIndex ? /\[(?:"(?:[^"\\]|\\.)*",){2}"([^"]*)"/ : /\s(?:href|src)="([^"]*)"/
      for match in text.matches(of: pattern) {
        let raw = String(match.output.1)
        let absolute = raw.hasPrefix(Self.baseURL)
        let target = absolute ? String(raw.dropFirst(Self.baseURL.count)) : raw
        guard absolute || !(raw.isEmpty || raw.hasPrefix("#") || LinkRewriter.hasScheme(raw)) else {
          continue
        }
        let path = LinkRewriter.split(target).path
        // The base URL itself is the home page.
        let resolved =
          absolute ? (path.isEmpty ? Route.home.path : path) : LinkChecker.resolve(path, from: from)
        checked += 1
        if absolute { absoluteCount += 1 }
        if resolved.map(plan.paths.contains) != true { broken.append("\(file.path): \(raw)") }
      }
    }
    // The check saw the course's links, the search indexes' links and the error pages' absolute links.
    #expect(checked > 1_000 && absoluteCount > 0)
    #expect(
      broken.isEmpty,
      "links to files the build did not write:\n\(broken.prefix(20).joined(separator: "\n"))")
  }

  static let baseURL = "https://hvwalk.example/course/"

  static func buildCourse() throws -> (Site, SitePlan) {
    let root = Repository.url("Content")
    var files: [ContentSnapshot.File] = []
    for relative in (FileManager.default.subpaths(atPath: root.path) ?? []).sorted() {
      var isFolder: ObjCBool = false
      let url = root.appendingPathComponent(relative)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      var bytes = [UInt8](try Data(contentsOf: url))
      if relative == "site.yaml" { bytes += Array("\nbase-url: \(baseURL)\n".utf8) }
      files.append(ContentSnapshot.File(path: relative, bytes: bytes))
    }
    let result = SiteBuilder().buildWithPlan(ContentSnapshot(displayRoot: "Content", files: files))
    let built = try result.get()
    return (built.site, built.plan)
  }

  static func kind(of route: Route) -> String {
    switch route {
    case .home: "home"
    case .notFound: "404"
    case .languageIndex: "language index"
    case .lesson: "lesson"
    case .print: "print"
    case .searchIndex: "search"
    case .scenarioIndex: "scenario index"
    case .scenario: "scenario"
    case .scenarioJSON: "JSON"
    case .chromeTrace: "Chrome trace"
    case .scenarioBytes: "bytes"
    case .diagramScript: "diagram script"
    case .diagramImage: "diagram image"
    case .asset: "asset"
    case .media: "media"
    case .sitemap: "sitemap"
    }
  }
}
