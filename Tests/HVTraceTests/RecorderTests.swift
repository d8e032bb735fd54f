import Testing

@testable import HVTrace

@Suite struct RecorderTests {
  @Test func numbersEventsAndGroupsInOrder() {
    let trace = Fixtures.recorded()
    let entries = trace.steps[0].entries
    #expect(entries.count == 3)
    guard case .group(let outer) = entries[1] else {
      Issue.record("expected a group")
      return
    }
    #expect(outer.seq == 2)
    #expect(outer.count == 3)
    #expect(outer.entries.count == 3)
    #expect(trace.storedEvents.map(\.seq) == [1, 3, 5, 6, 7])
    #expect(entries[1].expandedEventCount == 3 * (1 + 2 + 1))
    #expect(entries[1].storedEventCount == 3)
  }

  @Test func keepsOnlyUsedActorsInCatalogOrder() {
    let trace = Fixtures.recorded()
    #expect(trace.actors.map(\.id) == ["app", "driver", "hypervisor", "worker"])
    let recorder = TraceRecorder(actors: Fixtures.actors)
    recorder.beginStep(index: 1, action: "x", argument: "", time: 0)
    recorder.record(time: 0, duration: 1, from: "worker", to: "app", kind: .call, label: "x")
    recorder.endStep()
    let small = recorder.finish(
      scenario: "s", seed: 1, integrationServices: [], vm: VMStatus(name: "v", state: "Off"),
      configuration: [])
    #expect(small.actors.map(\.id) == ["app", "worker"])
  }

  @Test func mutedRecorderStoresNothing() {
    let recorder = TraceRecorder(actors: Fixtures.actors)
    recorder.isMuted = true
    recorder.beginStep(index: 1, action: "x", argument: "", time: 0)
    #expect(
      recorder.record(time: 0, duration: 1, from: "app", to: "driver", kind: .call, label: "x")
        == nil)
    recorder.beginGroup(label: "g", time: 1)
    #expect(recorder.endGroup(count: 5) == nil)
    recorder.log(time: 0, source: "s", message: "m")
    recorder.endStep()
    let trace = recorder.finish(
      scenario: "s", seed: 1, integrationServices: [], vm: VMStatus(name: "v", state: "Off"),
      configuration: [])
    #expect(trace.steps[0].entries.isEmpty)
    #expect(trace.hostLog.isEmpty)
  }

  @Test func switchesModeComesFromTheActors() {
    let events = Fixtures.recorded().storedEvents
    #expect(events[0].switchesMode)  // app → driver
    #expect(!events[1].switchesMode)  // driver → hypervisor
  }

  @Test func simulatedTimeFormats() {
    #expect(SimulatedTime.clock(3_723_000_000_123) == "01:02:03.000000123")
    #expect(SimulatedTime.seconds(12_345) == "0.000012345")
    #expect(SimulatedTime.microseconds(12_345) == "12.345")
    #expect(SimulatedTime.human(850) == "850 ns")
    #expect(SimulatedTime.human(12_500) == "12.5 µs")
    #expect(SimulatedTime.human(3_000_000) == "3 ms")
    #expect(SimulatedTime.human(1_250_000_000) == "1.25 s")
  }
}
