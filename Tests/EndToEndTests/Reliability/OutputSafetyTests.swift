import Foundation
import HVTestSupport
import Testing

/// `hvwalk build --output` replaces only a folder it built: never the content folder, a folder
/// holding it, a file or a folder of someone's files (issue 15, item 1).
@Suite(.serialized) struct OutputSafetyTests {
  let content = Repository.url("Content")

  func copyOfContent() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try copyFolder(content, to: folder.url.appendingPathComponent("Content"))
    return folder
  }

  @Test func theContentFolderAndItsAncestorsAreNeverReplaced() throws {
    let folder = try copyOfContent()
    let before = tree(folder.path("Content"))
    for output in ["Content", ".", folder.url.deletingLastPathComponent().path] {
      for force in [false, true] {
        let outcome = try Hvwalk.run(
          ["build", "--output", output] + (force ? ["--force"] : []), in: folder.url)
        #expect(outcome.status != 0, "--output \(output) must be refused")
        #expect(outcome.standardError.contains("the content folder"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("NSCocoaErrorDomain"))
      }
    }
    #expect(differences(before, tree(folder.path("Content"))) == [])
  }

  @Test func aFileIsNeverReplaced() throws {
    let folder = try copyOfContent()
    try "my notes".write(toFile: folder.path("notes.txt"), atomically: true, encoding: .utf8)
    let outcome = try Hvwalk.run(["build", "--output", "notes.txt", "--force"], in: folder.url)
    #expect(outcome.status != 0)
    #expect(outcome.standardError.contains("is a file, not a site folder"))
    #expect(try String(contentsOfFile: folder.path("notes.txt"), encoding: .utf8) == "my notes")
  }

  @Test func aFolderOfOtherFilesNeedsForce() throws {
    let folder = try copyOfContent()
    try FileManager.default.createDirectory(
      atPath: folder.path("Photos"), withIntermediateDirectories: true)
    try "holiday".write(toFile: folder.path("Photos/beach.jpg"), atomically: true, encoding: .utf8)
    let refused = try Hvwalk.run(["build", "--output", "Photos"], in: folder.url)
    #expect(refused.status != 0)
    #expect(refused.standardError.contains("is not a site hvwalk built"))
    #expect(refused.standardError.contains("--force"), "the message names the way out")
    #expect(FileManager.default.fileExists(atPath: folder.path("Photos/beach.jpg")))

    let forced = try Hvwalk.run(["build", "--output", "Photos", "--force"], in: folder.url)
    #expect(forced.status == 0, "\(forced.standardError)")
    #expect(FileManager.default.fileExists(atPath: folder.path("Photos/.hvwalk-site")))
    #expect(!FileManager.default.fileExists(atPath: folder.path("Photos/beach.jpg")))
  }

  @Test func aSymbolicLinkAsOutputIsRefused() throws {
    let folder = try copyOfContent()
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("Linked"), withDestinationPath: folder.path("Content"))
    let outcome = try Hvwalk.run(["build", "--output", "Linked", "--force"], in: folder.url)
    #expect(outcome.status != 0)
    #expect(outcome.standardError.contains("symbolic link"))
  }

  /// Every build marks its site; the next build recognises it, and a site of an older version
  /// (no marker, only what a build writes) is recognised by its shape.
  @Test func builtSitesAreMarkedAndOldSitesRecognised() throws {
    let folder = try copyOfContent()
    #expect(try Hvwalk.run(["build"], in: folder.url).status == 0)
    #expect(FileManager.default.fileExists(atPath: folder.path("Site/.hvwalk-site")))
    try FileManager.default.removeItem(atPath: folder.path("Site/.hvwalk-site"))
    let legacy = try Hvwalk.run(["build"], in: folder.url)
    #expect(
      legacy.status == 0,
      "a site without the marker but with only site files is a site: \(legacy.standardError)")
    // Someone's file inside an unmarked site: no longer only what a build writes.
    try FileManager.default.removeItem(atPath: folder.path("Site/.hvwalk-site"))
    try "draft".write(toFile: folder.path("Site/draft.docx"), atomically: true, encoding: .utf8)
    let foreign = try Hvwalk.run(["build"], in: folder.url)
    #expect(foreign.status != 0)
    #expect(FileManager.default.fileExists(atPath: folder.path("Site/draft.docx")))
  }

  /// A file-system error is said in words, with the path, not as `NSCocoaErrorDomain`.
  @Test func fileSystemErrorsAreReadable() throws {
    let folder = try copyOfContent()
    try "x".write(toFile: folder.path("blocker"), atomically: true, encoding: .utf8)
    let outcome = try Hvwalk.run(["build", "--output", "blocker/Site"], in: folder.url)
    #expect(outcome.status != 0)
    #expect(!outcome.standardError.contains("NSCocoaErrorDomain"), "\(outcome.standardError)")
    #expect(!outcome.standardError.contains("Error Domain"), "\(outcome.standardError)")
    #expect(outcome.standardError.contains("blocker"), "\(outcome.standardError)")
  }
}
