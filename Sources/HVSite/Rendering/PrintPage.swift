import Foundation

/// One page per language with the whole course (`<lang>/print.html`), for printing or reading
/// offline in one piece.
///
/// Lessons reuse ids (`what-you-will-learn`) and may show the same walkthrough, so every id in a
/// lesson gets the lesson's slug as a prefix (`vmbus--ring-buffers`), and links are rewritten to
/// match: `#x` → `#slug--x`, `vmbus.html#y` → `#vmbus--y`, `vmbus.html` → `#vmbus`.
struct PrintPage {
  let lessons: [Lesson]

  func lessonsForPrint() -> [PrintLesson] {
    let slugs = Set(lessons.map(\.slug))
    return lessons.map { lesson in
      PrintLesson(title: lesson.title, summary: lesson.summary, anchor: lesson.slug,
                  body: Self.prefixIDs(lesson.body.html, slug: lesson.slug, lessonSlugs: slugs))
    }
  }

  private static let idAttribute = try! NSRegularExpression(pattern: ##"\b(id|for|aria-controls|aria-describedby)="([^"]+)""##)
  private static let labelledBy = try! NSRegularExpression(pattern: ##"\baria-labelledby="([^"]+)""##)
  private static let localHref = try! NSRegularExpression(pattern: ##"\bhref="#([^"]*)""##)
  private static let lessonHref = try! NSRegularExpression(pattern: ##"\bhref="([a-z0-9-]+)\.html(?:#([^"]*))?""##)
  private static let urlReference = try! NSRegularExpression(pattern: ##"url\(#([^)]+)\)"##)

  static func prefixIDs(_ html: String, slug: String, lessonSlugs: Set<String>) -> String {
    var html = html
    html = replace(idAttribute, in: html) { groups in "\(groups[1])=\"\(slug)--\(groups[2])\"" }
    html = replace(labelledBy, in: html) { groups in
      "aria-labelledby=\"" + groups[1].split(separator: " ").map { "\(slug)--\($0)" }.joined(separator: " ") + "\""
    }
    html = replace(localHref, in: html) { groups in groups[1].isEmpty ? "href=\"#\(slug)\"" : "href=\"#\(slug)--\(groups[1])\"" }
    html = replace(lessonHref, in: html) { groups in
      guard lessonSlugs.contains(groups[1]) else { return groups[0] }
      return groups[2].isEmpty ? "href=\"#\(groups[1])\"" : "href=\"#\(groups[1])--\(groups[2])\""
    }
    html = replace(urlReference, in: html) { groups in "url(#\(slug)--\(groups[1]))" }
    return html
  }

  /// Replaces every match; `transform` receives the whole match and its groups ("" when absent).
  private static func replace(_ regex: NSRegularExpression, in text: String, _ transform: ([String]) -> String) -> String {
    let source = text as NSString
    var result = ""
    var last = 0
    for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
      result += source.substring(with: NSRange(location: last, length: match.range.location - last))
      let groups = (0..<match.numberOfRanges).map { index -> String in
        let range = match.range(at: index)
        return range.location == NSNotFound ? "" : source.substring(with: range)
      }
      result += transform(groups)
      last = match.range.location + match.range.length
    }
    return result + source.substring(from: last)
  }
}
