/// Every file a site has, by what it is rather than by a path string: the one place that knows
/// where each kind of file lives.
///
/// `SitePlan` lists a build's routes before anything is rendered (so links are checked against
/// them), `PageRenderer` renders exactly those routes, and every link a page makes to another
/// page or file of the site is derived from the target's route (``relativeURL(from:)``,
/// ``url(fromRoot:)``), so a path cannot be spelled two ways in two places.
public enum Route: Hashable, Sendable {
  /// `index.html`: the languages of the course.
  case home
  /// `404.html` (no language: the host's error page) or `<lang>/404.html`.
  case notFound(language: String?)
  /// `<lang>/index.html`: a language's list of lessons.
  case languageIndex(language: String)
  /// `<lang>/<slug>.html`.
  case lesson(language: String, slug: String)
  /// `<lang>/print.html`: the whole course on one page.
  case print(language: String)
  /// `<lang>/search-index.js`: the language's search index, as a script.
  case searchIndex(language: String)
  /// `<lang>/scenarios/index.html`.
  case scenarioIndex(language: String)
  /// `<lang>/scenarios/<id>.html`.
  case scenario(language: String, id: String)
  /// `<lang>/scenarios/<id>.bytes.js`: every ring packet's bytes, field by field, with the
  /// field notes in the language; a script the walkthrough loads when a reader opens a byte view.
  case scenarioBytes(language: String, id: String)
  /// `<folder>/figures/<page>.<figure>.js`: a long diagram of the page at `page` (its path), as a
  /// script that puts it back in place while the page is parsed (``FigureFiles``). The only
  /// routes known only once pages are rendered: which diagrams move depends on the page's size.
  case diagramScript(page: String, figure: String)
  /// `<folder>/figures/<page>.<figure>.svg`: the same diagram as an image with its styles, for
  /// readers without JavaScript.
  case diagramImage(page: String, figure: String)
  /// `scenarios/<id>.json`: the trace, shared by every language.
  case scenarioJSON(id: String)
  /// `scenarios/<id>.trace.json`: the trace for Perfetto / chrome://tracing.
  case chromeTrace(id: String)
  /// `assets/<path>`: a file of the theme's `assets/` folder, copied as it is.
  case asset(path: String)
  /// `media/<path>`: a file of the content's `media/` folder, copied as it is.
  case media(path: String)
  /// `sitemap.xml`, written only when the site has a base URL.
  case sitemap

  /// Pages are written as `.html`; author links to lessons (`vmbus.md`) are rewritten to it.
  static let pageExtension = ".html"

  /// The path inside the site, with `/` separators.
  public var path: String {
    switch self {
    case .home: "index.html"
    case .notFound(let language): (language.map { "\($0)/" } ?? "") + "404.html"
    case .languageIndex(let language): "\(language)/index.html"
    case .lesson(let language, let slug): "\(language)/\(slug)\(Self.pageExtension)"
    case .print(let language): "\(language)/print.html"
    case .searchIndex(let language): "\(language)/search-index.js"
    case .scenarioIndex(let language): "\(language)/scenarios/index.html"
    case .scenario(let language, let id): "\(language)/scenarios/\(id)\(Self.pageExtension)"
    case .scenarioBytes(let language, let id): "\(language)/scenarios/\(id).bytes.js"
    case .diagramScript(let page, let figure): Self.diagramPath(page, figure, "js")
    case .diagramImage(let page, let figure): Self.diagramPath(page, figure, "svg")
    case .scenarioJSON(let id): "scenarios/\(id).json"
    case .chromeTrace(let id): "scenarios/\(id).trace.json"
    case .asset(let path): "assets/\(path)"
    case .media(let path): "media/\(path)"
    case .sitemap: "sitemap.xml"
    }
  }

  private static func diagramPath(_ page: String, _ figure: String, _ suffix: String) -> String {
    let slash = page.lastIndex(of: "/")
    let folder = slash.map { String(page[...$0]) } ?? ""
    let name = String(page[(slash.map { page.index(after: $0) } ?? page.startIndex)...])
    let stem = name.hasSuffix(pageExtension) ? String(name.dropLast(pageExtension.count)) : name
    return "\(folder)figures/\(stem).\(figure).\(suffix)"
  }

  /// The page's language, for the routes that have one.
  public var language: String? {
    switch self {
    case .notFound(let language): language
    case .languageIndex(let language), .lesson(let language, _), .print(let language),
      .searchIndex(let language), .scenarioIndex(let language), .scenario(let language, _),
      .scenarioBytes(let language, _):
      language
    case .diagramScript(let page, _), .diagramImage(let page, _):
      page.contains("/") ? String(page.prefix { $0 != "/" }) : nil
    case .home, .scenarioJSON, .chromeTrace, .asset, .media, .sitemap: nil
    }
  }

  /// True for the HTML pages (what the build summary counts and the sitemap lists).
  public var isPage: Bool {
    switch self {
    case .home, .notFound, .languageIndex, .lesson, .print, .scenarioIndex, .scenario: true
    case .searchIndex, .scenarioBytes, .diagramScript, .diagramImage, .scenarioJSON, .chromeTrace,
      .asset, .media, .sitemap:
      false
    }
  }
}
