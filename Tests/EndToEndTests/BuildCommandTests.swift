import Foundation
@testable import HVCommandLine
import HVSite
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

  // MARK: An unchanged course is not rebuilt (issue 18 item 2)

  /// The second build over unchanged content writes nothing: same inode, same bytes, and it
  /// says so.
  @Test func aRebuildOfUnchangedContentWritesNothing() throws {
    let folder = try TemporaryFolder()
    let site = folder.path("Site")
    let first = try Hvwalk.run(["build", "--content", content.path, "--output", site])
    #expect(first.status == 0, "\(first.standardError)")
    let before = tree(site)
    let page = site + "/en/vmbus.html"
    let inode = try #require(FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int)
    let second = try Hvwalk.run(["build", "--content", content.path, "--output", site])
    #expect(second.status == 0, "\(second.standardError)")
    #expect(second.standardOutput.contains("is up to date"), "\(second.standardOutput)")
    #expect(!second.standardOutput.hasPrefix("Built "))
    #expect(differences(before, tree(site)) == [])
    #expect(try FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int == inode)
    #expect(FileManager.default.fileExists(atPath: folder.path(".Site.state")))
  }

  /// A build with nothing to write still removes what a killed build left beside the output.
  @Test func anUpToDateBuildStillRemovesADeadBuildsLeftovers() throws {
    let folder = try TemporaryFolder()
    let site = folder.path("Site")
    #expect(try Hvwalk.run(["build", "--content", content.path, "--output", site]).status == 0)
    let dead = folder.path(".Site.tmp-999999")
    try FileManager.default.createDirectory(atPath: dead, withIntermediateDirectories: false)
    try Data("half a page".utf8).write(to: URL(fileURLWithPath: dead + "/index.html"))
    let outcome = try Hvwalk.run(["build", "--content", content.path, "--output", site])
    #expect(outcome.standardOutput.contains("is up to date"), "\(outcome.standardOutput)")
    #expect(!FileManager.default.fileExists(atPath: dead))
  }

  /// `serve`'s reader reads a file again when it changed on disk, in place or by rename, with
  /// the same size, and takes the others from the last read.
  @Test func theReadCacheRereadsExactlyTheChangedFiles() throws {
    let folder = try TemporaryFolder()
    let root = folder.url.appendingPathComponent("Content")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for name in ["a.md", "b.md", "c.md"] {
      try Data("one \(name)".utf8).write(to: root.appendingPathComponent(name))
    }
    let cache = ContentReader.ReadCache()
    let first = try ContentReader.read(root.path, cache: cache)
    #expect(first.snapshot.files.count == 3)
    #expect(cache.reads == 3)
    #expect(try ContentReader.read(root.path, cache: cache).snapshot.files.map(\.bytes) == first.snapshot.files.map(\.bytes))
    #expect(cache.reads == 0, "nothing changed: nothing read")
    // Same size, in place (a new modification time), and by rename (a new inode).
    let handle = try FileHandle(forWritingTo: root.appendingPathComponent("a.md"))
    try handle.write(contentsOf: Data("two".utf8))
    try handle.close()
    try Data("two c.md".utf8).write(to: root.appendingPathComponent("c.md"), options: .atomic)
    let third = try ContentReader.read(root.path, cache: cache)
    #expect(cache.reads == 2)
    #expect(third.snapshot.file("a.md").map { String(decoding: $0.bytes, as: UTF8.self) } == "two a.md")
    #expect(third.snapshot.file("c.md").map { String(decoding: $0.bytes, as: UTF8.self) } == "two c.md")
    #expect(third.snapshot.file("b.md").map { String(decoding: $0.bytes, as: UTF8.self) } == "one b.md")
  }

  /// Any change to a content file, however small, builds again.
  @Test func anEditedLessonIsBuilt() throws {
    let folder = try TemporaryFolder()
    let copy = folder.url.appendingPathComponent("Content")
    try copyFolder(content, to: copy)
    let site = folder.path("Site")
    #expect(try Hvwalk.run(["build", "--content", copy.path, "--output", site]).status == 0)
    let lesson = copy.appendingPathComponent("lessons/en/heartbeat.md")
    let text = try String(contentsOf: lesson, encoding: .utf8)
    #expect(text.contains("## In two minutes\n"))
    try text.replacingOccurrences(of: "## In two minutes\n", with: "## In two minutes!\n").write(
      to: lesson, atomically: true, encoding: .utf8)
    let rebuilt = try Hvwalk.run(["build", "--content", copy.path, "--output", site])
    #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
    #expect(rebuilt.standardOutput.hasPrefix("Built "), "\(rebuilt.standardOutput)")
    let page = try String(contentsOfFile: site + "/en/heartbeat.html", encoding: .utf8)
    #expect(page.contains("In two minutes!"))
  }

  /// A page edited, deleted or added by hand in the output is not "up to date": the next build
  /// writes the site again and the hand edits are gone.
  @Test func aHandEditedOutputIsRebuilt() throws {
    let folder = try TemporaryFolder()
    let site = folder.path("Site")
    #expect(try Hvwalk.run(["build", "--content", content.path, "--output", site]).status == 0)
    let built = tree(site)
    let edits: [(String, (String) throws -> Void)] = [
      ("en/vmbus.html", { path in
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("<!-- edited -->".utf8))
        try handle.close()
      }),
      ("vi/index.html", { path in try FileManager.default.removeItem(atPath: path) }),
      ("en/extra.html", { path in try Data("x".utf8).write(to: URL(fileURLWithPath: path)) }),
    ]
    for (file, edit) in edits {
      try edit(site + "/" + file)
      let outcome = try Hvwalk.run(["build", "--content", content.path, "--output", site])
      #expect(outcome.standardOutput.hasPrefix("Built "), "after editing \(file): \(outcome.standardOutput)")
      #expect(differences(built, tree(site)) == [], "after editing \(file)")
    }
  }

  /// The fingerprint sees every byte of every file, the file names, and the generator.
  @Test func theInputFingerprintChangesWithAnyInput() {
    func snapshot(_ files: [(String, String)]) -> ContentSnapshot {
      ContentSnapshot(
        displayRoot: "Content", files: files.map { .init(path: $0.0, bytes: Array($0.1.utf8)) })
    }
    let base = BuildState.inputs(of: snapshot([("a.md", "abc"), ("b.md", "def")]), generator: "g")
    let variants = [
      BuildState.inputs(of: snapshot([("a.md", "abd"), ("b.md", "def")]), generator: "g"),
      BuildState.inputs(of: snapshot([("a.md", "ab"), ("b.md", "cdef")]), generator: "g"),
      BuildState.inputs(of: snapshot([("a.md", "abc"), ("c.md", "def")]), generator: "g"),
      BuildState.inputs(of: snapshot([("a.md", "abc")]), generator: "g"),
      BuildState.inputs(of: snapshot([("a.md", "abc"), ("b.md", "def")]), generator: "h"),
      BuildState.inputs(
        of: snapshot([("a.md", "abc"), ("b.md", "def" + String(repeating: "x", count: 100))]),
        generator: "g"),
    ]
    #expect(BuildState.inputs(of: snapshot([("a.md", "abc"), ("b.md", "def")]), generator: "g") == base)
    #expect(Set(variants + [base]).count == variants.count + 1)
    #expect(base.count == 32)
  }
}
