import Foundation

/// Decides whether `hvwalk build --output <folder>` may replace that folder.
///
/// A build swaps the whole output folder, so the folder must be one a build made: absent, empty,
/// or carrying the marker every build writes (`.hvwalk-site`). Never the content folder, a folder
/// that contains it, the current folder or the home folder (or one of their ancestors), a folder
/// inside the content folder, a file or a symbolic link; those are refused even with `--force`.
/// A folder of other files is refused unless `--force` is given.
///
/// The committed `Site/` of older versions predates the marker. It is recognised by its shape
/// (``isLegacySite(_:)``): only what a build writes, and nothing else. Its first build adds the
/// marker.
enum OutputGuard {
  static let markerName = ".hvwalk-site"
  static let markerText = """
    This folder is written by `hvwalk build` and replaced as a whole by the next build.
    Keep nothing else here: files you add are deleted by the next build.

    """

  /// - Parameters:
  ///   - target: the output folder, absolute and standardized.
  ///   - content: the content folder as given.
  static func check(_ target: URL, content: String, force: Bool) throws {
    let shown = target.path
    var info = stat()
    let exists = lstat(target.path, &info) == 0
    if exists && (info.st_mode & S_IFMT) == S_IFLNK {
      throw CommandFailure(
        "'\(shown)' is a symbolic link; a build replaces only a real folder. Give the folder it points to as --output, or another folder"
      )
    }
    if exists && (info.st_mode & S_IFMT) != S_IFDIR {
      throw CommandFailure(
        "'\(shown)' is a file, not a site folder; a build would replace it. Choose another --output (e.g. --output Site)"
      )
    }
    let targetReal =
      ContentReader.realPath(target.path)
      ?? (ContentReader.realPath(target.deletingLastPathComponent().path).map {
        $0 + "/" + target.lastPathComponent
      })
      ?? target.path
    let protected: [(String?, String)] = [
      (ContentReader.realPath(content), "the content folder"),
      (ContentReader.realPath(FileManager.default.currentDirectoryPath), "the current folder"),
      (
        ProcessInfo.processInfo.environment["HOME"].flatMap(ContentReader.realPath),
        "your home folder"
      ),
    ]
    for case (let path?, let name) in protected
    where path == targetReal || path.hasPrefix(targetReal == "/" ? "/" : targetReal + "/") {
      let what = path == targetReal ? "is \(name)" : "contains \(name) ('\(path)')"
      throw CommandFailure(
        "'\(shown)' \(what); a build replaces its output folder as a whole, so it can never be this one. Choose another --output (e.g. --output Site)"
      )
    }
    if let contentReal = protected[0].0, targetReal.hasPrefix(contentReal + "/") {
      throw CommandFailure(
        "'\(shown)' is inside the content folder; the next build would read the site as content. Choose an --output outside '\(content)'"
      )
    }
    guard exists, !force else { return }
    if FileManager.default.fileExists(atPath: target.appendingPathComponent(markerName).path) {
      return
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
    if entries.isEmpty || isLegacySite(target) { return }
    let sample = entries.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
    throw CommandFailure(
      """
      '\(shown)' exists and is not a site hvwalk built (it has no \(markerName) marker and holds \(sample)\(entries.count > 3 ? ", …" : "")); \
      a build would delete it. Choose another --output, empty the folder, or pass --force if it really is yours to replace
      """)
  }

  /// Top-level names a build writes besides the language folders.
  static let siteNames: Set<String> = [
    "index.html", "404.html", "sitemap.xml", "assets", "media", "scenarios",
  ]
  /// File types a build writes (pages, exports, assets, allowed media).
  static let siteExtensions: Set<String> = [
    "html", "js", "css", "json", "xml", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico",
    "woff", "woff2", "pdf", "txt", "csv", "webmanifest",
  ]

  /// A site written before builds left a marker: `index.html`, `404.html` and `assets/` at the
  /// top, otherwise only the names above and language folders (`en`, `vi`), and below them only
  /// regular files of the types above, none hidden.
  static func isLegacySite(_ folder: URL) -> Bool {
    let manager = FileManager.default
    guard let top = try? manager.contentsOfDirectory(atPath: folder.path),
      ["index.html", "404.html", "assets"].allSatisfy(top.contains)
    else { return false }
    for name in top where !siteNames.contains(name) {
      guard (2...3).contains(name.count), name.allSatisfy({ ("a"..."z").contains($0) }) else {
        return false
      }
    }
    guard let enumerator = manager.enumerator(atPath: folder.path) else { return false }
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      guard !name.hasPrefix(".") else { return false }
      var info = stat()
      guard lstat(folder.appendingPathComponent(relative).path, &info) == 0 else { return false }
      switch info.st_mode & S_IFMT {
      case S_IFDIR: continue
      case S_IFREG:
        guard siteExtensions.contains((name as NSString).pathExtension.lowercased()) else {
          return false
        }
      default: return false
      }
    }
    return true
  }
}
