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
    #expect(events.contains { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" })
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
