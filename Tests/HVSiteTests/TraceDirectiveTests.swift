import HVDiagnostics
import Testing

@testable import HVSite

/// The directives and counters that put simulation output into lessons.
@Suite struct TraceDirectiveTests {
  func build(_ body: String) throws -> (site: Site?, errors: [String]) {
    var fixture = try ContentFixture.withScenarios()
    fixture.addLesson("a", order: 1, title: "A", body: body)
    return (fixture.build().site, fixture.errors())
  }

  @Test func traceRendersDiagramTranscriptAndCounters() throws {
    let (site, errors) = try build("```trace disk-write-emulated\n```")
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(
      page.contains("<figure class=\"hv-walkthrough\" id=\"disk-write-emulated\" data-walkthrough"))
    #expect(
      page.contains(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hv-diagram\" id=\"disk-write-emulated-diagram\" role=\"img\""
      ))
    #expect(page.contains("<li id=\"disk-write-emulated-step-1\" value=\"1\""))
    #expect(
      page.contains("<a class=\"hv-scenario-link\" href=\"scenarios/disk-write-emulated.html\">"))
    let steps = page.components(separatedBy: "data-step=\"").count - 1
    #expect(steps > 10, "every message appears in the diagram and the transcript")
  }

  @Test func optionsChangeTheFigureID() throws {
    let (site, errors) = try build("```trace disk-write-emulated collapse=partition step=1\n```")
    #expect(errors == [])
    #expect(
      site?.text("vi/a.html")?.contains("id=\"disk-write-emulated-path-1-partitions\"") == true)
  }

  @Test func traceErrorsArePositioned() throws {
    let (_, errors) = try build(
      "```trace disk-write-emulatd step=9 collapse=actor\n```\n\n```trace disk-write-emulated step=9 collapse=actor\n```"
    )
    #expect(
      errors.contains(
        "Content/lessons/en/a.md:6:10: error: no scenario 'disk-write-emulatd'; did you mean 'disk-write-emulated'?"
      ))
    #expect(
      errors.contains(
        "Content/lessons/en/a.md:9:30: error: 'step=9': scenario 'disk-write-emulated' has steps 1 to 1"
      ))
    #expect(
      errors.contains(
        "Content/lessons/en/a.md:9:37: error: 'collapse=actor' is not a way to collapse lifelines; write 'collapse=partition'"
      ))
  }

  @Test func inlineCountersComeFromTheTrace() throws {
    var fixture = try ContentFixture.withScenarios()
    fixture.addLesson(
      "a", order: 1, title: "A",
      body:
        "Exits: {{count disk-write-emulated vmExits}}; ratio {{ratio disk-write-emulated disk-write-synthetic vmExits}}×; time {{duration disk-write-synthetic}}."
    )
    let site = try #require(fixture.build().site)
    let en = try #require(site.text("en/a.html")), vi = try #require(site.text("vi/a.html"))
    let json = try #require(site.text("scenarios/disk-write-emulated.json"))
    let exits = try #require(json.split(separator: "\"vmExits\": ").last?.prefix { $0.isNumber })
      .description
    let grouped = exits.count > 3 ? exits.dropLast(3) + "," + exits.suffix(3) : Substring(exits)
    #expect(en.contains("Exits: \(grouped);"))
    #expect(vi.contains("Exits: \(grouped.replacingOccurrences(of: ",", with: "."));"))
    #expect(en.contains("ratio ") && !en.contains("{{"))
  }

  @Test func counterErrorsSuggestAndPoint() throws {
    let (_, errors) = try build(
      "Text {{count disk-write-emulated vmexits}} and {{cont disk-write-emulated vmExits}}.")
    #expect(
      errors.contains(
        "Content/lessons/en/a.md:6:6: error: unknown counter 'vmexits'; did you mean 'vmExits'?"))
    #expect(
      errors.contains(
        "Content/lessons/en/a.md:6:48: error: unknown counter function 'cont'; did you mean 'count'?"
      ))
  }

  @Test func compareShowsEveryCounterAndAChart() throws {
    let (site, errors) = try build("```compare disk-write-emulated disk-write-synthetic\n```")
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(
      page.contains(
        "<figure class=\"hv-compare\" id=\"compare-disk-write-emulated-disk-write-synthetic\">"))
    for name in [
      "vmExits", "hypercalls", "intercepts", "contextSwitches", "interrupts", "vmbusMessages",
      "ringPackets", "bytesCopied", "simulatedNanoseconds",
    ] {
      #expect(page.contains("<tr data-counter=\"\(name)\">"))
    }
    #expect(page.contains("class=\"hv-chart\""))
    #expect(page.contains("logarithmic scale"))
  }

  @Test func selfCheckRevealsAnswers() throws {
    let (site, errors) = try build(
      "```self-check\n- question: Who owns the **disk**?\n  answer: The root partition.\n```")
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(page.contains("<li><details><summary>Who owns the <strong>disk</strong>?</summary>"))
    #expect(page.contains("<p>The root partition.</p>"))
  }

  @Test func selfCheckErrorsPointIntoTheBlock() throws {
    let (_, errors) = try build("```self-check\n- question: Who?\n  answr: Me\n```")
    #expect(
      errors.contains(
        "Content/lessons/en/a.md:8:3: error: unknown key 'answr' in a self-check question; did you mean 'answer'?"
      ))
  }

  @Test func scenarioPagesAndExportsExist() throws {
    let (site, _) = try build("x")
    let paths = try #require(site?.files.map(\.path))
    for path in [
      "en/scenarios/index.html", "vi/scenarios/disk-write-emulated.html",
      "scenarios/disk-write-emulated.json",
      "scenarios/disk-write-emulated.trace.json",
    ] {
      #expect(paths.contains(path))
    }
  }

  @Test func linksIntoScenarioPagesAreChecked() throws {
    let (_, good) = try build(
      "[a](scenarios/disk-write-synthetic.html#disk-write-synthetic-step-3) [b](scenarios/disk-write-synthetic.html#rerun-heading)"
    )
    #expect(good == [])
    let (_, bad) = try build(
      "[a](scenarios/disk-write-synthetic.html#disk-write-synthetic-step-999)")
    #expect(
      bad.contains {
        $0.contains(
          "'#disk-write-synthetic-step-999' matches no heading or figure in en/scenarios/disk-write-synthetic.html"
        )
      })
  }

  @Test func detailsOfOneMessageComeFromTheTrace() throws {
    let (site, errors) = try build(
      "Bytes {{detail disk-write-synthetic 1 bytes}}, as time {{detail disk-write-synthetic 1 bytes as=duration}}."
    )
    #expect(errors == [])
    #expect(site?.text("en/a.html")?.contains("Bytes 10,240, as time 10.24 µs.") == true)
    #expect(site?.text("vi/a.html")?.contains("Bytes 10.240, as time 10,24 µs.") == true)
    let (_, bad) = try build(
      "{{detail disk-write-synthetic 1 byte}} {{detail disk-write-synthetic 9999 bytes}}")
    #expect(
      bad.contains(
        "Content/lessons/en/a.md:6:1: error: message 1 of 'disk-write-synthetic' has no detail 'byte'; did you mean 'bytes'?"
      ))
    #expect(bad.contains { $0.contains("'9999' is not a message of 'disk-write-synthetic'") })
  }

  @Test func selfChecksUseInlineCountersToo() throws {
    let (site, errors) = try build(
      "```self-check\n- question: How many exits, {{count disk-write-synthetic vmExits}} or more?\n  answer: Exactly {{count disk-write-synthetic vmExits}}.\n```"
    )
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(!page.contains("{{count"))
    let (_, bad) = try build(
      "```self-check\n- question: '{{count disk-write-synthetic vmexit}}'\n  answer: x\n```")
    #expect(bad.contains { $0.contains("unknown counter 'vmexit'; did you mean 'vmExits'?") })
  }
}
