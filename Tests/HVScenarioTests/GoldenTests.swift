import Foundation
import HVTestSupport
import HVTrace
import Testing

@testable import HVScenario

/// The transcripts of the two 10 KiB writes and of one scenario per Integration Service, compared
/// byte for byte with files next to this test.
/// Re-record with `HVWALK_RECORD=1 swift test --filter GoldenTests` and review the diff.
@Suite struct GoldenTests {
  @Test(arguments: [
    "disk-write-emulated", "disk-write-synthetic", "heartbeat", "shutdown", "time-sync", "kvp",
    "backup-vss", "copy-file",
  ])
  func transcriptMatchesTheGoldenFile(_ id: String) throws {
    let transcript = ScenarioRunner.run(try Repository.scenario(id)).transcript()
    Snapshot.expect(transcript, matches: Repository.golden.appendingPathComponent("\(id).txt"))
  }
}

/// Same scenario and seed ⇒ identical JSON bytes; the JSON follows the contract's key order.
@Suite struct DeterminismTests {
  @Test(arguments: [
    "disk-write-emulated", "disk-write-synthetic", "boot-gen1-is", "boot-gen1-no-is",
    "heartbeat-lost",
    "heartbeat-ring-full", "time-sync", "copy-file-exists", "backup-saved-state", "kvp",
  ])
  func jsonIsByteIdentical(_ id: String) throws {
    let scenario = try Repository.scenario(id)
    let first = ScenarioRunner.run(scenario).jsonText()
    let second = ScenarioRunner.run(scenario).jsonText()
    #expect(first == second)
    let chrome = ScenarioRunner.run(scenario).chromeTraceText()
    #expect(chrome == ScenarioRunner.run(scenario).chromeTraceText())
    #expect(try JSONSerialization.jsonObject(with: Data(chrome.utf8)) is [String: Any])
  }

  @Test func seedOverrideChangesOnlyWhatTheSeedDrives() throws {
    let scenario = try Repository.scenario("disk-write-synthetic")
    let one = ScenarioRunner.run(scenario)
    let two = ScenarioRunner.run(scenario, seedOverride: 2)
    #expect(two.seed == 2)
    #expect(one.jsonText() != two.jsonText())
    var a = one.totals, b = two.totals
    a.simulatedNanoseconds = 0
    b.simulatedNanoseconds = 0
    #expect(a == b)
  }

  @Test func jsonKeysFollowTheContract() throws {
    let json = ScenarioRunner.run(try Repository.scenario("disk-write-synthetic")).jsonText()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let topKeys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }
      .map { String($0.dropFirst(3).prefix { $0 != "\"" }) }
    #expect(
      topKeys == [
        "scenario", "seed", "actors", "steps", "totals", "integrationServices", "vm", "hostLog",
        "configuration",
      ])
    let totals = try #require(object["totals"] as? [String: Int])
    #expect(Set(totals.keys) == Set(Counters.names))
    let totalsText = try #require(json.range(of: "  \"totals\": {"))
    let order = Counters.names.compactMap {
      json.range(of: "\"\($0)\"", range: totalsText.upperBound..<json.endIndex)?.lowerBound
    }
    #expect(order == order.sorted())
    let steps = try #require(object["steps"] as? [[String: Any]])
    let events = try #require(steps.first?["events"] as? [[String: Any]])
    let event = try #require(events.first)
    for key in ["seq", "time", "from", "to", "kind", "label"] { #expect(event[key] != nil) }
    let actors = try #require(object["actors"] as? [[String: String]])
    #expect(
      actors.contains {
        $0["id"] == "storvsp" && $0["partition"] == "root" && $0["mode"] == "kernel"
      })
    let services = try #require(object["integrationServices"] as? [[String: Any]])
    #expect(
      services.map { $0["name"] as? String } == [
        "Guest Service Interface", "Heartbeat", "Key-Value Pair Exchange", "Shutdown",
        "Time Synchronization", "VSS",
      ])
    #expect((object["vm"] as? [String: Any])?["state"] as? String == "Running")
  }
}
