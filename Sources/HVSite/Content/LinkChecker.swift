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
  /// Scenarios whose files did not parse: links to their pages and figures are follow-ons of
  /// that error and are not reported again.
  var brokenScenarios: Set<String> = []

  /// Link schemes that would run script; refused in lessons and self-check answers alike.
  static let unsafeSchemes = ["javascript", "vbscript", "data", "file"]

  func check(_ lesson: Lesson) -> [Diagnostic] {
    lesson.body.links.compactMap { check($0, in: lesson) }
  }

  private func check(_ link: RenderedMarkdown.Link, in lesson: Lesson) -> Diagnostic? {
    let at = SourceLocation(path: lesson.displayPath, line: link.line, column: link.column)
    let destination = link.destination
    if let scheme = LinkRewriter.scheme(destination) {
      if Self.unsafeSchemes.contains(scheme) {
        return Diagnostic(
          at: at, id: .linkUnsafeScheme,
          "'\(scheme):' links are not allowed in lessons (they are removed from the page)")
      }
      if link.kind == .image {
        return Diagnostic(
          at: at, id: .linkExternalImage,
          "images must be part of the site; pages make no external requests",
          suggestion: "save the image under 'media/' and link it as '../media/<file>'")
      }
      return nil
    }
    if destination.hasPrefix("//") || destination.hasPrefix("/") {
      return Diagnostic(
        at: at, id: .linkAbsolutePath,
        "links must be relative so the site works from a folder or file://; '\(destination)' is absolute"
      )
    }
    let rewritten = LinkRewriter.rewrite(destination) ?? destination
    let (path, fragment) = LinkRewriter.split(rewritten)
    let page = lesson.outputPath
    let target = path.isEmpty ? page : Self.resolve(path, from: page)
    guard let target, sitePaths.contains(target) else {
      if let target, isFollowOn(target, fragment) { return nil }
      return missingTarget(destination, at: at, lesson: lesson)
    }
    if let fragment, !fragment.isEmpty, let ids = anchors[target], !ids.contains(fragment) {
      if isFollowOn(target, fragment) { return nil }
      return Diagnostic(
        at: at, id: .linkUnknownAnchor,
        "'#\(fragment)' matches no heading or figure in \(target)",
        suggestion: Suggestion.didYouMean(fragment, in: ids.sorted()))
    }
    return nil
  }

  /// A link into a broken scenario's page, or to one of its figures' anchors on any page.
  private func isFollowOn(_ target: String, _ fragment: String?) -> Bool {
    brokenScenarios.contains { id in
      target.hasSuffix("scenarios/\(id).html") || target.hasPrefix("scenarios/\(id).")
        || fragment == id || fragment?.hasPrefix(id + "-") == true
    }
  }

  private func missingTarget(_ destination: String, at: SourceLocation, lesson: Lesson)
    -> Diagnostic
  {
    let (path, _) = LinkRewriter.split(destination)
    let name = String(path.split(separator: "/").last ?? "")
    // Media is linked from the page (`en/x.html`), one folder below the site's root.
    if let media = path.range(of: "media/"), path.hasPrefix("../../"),
      sitePaths.contains(String(path[media.lowerBound...]))
    {
      return Diagnostic(
        at: at, id: .linkMissingTarget,
        "link target '\(destination)' climbs above the site: links are relative to the page (\(lesson.outputPath))",
        suggestion: "write '../\(path[media.lowerBound...])'")
    }
    var suggestion: String?
    if name.hasSuffix(".md"), let candidates = slugs[lesson.language] {
      suggestion = Suggestion.closest(to: String(name.dropLast(3)), in: candidates).map {
        "did you mean '\($0).md'?"
      }
    }
    return Diagnostic(
      at: at, id: .linkMissingTarget,
      "link target '\(destination)' does not exist in the site", suggestion: suggestion)
  }

  /// Resolves a relative path against the folder of `page`; nil if it climbs above the root.
  static func resolve(_ path: String, from page: String) -> String? {
    var parts = page.split(separator: "/").dropLast().map(String.init)
    let decoded = path.contains("%") ? path.removingPercentEncoding ?? path : path
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
