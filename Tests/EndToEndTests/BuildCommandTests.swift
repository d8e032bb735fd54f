import Foundation
import HVTestSupport
import Testing

/// `hvwalk build` as an author runs it: real process, real folders.
@Suite(.serialized) struct BuildCommandTests {
  let content = Repository.url("Content")

  @Test func buildPrintsASummaryAndWritesTheSite() throws {
    let folder = try TemporaryFolder()
    let outcome = try Hvwalk.run([
      "build", "--content", content.path, "--output", folder.path("Site"),
    ])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.hasPrefix("Built "))
    #expect(outcome.standardOutput.contains(" pages ("))
    let files = tree(folder.path("Site"))
    for page in ["index.html", "vi/index.html", "en/index.html", "404.html", "assets/style.css"] {
      #expect(files[page] != nil, "missing \(page)")
    }
  }

  @Test func twoBuildsInSeparateProcessesAreByteIdentical() throws {
    let folder = try TemporaryFolder()
    for name in ["one", "two"] {
      let outcome = try Hvwalk.run([
        "build", "--content", content.path, "--output", folder.path(name),
      ])
      #expect(outcome.status == 0, "\(outcome.standardError)")
    }
    let one = tree(folder.path("one")), two = tree(folder.path("two"))
    #expect(!one.isEmpty)
    #expect(differences(one, two) == [])
  }

  /// `Site/` is committed and must always equal a fresh build of `Content/`.
  @Test func committedSiteIsUpToDate() throws {
    let folder = try TemporaryFolder()
    let outcome = try Hvwalk.run([
      "build", "--content", content.path, "--output", folder.path("Site"),
    ])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let committed = tree(Repository.url("Site").path)
    let fresh = tree(folder.path("Site"))
    let changes = differences(fresh, committed)
    #expect(
      changes.isEmpty,
      """
      Site/ is stale: it differs from a fresh build of Content/. Run `swift run hvwalk build` and commit Site/.
      \(changes.joined(separator: "\n"))
      """)
  }

  @Test func helpExplainsTheOptions() throws {
    let outcome = try Hvwalk.run(["build", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("--content <dir>"))
    #expect(outcome.standardOutput.contains("--output <dir>"))
    #expect(outcome.standardOutput.contains("leaves the previous site exactly as it was"))
  }

  @Test func aMissingContentFolderIsAClearError() throws {
    let outcome = try Hvwalk.run(["build", "--content", "/nonexistent/hvwalk-content"])
    #expect(outcome.status != 0)
    #expect(
      outcome.standardError.contains("content folder '/nonexistent/hvwalk-content' does not exist"))
  }
}
