import Foundation

/// One page per language with the whole course (`<lang>/print.html`), for printing or reading
/// offline in one piece.
///
/// Lessons reuse ids (`what-you-will-learn`) and may show the same walkthrough, so every id in a
/// lesson gets the lesson's slug as a prefix (`vmbus--ring-buffers`), and links are rewritten to
/// match: `#x` → `#slug--x`, `vmbus.html#y` → `#vmbus--y`, `vmbus.html` → `#vmbus`.
enum PrintPage {
  /// One lesson as the print page shows it.
  static func printLesson(_ lesson: Lesson, lessonSlugs: Set<String>) -> PrintLesson {
    PrintLesson(
      title: lesson.title, summary: lesson.summary, anchor: lesson.slug,
      body: prefixIDs(lesson.body.html, slug: lesson.slug, lessonSlugs: lessonSlugs))
  }

  /// Attributes whose value is one id, and the one whose value is a list of ids.
  private static let idAttributes = ["id", "for", "aria-controls", "aria-describedby"].map {
    Array(" \($0)=\"".utf8)
  }
  private static let labelledBy = Array(" aria-labelledby=\"".utf8)
  private static let href = Array(" href=\"".utf8)
  private static let urlReference = Array("url(#".utf8)

  /// One pass over the UTF-8 bytes (the markup is ASCII; this runs over every lesson).
  static func prefixIDs(_ html: String, slug: String, lessonSlugs: Set<String>) -> String {
    let bytes = Array(html.utf8)
    let prefix = Array("\(slug)--".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 8)
    var index = 0
    func value(from start: Int, until end: UInt8) -> Int {
      bytes[start...].firstIndex(of: end) ?? bytes.count
    }
    while index < bytes.count {
      if bytes[index] == 0x20,
        let attribute = idAttributes.first(where: { bytes[index...].starts(with: $0) })
      {
        let start = index + attribute.count, end = value(from: start, until: 0x22)
        output += attribute + prefix + bytes[start..<end]
        index = end
      } else if bytes[index] == 0x20, bytes[index...].starts(with: labelledBy) {
        let start = index + labelledBy.count, end = value(from: start, until: 0x22)
        let ids = bytes[start..<end].split(separator: 0x20).map { prefix + $0 }
        output += labelledBy + Array(ids.joined(separator: [0x20]))
        index = end
      } else if bytes[index] == 0x20, bytes[index...].starts(with: href) {
        let start = index + href.count, end = value(from: start, until: 0x22)
        output +=
          href
          + rewriteLink(
            String(decoding: bytes[start..<end], as: UTF8.self), slug: slug,
            lessonSlugs: lessonSlugs
          ).utf8
        index = end
      } else if bytes[index] == 0x75, bytes[index...].starts(with: urlReference) {
        output += urlReference + prefix
        index += urlReference.count
      } else {
        output.append(bytes[index])
        index += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// `#x` → `#slug--x`; `lesson.html#y` → `#lesson--y`; `lesson.html` → `#lesson`; others stay.
  private static func rewriteLink(_ target: String, slug: String, lessonSlugs: Set<String>)
    -> String
  {
    if target.hasPrefix("#") {
      return target.count == 1 ? "#\(slug)" : "#\(slug)--\(target.dropFirst())"
    }
    let (path, fragment) = LinkRewriter.split(target)
    guard path.hasSuffix(Route.pageExtension), !path.contains("/") else { return target }
    let lesson = String(path.dropLast(Route.pageExtension.count))
    guard lessonSlugs.contains(lesson) else { return target }
    return fragment.map { $0.isEmpty ? "#\(lesson)" : "#\(lesson)--\($0)" } ?? "#\(lesson)"
  }
}
