import Foundation
import HVTestSupport
import Testing

/// `hvwalk new` and `hvwalk check`, as a new author would use them.
@Suite(.serialized) struct AuthoringCommandTests {
  func contentCopy() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try copyFolder(Repository.url("Content"), to: folder.url.appendingPathComponent("Content"))
    return folder
  }

  @Test func newFilesCheckAndBuildAsTheyAre() throws {
    let folder = try contentCopy()
    let lesson = try Hvwalk.run(["new", "lesson", "my-topic"], in: folder.url)
    #expect(lesson.status == 0, "\(lesson.standardError)")
    #expect(lesson.standardOutput.contains("Wrote Content/lessons/"))
    let scenario = try Hvwalk.run(["new", "scenario", "my-run"], in: folder.url)
    #expect(scenario.status == 0, "\(scenario.standardError)")
    #expect(scenario.standardOutput.contains("Wrote Content/scenarios/my-run.yaml"))
    // Show the new scenario in the new lesson, as the printed hint says.
    let path = folder.path("Content/lessons/en/my-topic.md")
    try (try String(contentsOfFile: path, encoding: .utf8) + "\n```trace my-run\n```\n").write(
      toFile: path, atomically: true, encoding: .utf8)

    let check = try Hvwalk.run(["check"], in: folder.url)
    #expect(check.status == 0, "\(check.standardError)")
    #expect(check.standardOutput.hasPrefix("OK: "))
    #expect(!FileManager.default.fileExists(atPath: folder.path("Site")), "check writes nothing")
    let build = try Hvwalk.run(["build"], in: folder.url)
    #expect(build.status == 0, "\(build.standardError)")
    for page in ["en/my-topic.html", "vi/my-topic.html", "en/scenarios/my-run.html"] {
      #expect(
        FileManager.default.fileExists(atPath: folder.path("Site/\(page)")), "missing \(page)")
    }
  }

  @Test func newRefusesToOverwrite() throws {
    let folder = try contentCopy()
    let first = try Hvwalk.run(["new", "scenario", "again"], in: folder.url)
    #expect(first.status == 0)
    let before = try String(
      contentsOfFile: folder.path("Content/scenarios/again.yaml"), encoding: .utf8)
    let second = try Hvwalk.run(["new", "scenario", "again"], in: folder.url)
    #expect(second.status != 0)
    #expect(second.standardError.contains("Content/scenarios/again.yaml already exists"))
    #expect(
      try String(contentsOfFile: folder.path("Content/scenarios/again.yaml"), encoding: .utf8)
        == before)
  }

  @Test func newRejectsUnsafeNames() throws {
    let folder = try contentCopy()
    for name in ["../escape", "Bad_Name", "9lives", "trailing-"] {
      let outcome = try Hvwalk.run(["new", "lesson", name], in: folder.url)
      #expect(outcome.status != 0)
      #expect(outcome.standardError.contains("is not a valid slug"))
    }
  }

  @Test func checkReportsEveryProblemAndFails() throws {
    let folder = try contentCopy()
    let lesson = folder.path("Content/lessons/vi/hyper-v-at-a-glance.md")
    let text = try String(contentsOfFile: lesson, encoding: .utf8)
    try text.replacingOccurrences(of: "title:", with: "tittle:").write(
      toFile: lesson, atomically: true, encoding: .utf8)
    let outcome = try Hvwalk.run(["check"], in: folder.url, environment: ["NO_COLOR": "1"])
    #expect(outcome.status != 0)
    #expect(
      outcome.standardError.contains(
        "Content/lessons/vi/hyper-v-at-a-glance.md:2:1: error: unknown key 'tittle' in front matter; did you mean 'title'?"
      ))
    #expect(
      outcome.standardError.contains(
        "Content/lessons/vi/hyper-v-at-a-glance.md:2:1: error: missing required key 'title'"))
  }

  /// `hvwalk phrases vi --missing` (issue 16): nothing missing in the shipped course (exit 0);
  /// a phrase taken out of the file is listed as YAML ready to fill in, and the exit is non-zero.
  @Test func phrasesListsWhatALanguageStillLacks() throws {
    let folder = try contentCopy()
    let complete = try Hvwalk.run(["phrases", "vi", "--missing"], in: folder.url)
    #expect(complete.status == 0, "\(complete.standardError)")
    #expect(!complete.standardOutput.contains("\n\""), "no template listed: \(complete.standardOutput)")
    let path = folder.path("Content/strings/phrases/vi.yaml")
    let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    let removed = try #require(lines.first { $0.hasPrefix("\"resume the guest (VM entry)\":") })
    try lines.filter { $0 != removed }.joined(separator: "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let missing = try Hvwalk.run(["phrases", "vi", "--missing"], in: folder.url)
    #expect(missing.status != 0)
    #expect(missing.standardOutput.contains("\"resume the guest (VM entry)\": \"\""))
    #expect(missing.standardError.contains("1 of "), "\(missing.standardError)")
    let all = try Hvwalk.run(["phrases", "vi"], in: folder.url)
    #expect(all.standardOutput.contains("\"advance RIP past the OUT\": \""), "translations are listed")
  }
}
