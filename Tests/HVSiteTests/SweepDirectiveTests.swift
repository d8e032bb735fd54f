import Foundation
import HVDiagnostics
import HVScenario
import HVSimulation
import HVTestSupport
import HVTrace
import Testing

@testable import HVSite

/// `sweep`: counters against the transfer size, every point a simulation run.
@Suite struct SweepDirectiveTests {
  func build(_ body: String) throws -> (site: Site?, errors: [String]) {
    var fixture = try ContentFixture.withScenarios([
      "disk-write-emulated", "disk-write-synthetic", "heartbeat",
    ])
    fixture.addLesson("a", order: 1, title: "A", body: body)
    return (fixture.build().site, fixture.errors())
  }

  @Test func everyPointIsARunOfTheResizedScenario() throws {
    let (site, errors) = try build(
      "```sweep disk-write-emulated disk-write-synthetic size=512B..1MiB counters=intercepts,vmExits\n```"
    )
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(
      page.contains(
        "<figure class=\"hv-sweep\" id=\"sweep-disk-write-emulated-disk-write-synthetic\">"))
    // One chart per counter, a switch between them, the first one chosen.
    #expect(page.components(separatedBy: "class=\"hv-chart hv-loglog\"").count == 3)
    #expect(page.contains("value=\"intercepts\" checked>"))
    #expect(page.contains("value=\"vmExits\">"))
    // 512 B … 1 MiB doubling: 12 sizes, each a row of the tables.
    #expect(page.components(separatedBy: "<tr><th scope=\"row\">").count == 1 + 2 * 12)
    // The numbers are the simulation's: the 64 KiB point of the emulated path, run here directly.
    let path = "Content/scenarios/disk-write-emulated.yaml"
    let text = try String(contentsOf: Repository.url(path), encoding: .utf8)
    let library = ScenarioLibrary.load(files: [(path: path, text: text)]).0
    let scenario = try #require(library.scenario(id: "disk-write-emulated"))
    let resized = try #require(scenario.resizingTransfers(to: 64 * 1024))
    let intercepts = ScenarioRunner.run(resized).totals.intercepts
    #expect(page.contains("<tr><th scope=\"row\">64 KiB</th><td>\(intercepts)</td>"))
    #expect(resized.steps[0].argument == "64 KiB")
  }

  @Test func mistakesAreReportedWhereTheyAre() throws {
    let (_, errors) = try build(
      """
      ```sweep disk-write-emulated heartbeat size=1MiB..512B counters=exits
      ```

      ```sweep disk-write-emulated
      ```

      ```sweep disk-write-emulated size=1B..1GiB
      ```
      """)
    #expect(
      errors.contains { $0.contains("no write-disk or read-disk step") && $0.contains("heartbeat") }
    )
    #expect(errors.contains { $0.contains("'1MiB..512B' is not a range") })
    #expect(errors.contains { $0.contains("no counter 'exits'") && $0.contains("vmExits") })
    #expect(
      errors.contains {
        $0.contains("needs the range it sweeps") && $0.contains("size=512B..64MiB")
      })
    #expect(errors.contains { $0.contains("31 points") })
    #expect(errors.allSatisfy { $0.contains(": error: ") })
  }
}

/// `sweep … frames=`: the network scenarios against the number of frames.
@Suite struct FrameSweepTests {
  @Test func framesSweepRunsTheNetworkScenarios() throws {
    var fixture = try ContentFixture.withScenarios(["network-legacy", "network-synthetic"])
    fixture.addLesson(
      "a", order: 1, title: "A",
      body: "```sweep network-legacy network-synthetic frames=1..1024 counters=vmExits\n```")
    let site = fixture.build().site
    #expect(fixture.errors() == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(page.contains("against the number of frames"))
    // 1 … 1024 doubling: 11 rows.
    #expect(page.components(separatedBy: "<tr><th scope=\"row\">").count == 1 + 11)
    let path = "Content/scenarios/network-legacy.yaml"
    let text = try String(contentsOf: Repository.url(path), encoding: .utf8)
    let scenario = try #require(
      ScenarioLibrary.load(files: [(path: path, text: text)]).0.scenario(id: "network-legacy"))
    let exits = ScenarioRunner.run(try #require(scenario.varying(.frames, to: 64))).totals.vmExits
    #expect(page.contains("<tr><th scope=\"row\">64</th><td>\(exits)</td>"))
    var wrong = try ContentFixture.withScenarios(["disk-write-emulated", "network-legacy"])
    wrong.addLesson(
      "a", order: 1, title: "A",
      body:
        "```sweep disk-write-emulated frames=1..8 size=1KiB..2KiB\n```\n\n```sweep disk-write-emulated frames=1..8\n```"
    )
    let errors = wrong.errors()
    #expect(errors.contains { $0.contains("one parameter at a time") })
    #expect(errors.contains { $0.contains("no send-packets or receive-packets step") })
  }
}
