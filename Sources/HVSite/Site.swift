/// The whole generated site as a value: every output file's path and bytes.
///
/// The command-line layer writes it to disk; tests compare it in memory.
public struct Site: Sendable, Equatable {
  public struct File: Sendable, Equatable {
    /// Path relative to the site root, with `/` separators, e.g. `en/vmbus.html`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
      self.path = path
      self.bytes = bytes
    }

    public init(path: String, text: String) {
      self.init(path: path, bytes: Array(text.utf8))
    }
  }

  /// Sorted by path.
  public private(set) var files: [File]

  public init(files: [File]) {
    self.files = files.sorted { $0.path < $1.path }
  }

  public func file(_ path: String) -> File? { files.first { $0.path == path } }

  public func text(_ path: String) -> String? {
    file(path).map { String(decoding: $0.bytes, as: UTF8.self) }
  }

  /// Number of lesson pages (not indexes, scenario or print pages), for the serve log.
  public var lessonCount: Int {
    files.filter {
      let parts = $0.path.split(separator: "/")
      return parts.count == 2 && $0.path.hasSuffix(Route.pageExtension)
        && !["index.html", "print.html", "404.html"].contains(parts[1])
    }.count
  }

  /// Number of HTML pages, for the build summary.
  public var pageCount: Int { files.filter { $0.path.hasSuffix(Route.pageExtension) }.count }
}
