/// Authors link lessons by their source files (`vmbus.md#ring-buffers`), which editors and
/// GitHub can follow; the site links the pages (`vmbus.html#ring-buffers`).
enum LinkRewriter {
  static func rewrite(_ destination: String) -> String? {
    guard !hasScheme(destination) else { return nil }
    let (path, fragment) = split(destination)
    guard path.hasSuffix(".md") else { return nil }
    return String(path.dropLast(3)) + Route.pageExtension + (fragment.map { "#" + $0 } ?? "")
  }

  /// `https:`, `mailto:`, `javascript:`… (a colon before any `/`, `?` or `#`).
  static func hasScheme(_ destination: String) -> Bool {
    guard let colon = destination.firstIndex(of: ":") else { return false }
    return !destination[..<colon].contains { $0 == "/" || $0 == "?" || $0 == "#" }
  }

  static func scheme(_ destination: String) -> String? {
    guard hasScheme(destination), let colon = destination.firstIndex(of: ":") else { return nil }
    return destination[..<colon].lowercased()
  }

  static func split(_ destination: String) -> (path: String, fragment: String?) {
    guard let hash = destination.firstIndex(of: "#") else { return (destination, nil) }
    return (String(destination[..<hash]), String(destination[destination.index(after: hash)...]))
  }
}
