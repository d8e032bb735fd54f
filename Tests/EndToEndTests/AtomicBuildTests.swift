import Foundation
import HVTestSupport
import Testing

/// A failed or killed build never damages the previous site.
@Suite(.serialized) struct AtomicBuildTests {
  let content = Repository.url("Content")

  /// A copy of the shipped content, built once into `Site/` inside a temporary folder.
  func builtCopy() throws -> (TemporaryFolder, [String: Data]) {
    let folder = try TemporaryFolder()
    try copyFolder(content, to: folder.url.appendingPathComponent("Content"))
    let outcome = try Hvwalk.run(["build"], in: folder.url)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    return (folder, tree(folder.path("Site")))
  }

  @Test func aFailingBuildReportsEveryErrorAndLeavesSiteUntouched() throws {
    let (folder, before) = try builtCopy()
    let lesson = folder.path("Content/lessons/en/hyper-v-at-a-glance.md")
    var text = try String(contentsOfFile: lesson, encoding: .utf8)
    text = text.replacingOccurrences(of: "order:", with: "ordr:")
    try text.write(toFile: lesson, atomically: true, encoding: .utf8)
    try "title: [broken".write(
      toFile: folder.path("Content/strings/vi.yaml"), atomically: true, encoding: .utf8)

    let outcome = try Hvwalk.run(["build"], in: folder.url, environment: ["NO_COLOR": "1"])
    #expect(outcome.status != 0)
    #expect(
      outcome.standardError.contains(
        "Content/lessons/en/hyper-v-at-a-glance.md:3:1: error: unknown key 'ordr' in front matter; did you mean 'order'?"
      ))
    #expect(outcome.standardError.contains("Content/strings/vi.yaml:"))
    #expect(
      !outcome.standardError.contains("\u{1B}["),
      "no colour when NO_COLOR is set or not on a terminal")
    #expect(outcome.standardOutput.isEmpty)
    #expect(differences(before, tree(folder.path("Site"))) == [])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
      $0.hasPrefix(".Site") && ![".Site.lock", ".Site.state"].contains($0)
    }
    #expect(leftovers == [])
  }

  /// Kills builds of a large course at several moments of its run; `Site/` must always be the
  /// old site or the complete new one, and the next build cleans up after the killed one.
  @Test func aKilledBuildNeverLeavesAHalfWrittenSite() throws {
    let (folder, before) = try builtCopy()
    // Make the build long enough to be caught mid-way: many generated lessons in both languages.
    let generated = 400
    for language in ["vi", "en"] {
      for index in 0..<generated {
        let body = String(
          repeating:
            "## Section \(index)\n\nSome text with `code` and a [link](#section-\(index)).\n\n",
          count: 8)
        try "---\ntitle: Generated \(index)\norder: \(1000 + index)\n---\n\(body)"
          .write(
            toFile: folder.path("Content/lessons/\(language)/generated-\(index).md"),
            atomically: false, encoding: .utf8)
      }
    }
    // How long an uninterrupted build takes here, so the kills land inside one.
    let clock = ContinuousClock()
    let started = clock.now
    let timing = try Hvwalk.run(["build", "--output", "Timing"], in: folder.url)
    #expect(timing.status == 0, "\(timing.standardError)")
    let duration = clock.now - started
    // The complete new site (with 800 more lessons in every sidebar, more pages give diagrams
    // files of their own, so it is more than two files per lesson).
    let expectedCount = tree(folder.path("Timing")).count
    #expect(expectedCount > before.count + 2 * generated)

    for fraction in [0.1, 0.3, 0.5, 0.7, 0.85, 0.95] {
      let process = Hvwalk.start(["build"], in: folder.url)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(
        forTimeInterval: Double((duration * fraction).components.seconds) + Double(
          (duration * fraction).components.attoseconds) / 1e18)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = tree(folder.path("Site"))
      if now.count == before.count {
        #expect(
          differences(before, now) == [],
          "after a kill at \(fraction) of a build the old site changed")
      } else {
        #expect(
          now.count == expectedCount, "after a kill at \(fraction) of a build Site/ is incomplete")
      }
    }
    let outcome = try Hvwalk.run(["build"], in: folder.url)
    #expect(outcome.status == 0)
    #expect(tree(folder.path("Site")).count == expectedCount)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
      $0.hasPrefix(".Site") && ![".Site.lock", ".Site.state"].contains($0)
    }
    #expect(leftovers == [], "the next build removes what killed builds left behind")
  }
}

/// Unchanged files are carried over from the previous site by hard link; changed ones are new.
@Suite(.serialized) struct IncrementalWriteTests {
  @Test func unchangedPagesAreLinkedAndChangedOnesRewritten() throws {
    let folder = try TemporaryFolder()
    try copyFolder(Repository.url("Content"), to: folder.url.appendingPathComponent("Content"))
    #expect(try Hvwalk.run(["build"], in: folder.url).status == 0)
    func inode(_ path: String) throws -> UInt64 {
      (try FileManager.default.attributesOfItem(atPath: folder.path(path))[.systemFileNumber]
        as? NSNumber)?.uint64Value ?? 0
    }
    let before = (try inode("Site/en/index.html"), try inode("Site/en/vmbus.html"))
    let lesson = folder.path("Content/lessons/en/vmbus.md")
    try (try String(contentsOfFile: lesson, encoding: .utf8) + "\nOne more sentence.\n").write(
      toFile: lesson, atomically: true, encoding: .utf8)
    #expect(try Hvwalk.run(["build"], in: folder.url).status == 0)
    #expect(try inode("Site/en/index.html") == before.0, "an unchanged page keeps its file")
    #expect(try inode("Site/en/vmbus.html") != before.1, "a changed page is written anew")
    #expect(
      try String(contentsOfFile: folder.path("Site/en/vmbus.html"), encoding: .utf8).contains(
        "One more sentence."))
  }
}
