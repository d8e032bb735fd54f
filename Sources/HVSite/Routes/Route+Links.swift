/// How one file of the site links another. Pages link in two ways, and which one a link uses is
/// part of the output (the committed site is byte-identical to a build):
///
/// - the shortest relative URL (``Route/relativeURL(from:)``) for links inside the course —
///   sidebar, previous/next, lesson lists, scenario lists, exports, the search index;
/// - the way up to the site root and then the target's whole path (``Route/url(fromRoot:)``)
///   for the layout's links — home, language index, scenarios, print, search, the language
///   switch — because the error pages replace that root with the site's base URL (a host serves
///   them at any depth, where relative links would break).
extension Route {
  /// `../../` from `<lang>/scenarios/<id>.html`, `../` from a lesson, `` from the home page.
  public var pathToRoot: String {
    String(repeating: "../", count: folders.count)
  }

  /// The target's path after `root` (a page's ``pathToRoot``, or the site's base URL).
  public func url(fromRoot root: String) -> String { root + path }

  /// The shortest relative URL from the page at `page` to this file: up to the folders both
  /// share, then down (`vmbus.html`, `../vmbus.html`, `scenarios/x.html`, `../en/vmbus.html`).
  public func relativeURL(from page: Route) -> String {
    // Most links stay in their folder (a lesson to a lesson): just the file name.
    let fromPath = page.path, toPath = path
    let fromSlash = fromPath.utf8.lastIndex(of: UInt8(ascii: "/"))
    let toSlash = toPath.utf8.lastIndex(of: UInt8(ascii: "/"))
    if let fromSlash, let toSlash, fromPath.utf8[..<fromSlash].elementsEqual(toPath.utf8[..<toSlash])
    {
      return String(toPath[toPath.utf8.index(after: toSlash)...])
    }
    if fromSlash == nil, toSlash == nil { return toPath }
    let from = page.folders, to = folders
    var shared = 0
    while shared < from.count, shared < to.count, from[shared] == to[shared] { shared += 1 }
    return String(repeating: "../", count: from.count - shared)
      + (to[shared...] + [fileName]).joined(separator: "/")
  }

  /// The same page in another language, where the language switch leads: the lesson, print page
  /// or scenario page in that language; pages without a counterpart lead to its lesson list.
  public func counterpart(in language: String) -> Route {
    switch self {
    case .lesson(_, let slug): .lesson(language: language, slug: slug)
    case .print: .print(language: language)
    case .scenarioIndex: .scenarioIndex(language: language)
    case .scenario(_, let id): .scenario(language: language, id: id)
    case .searchIndex: .searchIndex(language: language)
    case .scenarioBytes(_, let id): .scenarioBytes(language: language, id: id)
    case .home, .notFound, .languageIndex, .scenarioJSON, .chromeTrace, .asset, .media, .sitemap,
      .diagramScript, .diagramImage:
      .languageIndex(language: language)
    }
  }

  private var components: [Substring] { path.split(separator: "/") }

  /// The folders of the path, without the file name.
  private var folders: [Substring] { Array(components.dropLast()) }

  private var fileName: Substring { components.last ?? "" }
}
