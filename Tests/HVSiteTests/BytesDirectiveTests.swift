import Testing

@testable import HVSite

/// ```` ```bytes <scenario> message=N ```` (issue 17): a ring packet byte by byte in a lesson,
/// readable without script, with positioned errors for a message that is not a packet.
@Suite struct BytesDirectiveTests {
  func build(_ body: String) throws -> (site: Site?, errors: [String]) {
    var fixture = try ContentFixture.withScenarios(["heartbeat"])
    fixture.addLesson("a", order: 1, title: "A", body: body)
    return (fixture.build().site, fixture.errors())
  }

  @Test func aHeartbeatRequestByteByByte() throws {
    let (site, errors) = try build("```bytes heartbeat message=3\n```")
    #expect(errors == [])
    let page = try #require(site?.text("en/a.html"))
    #expect(page.contains("<figure class=\"hv-bytes hv-bytes-static\" id=\"heartbeat-bytes-3\">"))
    #expect(page.contains("3. ICMSGTYPE_HEARTBEAT — 96 bytes written to the ring, field by field"))
    #expect(page.contains("<code>heartbeat_msg_data.seq_num</code>"))
    // The dump: six rows of 16 bytes, the first one starting with VM_PKT_DATA_INBAND (06 00).
    #expect(page.components(separatedBy: "class=\"hv-bytes-row\"").count - 1 == 6)
    #expect(page.contains("<span class=\"hv-bytes-offset\">0000</span><span class=\"hv-byte hv-field-0 is-first\">06</span>"))
    let vietnamese = try #require(site?.text("vi/a.html"))
    #expect(vietnamese.contains("96 byte ghi vào ring"))
  }

  @Test func aMessageThatIsNotAPacketIsAnErrorWithTheList() throws {
    let (_, errors) = try build("```bytes heartbeat message=1\n```\n\n```bytes heartbeat\n```")
    let mine = errors.filter { $0.contains("lessons/") }
    #expect(mine.count == 4, "\(mine)")  // each error once per language
    #expect(mine.contains { $0.contains("message 1 is") && $0.contains("not a ring-buffer packet") && $0.contains("ring-buffer packets of heartbeat: 3, 9") })
    #expect(mine.contains { $0.contains("'bytes' needs the number of a ring-buffer packet: message=N") })
  }
}
