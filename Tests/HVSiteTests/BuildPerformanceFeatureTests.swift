import HVDiagnostics
import Testing

@testable import HVSite

/// The speed features must not change a byte of output: parallel rendering equals a serial build,
/// and the scenario cache never serves a trace for a file that changed.
@Suite struct BuildPerformanceFeatureTests {
  func course() throws -> ContentFixture {
    var fixture = try ContentFixture.withScenarios()
    for index in 1...12 {
      fixture.addLesson(
        "lesson-\(index)", order: index, title: "Lesson \(index)",
        body:
          "## Part\n\nText {{count disk-write-emulated vmExits}}.\n\n```trace disk-write-synthetic\n```\n"
      )
    }
    return fixture
  }

  @Test func parallelBuildEqualsSerialBuild() throws {
    let fixture = try course()
    let serial = try SiteBuilder(parallel: false).build(fixture.snapshot).get()
    let parallel = try SiteBuilder(parallel: true).build(fixture.snapshot).get()
    #expect(serial.files.map(\.path) == parallel.files.map(\.path))
    for (a, b) in zip(serial.files, parallel.files) {
      #expect(a.bytes == b.bytes, "\(a.path) differs between a serial and a parallel build")
    }
  }

  @Test func cacheHitsOnlyForIdenticalScenarioFiles() throws {
    var fixture = try course()
    let cache = ScenarioCache()
    let builder = SiteBuilder(scenarioCache: cache)
    let first = try builder.build(fixture.snapshot).get()
    #expect(cache.simulations == 2)

    // Prose changes: nothing is simulated again, and the output is what a fresh build gives.
    fixture.addLesson("lesson-1", order: 1, title: "Lesson 1 (edited)")
    let second = try builder.build(fixture.snapshot).get()
    #expect(cache.simulations == 2)
    #expect(second == (try SiteBuilder().build(fixture.snapshot).get()))
    #expect(first != second)

    // Any change to a scenario file — even a comment — runs it again; the new trace is used.
    let path = "scenarios/disk-write-emulated.yaml"
    fixture.files[path] = fixture.files[path]! + "# a comment\n"
    _ = try builder.build(fixture.snapshot).get()
    #expect(cache.simulations == 3)
    fixture.files[path] = fixture.files[path]!.replacingOccurrences(of: "10 KiB", with: "20 KiB")
    let changed = try builder.build(fixture.snapshot).get()
    #expect(cache.simulations == 4)
    #expect(
      changed == (try SiteBuilder().build(fixture.snapshot).get()),
      "the cache never serves a stale trace")
    #expect(
      changed.text("scenarios/disk-write-emulated.json")
        != second.text("scenarios/disk-write-emulated.json"))

    // Rendered walkthroughs are cached too; changing a word they use changes them.
    fixture.files["strings/en.yaml"] = fixture.files["strings/en.yaml"]!.replacingOccurrences(
      of: "transcript-heading: Transcript", with: "transcript-heading: Step by step")
    let renamed = try builder.build(fixture.snapshot).get()
    #expect(renamed == (try SiteBuilder().build(fixture.snapshot).get()))
    #expect(renamed.text("en/lesson-2.html")?.contains(">Step by step</p>") == true)

    // The seed is part of what a run depends on.
    fixture.files[path] = fixture.files[path]!.replacingOccurrences(of: "seed: 1", with: "seed: 2")
    _ = try builder.build(fixture.snapshot).get()
    #expect(cache.simulations == 5)
  }
}
