import Foundation
import HVDiagnostics

/// Every link and image in every lesson must lead somewhere: an existing page or file of the
/// built site, and an existing heading when it names an `#anchor`. Images must be local, because
/// pages make no external requests; script links are refused outright.
struct LinkChecker {
  /// Paths of every file in the site.
  let sitePaths: Set<String>
  /// Anchor ids per page path.
  let anchors: [String: Set<String>]
  /// Lesson slugs per language, for suggestions.
  let slugs: [String: [String]]

  func check(_ lesson: Lesson) -> [Diagnostic] {
    lesson.body.links.compactMap { check($0, in: lesson) }
  }

  private func check(_ link: RenderedMarkdown.Link, in lesson: Lesson) -> Diagnostic? {
    let at = SourceLocation(path: lesson.displayPath, line: link.line, column: link.column)
    let destination = link.destination
    if let scheme = LinkRewriter.scheme(destination) {
      if ["javascript", "vbscript", "data", "file"].contains(scheme) {
        return Diagnostic(at: at, id: .linkUnsafeScheme,
          "'\(scheme):' links are not allowed in lessons (they are removed from the page)")
      }
      if link.kind == .image {
        return Diagnostic(at: at, id: .linkExternalImage,
          "images must be part of the site; pages make no external requests",
          suggestion: "save the image under 'media/' and link it as '../../media/<file>'")
      }
      return nil
    }
    if destination.hasPrefix("//") || destination.hasPrefix("/") {
      return Diagnostic(at: at, id: .linkAbsolutePath,
        "links must be relative so the site works from a folder or file://; '\(destination)' is absolute")
    }
    let rewritten = LinkRewriter.rewrite(destination) ?? destination
    let (path, fragment) = LinkRewriter.split(rewritten)
    let page = lesson.outputPath
    let target = path.isEmpty ? page : Self.resolve(path, from: page)
    guard let target, sitePaths.contains(target) else {
      return missingTarget(destination, at: at, lesson: lesson)
    }
    if let fragment, !fragment.isEmpty, let ids = anchors[target], !ids.contains(fragment) {
      return Diagnostic(at: at, id: .linkUnknownAnchor,
        "'#\(fragment)' matches no heading or figure in \(target)",
        suggestion: Suggestion.didYouMean(fragment, in: ids.sorted()))
    }
    return nil
  }

  private func missingTarget(_ destination: String, at: SourceLocation, lesson: Lesson) -> Diagnostic {
    let (path, _) = LinkRewriter.split(destination)
    let name = String(path.split(separator: "/").last ?? "")
    var suggestion: String?
    if name.hasSuffix(".md"), let candidates = slugs[lesson.language] {
      suggestion = Suggestion.closest(to: String(name.dropLast(3)), in: candidates).map { "did you mean '\($0).md'?" }
    }
    return Diagnostic(at: at, id: .linkMissingTarget,
      "link target '\(destination)' does not exist in the site", suggestion: suggestion)
  }

  /// Resolves a relative path against the folder of `page`; nil if it climbs above the root.
  static func resolve(_ path: String, from page: String) -> String? {
    var parts = page.split(separator: "/").dropLast().map(String.init)
    let decoded = path.removingPercentEncoding ?? path
    for component in decoded.split(separator: "/", omittingEmptySubsequences: true) {
      switch component {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(String(component))
      }
    }
    return parts.joined(separator: "/")
  }
}
