import Foundation
import HVDiagnostics
import HVTestSupport
import HVTrace
import Testing

@testable import HVScenario

/// The repository's scenarios and this target's golden files (no bundle resources needed).
extension Repository {
  static let golden = url("Tests/HVScenarioTests/Golden")

  static func scenarioFiles() throws -> [(path: String, text: String)] {
    let folder = root.appendingPathComponent("Content/scenarios")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    return try names.map { name in
      (
        "Content/scenarios/\(name)",
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      )
    }
  }

  static func scenario(_ id: String) throws -> Scenario {
    let (library, diagnostics) = ScenarioLibrary.load(files: try scenarioFiles())
    #expect(diagnostics.isEmpty)
    return try #require(library.scenario(id: id))
  }
}

@Suite struct ContentTests {
  @Test func everyScenarioLoadsCleanly() throws {
    let files = try Repository.scenarioFiles()
    let (library, diagnostics) = ScenarioLibrary.load(files: files)
    #expect(diagnostics.map(\.description) == [])
    #expect(
      library.ids == [
        "backup-saved-state", "backup-vss", "backup-windows", "boot-gen1-is", "boot-gen1-no-is",
        "copy-file", "copy-file-disabled", "copy-file-exists", "copy-file-windows",
        "disk-write-emulated", "disk-write-emulated-pio", "disk-write-emulated-pio-per-word",
        "disk-write-synthetic", "heartbeat", "heartbeat-lost", "heartbeat-rescinded",
        "heartbeat-ring-full", "heartbeat-windows", "kvp", "kvp-value-too-long", "kvp-windows",
        "network-legacy", "network-synthetic", "shutdown", "shutdown-windows",
        "shutdown-without-is", "time-sync", "time-sync-current-kernel", "time-sync-disabled",
        "time-sync-windows",
      ])
    for scenario in library.scenarios {
      #expect(scenario.title["en"]?.isEmpty == false)
      #expect(scenario.title["vi"]?.isEmpty == false)
      #expect(scenario.summary?["vi"]?.isEmpty == false)
    }
    #expect(
      library.scenario(id: "disk-write-emulated")?.title["vi"]
        == "Ghi 10 KiB qua bộ điều khiển IDE giả lập (DMA bus-master)")
  }

  @Test func everyScenarioRunsWithoutProblems() throws {
    let (library, _) = ScenarioLibrary.load(files: try Repository.scenarioFiles())
    for scenario in library.scenarios {
      let trace = ScenarioRunner.run(scenario)
      #expect(trace.scenario == scenario.id)
      #expect(trace.steps.count == scenario.steps.count)
      let shutsDown = scenario.steps.contains {
        guard case .shutdown = $0.kind else { return false }
        return true
      }
      #expect(trace.vm.state == (shutsDown ? "Off" : "Running"), "\(scenario.id)")
      #expect(trace.vm.name == "WEB01")
    }
  }

  @Test func duplicateIDsAreReported() {
    let text = ParserTests.valid
    let (library, diagnostics) = ScenarioLibrary.load(files: [
      (path: "b/demo.yaml", text: text), (path: "a/demo.yaml", text: text),
    ])
    #expect(library.ids == ["demo"])
    #expect(
      diagnostics.map(\.description) == [
        "b/demo.yaml:1:1: error: scenario id 'demo' is already used by a/demo.yaml"
      ])
  }

  @Test func runResolvesIDsAndPaths() {
    #expect(
      ScenarioRunner.scenarioPath(for: "disk-write-emulated", contentDirectory: "Content")
        == "Content/scenarios/disk-write-emulated.yaml")
    #expect(
      ScenarioRunner.scenarioPath(for: "x", contentDirectory: "/tmp/c/")
        == "/tmp/c/scenarios/x.yaml")
    #expect(
      ScenarioRunner.scenarioPath(for: "my/file.yaml", contentDirectory: "Content")
        == "my/file.yaml")
    #expect(
      ScenarioRunner.scenarioPath(for: "local.yml", contentDirectory: "Content") == "local.yml")
  }

  @Test func renderReturnsDiagnosticsOrOutput() {
    let bad = ScenarioRunner.render(
      source: "id: 1\n", path: "bad.yaml", seedOverride: nil, format: .json)
    #expect(bad.output == nil)
    #expect(!bad.diagnostics.isEmpty)
    let good = ScenarioRunner.render(
      source: ParserTests.valid, path: "demo.yaml", seedOverride: 9, format: .transcript)
    #expect(good.diagnostics.isEmpty)
    #expect(good.output?.hasPrefix("Trace demo · seed 9\n") == true)
  }

  /// The with-Integration-Services lesson says that the generation 1 VM of `disk-write-emulated`,
  /// given the Integration Services (its what-if), writes exactly as the generation 2 SCSI VM of
  /// `disk-write-synthetic` does, counter for counter: storvsc carries the IDE disk too.
  @Test func theEmulatedScenarioWithIntegrationServicesTakesTheSyntheticPath() throws {
    let emulated = try Repository.scenario("disk-write-emulated")
    let synthetic = try Repository.scenario("disk-write-synthetic")
    let switched = try emulated.setting(.integrationServices, to: "all").get()
    let with = ScenarioRunner.run(switched).totals
    #expect(with == ScenarioRunner.run(synthetic).totals)
    #expect(with != ScenarioRunner.run(emulated).totals)
  }
}
