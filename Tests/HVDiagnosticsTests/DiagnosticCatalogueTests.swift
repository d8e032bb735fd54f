import Foundation
import HVDiagnostics
import HVTestSupport
import Testing

/// The diagnostic catalogue stays the one place ids come from: unique, well formed, complete,
/// and never spelled out as a string anywhere else in the sources.
@Suite struct DiagnosticCatalogueTests {
  static let catalogueFile = Repository.url("Sources/HVDiagnostics/DiagnosticID+Catalogue.swift")

  @Test func idsAreUnique() {
    let raw = DiagnosticID.catalogue.map(\.rawValue)
    let repeated = Dictionary(grouping: raw, by: { $0.lowercased() }).filter { $0.value.count > 1 }
      .keys.sorted()
    #expect(repeated.isEmpty, "ids declared more than once: \(repeated)")
  }

  @Test func idsReadAreaDotProblem() {
    let pattern = /[a-z]+(-[a-z]+)*\.[a-z0-9]+(-[a-z0-9]+)*/
    let malformed = DiagnosticID.catalogue.filter {
      (try? pattern.wholeMatch(in: $0.rawValue)) == nil
    }
    #expect(malformed.isEmpty, "ids not of the form area.problem-words: \(malformed)")
  }

  /// `catalogue` is written by hand; every `static let` of the file must be in it, in order.
  @Test func everyDeclaredIDIsInTheCatalogue() throws {
    let source = try String(contentsOf: Self.catalogueFile, encoding: .utf8)
    let declared = source.matches(of: /static let \w+ = DiagnosticID\("([^"]+)"\)/).map {
      String($0.output.1)
    }
    #expect(!declared.isEmpty)
    #expect(declared == DiagnosticID.catalogue.map(\.rawValue))
  }

  /// Each declaration carries its one-line doc comment.
  @Test func everyIDIsDocumented() throws {
    let lines = try String(contentsOf: Self.catalogueFile, encoding: .utf8).components(
      separatedBy: "\n")
    for (index, line) in lines.enumerated() where line.contains("= DiagnosticID(\"") {
      #expect(
        index > 0 && lines[index - 1].trimmingCharacters(in: .whitespaces).hasPrefix("/// "),
        "undocumented: \(line.trimmingCharacters(in: .whitespaces))")
    }
  }

  /// Call sites name ids through the catalogue (`.lessonMissingFrontMatter`), so a string such as
  /// `"lesson.missing-front-matter"` or a new `DiagnosticID("…")` in the sources is a mistake.
  @Test func noSourceFileSpellsOutAnID() throws {
    let known = Set(DiagnosticID.catalogue.map { "\"\($0.rawValue)\"" })
    let sources = Repository.url("Sources")
    var offenders: [String] = []
    for relative in (FileManager.default.subpaths(atPath: sources.path) ?? []).sorted()
    where relative.hasSuffix(".swift") && !relative.hasPrefix("HVDiagnostics/") {
      let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
      for (number, line) in text.components(separatedBy: "\n").enumerated() {
        let literals = line.matches(of: /"[a-z][a-z0-9-]*\.[a-z0-9-]+"/).map { String($0.output) }
        if line.contains("DiagnosticID(\"") || literals.contains(where: known.contains) {
          offenders.append(
            "Sources/\(relative):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
        }
      }
    }
    #expect(
      offenders.isEmpty,
      "ids spelled out instead of named from the catalogue:\n\(offenders.joined(separator: "\n"))")
  }
}
