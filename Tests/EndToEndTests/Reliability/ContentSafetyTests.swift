import Foundation
import HVTestSupport
import Testing

/// Content never leaves its folder, and what the terminal shows cannot drive it (issue 15,
/// items 4 and 6): links out of `Content/`, special files and control characters in names.
@Suite(.serialized) struct ContentSafetyTests {
  func copyOfContent() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try copyFolder(Repository.url("Content"), to: folder.url.appendingPathComponent("Content"))
    try FileManager.default.createDirectory(
      atPath: folder.path("Content/media"), withIntermediateDirectories: true)
    return folder
  }

  @Test func aLinkOutOfTheContentFolderIsAnError() throws {
    let folder = try copyOfContent()
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("Content/media/x.txt"), withDestinationPath: "/etc/passwd")
    let outcome = try Hvwalk.run(["build"], in: folder.url, environment: ["NO_COLOR": "1"])
    #expect(outcome.status != 0)
    #expect(
      outcome.standardError.contains(
        "Content/media/x.txt: error: symbolic link leads outside the content folder"),
      "\(outcome.standardError)")
    #expect(!FileManager.default.fileExists(atPath: folder.path("Site")), "nothing is published")
  }

  @Test func aLinkInsideTheContentFolderIsFollowed() throws {
    let folder = try copyOfContent()
    try "a,b\n".write(
      toFile: folder.path("Content/media/data.csv"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("Content/media/same.csv"), withDestinationPath: "data.csv")
    let outcome = try Hvwalk.run(["build"], in: folder.url)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(
      try String(contentsOfFile: folder.path("Site/media/same.csv"), encoding: .utf8) == "a,b\n")
  }

  @Test func aPipeInTheContentFolderIsRefusedNotWaitedOn() throws {
    let folder = try copyOfContent()
    #expect(mkfifo(folder.path("Content/media/stuck.png"), 0o644) == 0)
    let outcome = try Hvwalk.run(["check"], in: folder.url, environment: ["NO_COLOR": "1"])
    #expect(outcome.status != 0)
    #expect(
      outcome.standardError.contains("Content/media/stuck.png: error: is not a regular file"),
      "\(outcome.standardError)")
  }

  @Test func controlCharactersInFileNamesAreEscaped() throws {
    let folder = try copyOfContent()
    let name = "evil\u{1B}[2J\u{07}.md"
    try "x".write(toFile: folder.path("Content/media/\(name)"), atomically: true, encoding: .utf8)
    let outcome = try Hvwalk.run(["check"], in: folder.url, environment: ["NO_COLOR": "1"])
    #expect(outcome.status != 0)
    #expect(!outcome.standardError.contains("\u{1B}"), "no escape character reaches the terminal")
    #expect(!outcome.standardError.contains("\u{07}"))
    #expect(
      outcome.standardError.contains("Content/media/evil\\u{1B}[2J\\u{7}.md: error:"),
      "\(outcome.standardError)")
  }
}
