import Foundation
import HVTestSupport
import Testing

/// Two builds into one output at once: one waits for the other, both succeed, and the site is
/// always complete; a live build's staging folder is never removed (issue 15, item 2).
@Suite(.serialized) struct ConcurrentBuildTests {
  @Test func simultaneousBuildsNeverPublishAPartialSite() throws {
    let folder = try TemporaryFolder()
    try copyFolder(Repository.url("Content"), to: folder.url.appendingPathComponent("Content"))
    #expect(try Hvwalk.run(["build", "--output", "Reference"], in: folder.url).status == 0)
    let reference = tree(folder.path("Reference"))
    for round in 0..<4 {
      let processes = (0..<3).map { _ in Hvwalk.start(["build"], in: folder.url) }
      let errors = processes.map { process -> Pipe in
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        return pipe
      }
      for process in processes { try process.run() }
      let messages = errors.map {
        String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      }
      for process in processes { process.waitUntilExit() }
      for (process, message) in zip(processes, messages) {
        #expect(process.terminationStatus == 0, "round \(round): \(message)")
      }
      #expect(
        differences(reference, tree(folder.path("Site"))) == [],
        "round \(round): the site is incomplete")
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
      .filter { $0.hasPrefix(".Site") && ![".Site.lock", ".Site.state"].contains($0) }
    #expect(leftovers == [])
  }

  @Test func onlyLeftoversOfDeadBuildsAreRemoved() throws {
    let folder = try TemporaryFolder()
    try copyFolder(Repository.url("Content"), to: folder.url.appendingPathComponent("Content"))
    let alive = Process()
    alive.executableURL = URL(fileURLWithPath: "/bin/sleep")
    alive.arguments = ["30"]
    try alive.run()
    defer { alive.terminate() }
    let live = folder.path(".Site.tmp-\(alive.processIdentifier)")
    let dead = folder.path(".Site.tmp-999999")
    for path in [live, dead] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    #expect(try Hvwalk.run(["build"], in: folder.url).status == 0)
    #expect(
      FileManager.default.fileExists(atPath: live), "a running process's staging folder is kept")
    #expect(
      !FileManager.default.fileExists(atPath: dead), "a dead build's staging folder is removed")
  }
}
