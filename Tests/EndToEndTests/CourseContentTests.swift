import Foundation
import HVTestSupport
import Testing

/// The shipped course (issue 7): both languages have the same lessons, and every lesson holds
/// the parts a lesson must have. (That every `trace`, `compare`, counter and glossary link
/// resolves is checked by every build; `committedSiteIsUpToDate` builds it.)
@Suite struct CourseContentTests {
  static let lessons = Repository.url("Content/lessons")

  static func files(_ language: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(
      atPath: lessons.appendingPathComponent(language).path
    )
    .filter { $0.hasSuffix(".md") }.sorted()
  }

  static func text(_ language: String, _ file: String) throws -> String {
    try String(contentsOf: lessons.appendingPathComponent("\(language)/\(file)"), encoding: .utf8)
  }

  /// The headings every lesson has, in each language (a lesson may word the second one its way).
  static let requiredHeadings: [String: [[String]]] = [
    "en": [["## In two minutes"], ["## What you will learn"], ["## What to notice"]],
    "vi": [
      ["## Tóm tắt trong hai phút"], ["## Bạn sẽ học được gì"],
      ["## Những điểm cần để ý", "## Những điểm cần ghi nhớ", "## Điều cần để ý"],
    ],
  ]

  static let references: Set<String> = ["glossary.md", "model-assumptions.md"]

  /// Every lesson's "In two minutes" comes first, before anything else of the lesson.
  @Test func theSummaryForTheAdministratorComesFirst() throws {
    for (language, heading) in [("en", "## In two minutes"), ("vi", "## Tóm tắt trong hai phút")] {
      for file in try Self.files(language) where !Self.references.contains(file) {
        let body = try Self.text(language, file).components(separatedBy: "\n---\n").dropFirst()
          .joined(separator: "\n---\n")
        let firstHeading = body.components(separatedBy: "\n").first { $0.hasPrefix("## ") }
        #expect(firstHeading == heading, "\(language)/\(file)")
      }
    }
  }

  @Test func bothLanguagesHaveTheSameLessons() throws {
    #expect(try Self.files("vi") == Self.files("en"))
    #expect(try Self.files("en").count >= 13, "twelve lessons and the glossary")
  }

  @Test func everyLessonHasItsParts() throws {
    for language in ["en", "vi"] {
      // The glossary and the assumptions page are references, not lessons.
      for file in try Self.files(language) where !Self.references.contains(file) {
        let text = try Self.text(language, file)
        let lesson = "\(language)/\(file)"
        for alternatives in Self.requiredHeadings[language]! {
          #expect(
            alternatives.contains { text.contains("\n\($0)\n") },
            "\(lesson) lacks a '\(alternatives[0])' section")
        }
        #expect(text.contains("```trace "), "\(lesson) has no trace walkthrough")
        #expect(text.contains("```self-check"), "\(lesson) has no self-check")
        #expect(
          text.contains("```powershell") || text.contains("```sh"), "\(lesson) shows no commands")
        #expect(text.contains("](glossary.md#"), "\(lesson) links no term to the glossary")
      }
    }
  }

  @Test func theGlossaryPairsEveryTermInBothLanguages() throws {
    for language in ["en", "vi"] {
      let terms = try Self.text(language, "glossary.md").components(separatedBy: "\n").filter {
        $0.hasPrefix("### ")
      }
      #expect(terms.count >= 60, "\(language)/glossary.md has \(terms.count) terms")
    }
  }
}
