import Testing

@testable import HVSite

/// ```` ```whatif <scenario> <setting>=a,b,c ```` (issue 17 item 4): every variant a real run,
/// a switch that works without script, and positioned errors.
@Suite struct WhatIfDirectiveTests {
  func build(_ body: String) throws -> (site: Site?, errors: [String]) {
    var fixture = try ContentFixture.withScenarios(["disk-write-emulated", "disk-write-synthetic"])
    fixture.addLesson("a", order: 1, title: "A", body: body)
    return (fixture.build().site, fixture.errors())
  }

  @Test func everyVariantIsARunWithItsOwnCounters() throws {
    let (site, errors) = try build("```whatif disk-write-emulated ide-transfer=dma,pio,pio-per-word\n```")
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(page.contains("<figure class=\"hv-whatif\" id=\"whatif-disk-write-emulated-ide-transfer\">"))
    #expect(page.components(separatedBy: "type=\"radio\"").count - 1 == 3)
    #expect(page.contains("id=\"whatif-disk-write-emulated-ide-transfer-1\" checked>"))
    #expect(page.components(separatedBy: "class=\"hv-whatif-panel\"").count - 1 == 3)
    // 13 intercepts per DMA command, one per instruction with PIO, one per word per-word.
    let intercepts = page.components(separatedBy: "data-counter=\"intercepts\"").dropFirst().map {
      $0.components(separatedBy: "</td>").first ?? ""
    }
    #expect(intercepts.count >= 3)
    #expect(intercepts.first?.hasSuffix(">13") == true, "\(intercepts)")
    // Each variant draws its own sequence diagram (one lifeline per partition): three paths.
    var diagrams: [String] = []
    for index in 1...3 {
      let id = "whatif-disk-write-emulated-ide-transfer-\(index)-diagram"
      let start = try #require(page.range(of: "class=\"hv-diagram\" id=\"\(id)\""))
      let end = try #require(page[start.upperBound...].range(of: "</svg>"))
      diagrams.append(
        String(page[start.upperBound..<end.lowerBound]).replacingOccurrences(of: id, with: ""))
    }
    #expect(Set(diagrams).count == 3, "three different paths")
  }

  @Test func mistakesAreReportedWithTheChoices() throws {
    let (_, errors) = try build(
      "```whatif disk-write-emulated ide-transfer=dma,fast\n```\n\n```whatif disk-write-synthetic ide-transfer=dma,pio\n```\n\n```whatif disk-write-emulated host=2012R2\n```\n\n```whatif disk-write-emulated host=2012R2,2016 size=4KiB,8KiB\n```"
    )
    let mine = errors.filter { $0.contains("en/a.md") }
    #expect(mine.count == 4, "\(mine)")
    #expect(mine.contains { $0.contains("'fast' is not a value of ide-transfer") && $0.contains("pio-per-word") })
    #expect(mine.contains { $0.contains("does not apply to 'disk-write-synthetic'") })
    #expect(mine.contains { $0.contains("needs 2 to 6 different values") })
    #expect(mine.contains { $0.contains("changes one setting") })
  }

  /// The emulated-versus-synthetic switch: the same generation 1 VM with and without the
  /// Integration Services (its IDE disk goes through storvsc, or through the emulated controller).
  @Test func integrationServicesSwitchBetweenTheTwoPaths() throws {
    let (site, errors) = try build(
      "```whatif disk-write-emulated integration-services=none,all\n```")
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    let exits = page.components(separatedBy: "data-counter=\"vmExits\"").dropFirst().map {
      $0.components(separatedBy: "</td>").first?.split(separator: ">").last.map(String.init) ?? ""
    }
    #expect(exits.prefix(2) == ["27", "1"], "\(exits)")
    let (_, wrong) = try build(
      "```whatif disk-write-synthetic integration-services=all,none\n```\n\n```whatif disk-write-emulated integration-services=all,some\n```"
    )
    #expect(wrong.contains { $0.contains("SCSI disk needs the VMBus driver") }, "\(wrong)")
    #expect(wrong.contains { $0.contains("'some' is not a value of integration-services") })
  }

  /// How long the guest hangs: a short hang is not noticed, a long one is Lost Communication.
  @Test func theHangLengthIsTheWaitAfterHangGuest() throws {
    var fixture = try ContentFixture.withScenarios(["heartbeat-lost", "disk-write-emulated"])
    fixture.addLesson(
      "a", order: 1, title: "A", body: "```whatif heartbeat-lost hang=1s,10s,60s\n```")
    let errors = fixture.errors()
    #expect(errors == [])
    let page = try #require(fixture.build().site?.text("en/a.html"))
    let packets = page.components(separatedBy: "data-counter=\"ringPackets\"").dropFirst().map {
      $0.components(separatedBy: "</td>").first?.split(separator: ">").last.map(String.init) ?? ""
    }
    let numbers = packets.prefix(3).compactMap { Int($0.filter(\.isNumber)) }
    #expect(numbers.count == 3 && numbers[0] < numbers[1] && numbers[1] < numbers[2], "\(packets)")
    fixture.addLesson(
      "b", order: 2, title: "B", body: "```whatif disk-write-emulated hang=1s,2s\n```")
    #expect(fixture.errors().contains { $0.contains("no hang-guest step followed by a wait") })
  }
}
