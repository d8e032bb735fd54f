import Foundation
import HVScenario
import HVTestSupport
import Testing

@testable import HVSite

/// Every example in docs/AUTHORING.md is a test input, so the guide cannot go stale:
/// `yaml scenario` blocks must parse and run, `markdown lesson` blocks must build, and each
/// `… scenario-error file=X` / `… lesson-error file=X` block must produce exactly the
/// diagnostics of the `text` block after it.
@Suite struct AuthoringGuideTests {
  struct Example {
    var info: String
    var body: String
    var expected: [String]?
    var file: String? {
      info.split(separator: " ").first { $0.hasPrefix("file=") }.map { String($0.dropFirst(5)) }
    }
  }

  static let guide = Repository.url("docs/AUTHORING.md")

  /// Fenced blocks of the guide, with the `text` block that follows an error example.
  static func examples() throws -> [Example] {
    let lines = try String(contentsOf: guide, encoding: .utf8).components(separatedBy: "\n")
    var examples: [Example] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let fence = String(line.prefix { $0 == "`" })
      guard fence.count >= 3 else {
        index += 1
        continue
      }
      let info = String(line.dropFirst(fence.count))
      var body: [String] = []
      index += 1
      while index < lines.count, lines[index] != fence {
        body.append(lines[index])
        index += 1
      }
      index += 1
      if info == "text", let last = examples.indices.last, examples[last].info.contains("-error") {
        examples[last].expected = body.filter { !$0.isEmpty }
      } else if info.hasPrefix("yaml scenario") || info.hasPrefix("markdown lesson") {
        examples.append(Example(info: info, body: body.joined(separator: "\n") + "\n"))
      }
    }
    return examples
  }

  @Test func theGuideHasExamplesOfEveryKind() throws {
    let kinds = Set(
      try Self.examples().map { $0.info.split(separator: " ").prefix(2).joined(separator: " ") })
    #expect(
      kinds == ["yaml scenario", "markdown lesson", "yaml scenario-error", "markdown lesson-error"])
  }

  @Test func scenarioExamplesParseAndRun() throws {
    for example in try Self.examples() where example.info == "yaml scenario" {
      let id = try #require(
        example.body.split(separator: "\n").first { $0.hasPrefix("id: ") }?.dropFirst(4))
      let (scenario, diagnostics) = ScenarioParser.parse(
        source: example.body, path: "Content/scenarios/\(id).yaml")
      #expect(diagnostics.map(\.description) == [], "example '\(id)'")
      let trace = try #require(scenario.map { ScenarioRunner.run($0) })
      #expect(!trace.storedEvents.isEmpty)
    }
  }

  @Test func lessonExamplesBuild() throws {
    for (index, example) in try Self.examples().enumerated() where example.info == "markdown lesson"
    {
      var fixture = try ContentFixture.withScenarios()
      for language in ["vi", "en"] {
        fixture.files["lessons/\(language)/example-\(index).md"] = example.body
      }
      #expect(fixture.errors() == [], "lesson example \(index)")
    }
  }

  @Test func errorExamplesPrintExactlyWhatTheGuideShows() throws {
    for example in try Self.examples() where example.info.contains("-error") {
      let file = try #require(example.file)
      let expected = try #require(
        example.expected, "the error example '\(file)' needs a text block after it")
      if example.info.hasPrefix("yaml") {
        let (_, diagnostics) = ScenarioParser.parse(
          source: example.body, path: "Content/scenarios/\(file).yaml")
        #expect(diagnostics.sorted().map(\.description) == expected)
      } else {
        var fixture = try ContentFixture.withScenarios()
        fixture.addLesson("vmbus", order: 1, title: "VMBus")
        fixture.files["lessons/en/\(file).md"] = example.body
        fixture.files["lessons/vi/\(file).md"] = fixture.lesson(
          title: "Bản dịch", order: 90, body: "x")
        let path = "Content/lessons/en/\(file).md"
        #expect(fixture.errors().filter { $0.hasPrefix(path) } == expected)
      }
    }
  }
}
