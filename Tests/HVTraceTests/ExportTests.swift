import Foundation
import Testing

@testable import HVTrace

@Suite struct ExportTests {
  /// Keys of the top-level object in the order they appear in the text.
  private func topLevelKeys(_ json: String) -> [String] {
    json.split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("  \""), !line.hasPrefix("   ") else { return nil }
      return String(line.dropFirst(3).prefix { $0 != "\"" })
    }
  }

  @Test func jsonTopLevelKeysFollowTheContract() {
    let json = Fixtures.recorded().jsonText()
    #expect(
      topLevelKeys(json) == [
        "scenario", "seed", "actors", "steps", "totals", "integrationServices", "vm", "hostLog",
        "configuration",
      ])
  }

  @Test func jsonEventKeysStartWithTheContractKeys() throws {
    let value = Fixtures.recorded().jsonValue()
    guard case .object(let top) = value,
      case .array(let steps)? = top.first(where: { $0.key == "steps" })?.value,
      case .object(let step)? = steps.first,
      case .array(let events)? = step.first(where: { $0.key == "events" })?.value,
      case .object(let first)? = events.first,
      case .object(let group)? = events.dropFirst().first
    else {
      Issue.record("unexpected JSON shape")
      return
    }
    #expect(step.map(\.key).prefix(4) == ["index", "action", "totals", "events"])
    #expect(first.map(\.key).prefix(6) == ["seq", "time", "from", "to", "kind", "label"])
    #expect(group.map(\.key).prefix(6) == ["seq", "time", "kind", "label", "repeat", "events"])
  }

  @Test func jsonIsValidAndIntegersStayIntegers() throws {
    let json = Fixtures.recorded().jsonText()
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object?["seed"] as? Int == 7)
    let totals = object?["totals"] as? [String: Any]
    #expect(totals?["simulatedNanoseconds"] as? Int == 270)
    #expect(json.contains("\"port\": \"0x01F0\""))
    #expect(json.contains("\"message\": \"finished \\\"ok\\\"\""))
    #expect(!json.contains(".0,"))
  }

  @Test func jsonEscapesControlCharactersAndKeepsVietnamese() {
    let text = JSONValue.string("a\"b\\c\nd\u{01}Ghi đĩa").rendered(pretty: false)
    #expect(text == "\"a\\\"b\\\\c\\nd\\u0001Ghi đĩa\"")
  }

  @Test func jsonIsByteIdenticalAcrossRenders() {
    #expect(Fixtures.recorded().jsonText() == Fixtures.recorded().jsonText())
  }

  @Test func chromeTraceHasOneSlicePerGroupWithRepeat() throws {
    let text = Fixtures.recorded().chromeTraceText()
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let events = object?["traceEvents"] as? [[String: Any]] ?? []
    let slices = events.filter { $0["ph"] as? String == "X" }
    let groups = slices.filter { $0["cat"] as? String == "repeat" }
    #expect(groups.count == 2)
    let outer = groups.first { ($0["args"] as? [String: Any])?["repeat"] as? Int == 3 }
    #expect(outer != nil)
    #expect(outer?["dur"] as? Double == 0.12)  // 3 × 40 ns in µs
    #expect(slices.count == 5 + 2)
    #expect(
      events.contains { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" })
    #expect(text.contains("\"ts\": 0.100"))
  }

  @Test func transcriptShowsLoopsAndCounters() {
    let text = Fixtures.recorded().transcript()
    #expect(text.contains("loop ×3 { for each sector"))
    #expect(text.contains("loop ×2 { for each word"))
    #expect(text.contains("} ×2, 5 ns each"))
    #expect(text.contains("     1  0.000000000    app → driver: write()"))
    #expect(text.contains("[HVMSG_X64_IO_PORT_INTERCEPT]"))
    #expect(text.contains("port=0x01F0"))
    #expect(text.contains("Totals: vmExits 6 · hypercalls 3 · intercepts 3"))
    #expect(text.contains("step 1 totals:"))
    #expect(text.contains("Heartbeat: enabled OK"))
  }

  @Test func renderedPicksTheFormat() {
    let trace = Fixtures.recorded()
    #expect(trace.rendered(as: .json) == trace.jsonText())
    #expect(trace.rendered(as: .chromeTrace) == trace.chromeTraceText())
    #expect(trace.rendered(as: .transcript) == trace.transcript())
  }
}

/// The Integration Service fields of contract §3: an event's `flags` after `operation`, the
/// services' `secondaryStatus` after the contract's keys.
@Suite struct ServiceFieldExportTests {
  static func trace() -> Trace {
    let recorder = TraceRecorder(actors: Fixtures.actors)
    recorder.beginStep(index: 1, action: "wait", argument: "5 s", time: 0)
    recorder.record(
      time: 0, duration: 10, from: "worker", to: "driver", kind: .ringPacket, label: "sample",
      message: "ICMSGTYPE_TIMESYNC", operation: nil, flags: "ICTIMESYNCFLAG_SAMPLE")
    recorder.endStep()
    return recorder.finish(
      scenario: "s", seed: 1,
      integrationServices: [
        IntegrationServiceStatus(
          name: "Heartbeat", enabled: true, status: "OK", secondaryStatus: "OK")
      ], vm: VMStatus(name: "VM01", state: "Running"), configuration: [])
  }

  @Test func flagsAndSecondaryStatusAreExported() throws {
    let json = Self.trace().jsonText()
    let message = try #require(json.range(of: "\"message\": \"ICMSGTYPE_TIMESYNC\""))
    let flags = try #require(json.range(of: "\"flags\": \"ICTIMESYNCFLAG_SAMPLE\""))
    let duration = try #require(json.range(of: "\"duration\": 10"))
    #expect(message.lowerBound < flags.lowerBound && flags.lowerBound < duration.lowerBound)
    let status = try #require(json.range(of: "\"status\": \"OK\""))
    let secondary = try #require(json.range(of: "\"secondaryStatus\": \"OK\""))
    #expect(status.lowerBound < secondary.lowerBound)
    let transcript = Self.trace().transcript()
    #expect(transcript.contains("[ICMSGTYPE_TIMESYNC] ICTIMESYNCFLAG_SAMPLE"))
    #expect(transcript.contains("Heartbeat: enabled OK (OK)"))
    #expect(Self.trace().chromeTraceText().contains("\"flags\": \"ICTIMESYNCFLAG_SAMPLE\""))
  }
}
