import HVHostModel
import HVTrace
import Testing

@testable import HVIntegrationServices
@testable import HVNetwork
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

/// Every ring packet's bytes, laid out as the C structs of Linux `drivers/hv` and
/// `drivers/scsi/storvsc_drv.c` lay them out (issue 17 item 1): sizes and offsets checked against
/// the fact sheet's numbers, and against the ring's own accounting.
@Suite struct WireLayoutTests {
  static func ringPackets(_ trace: Trace) -> [TraceEvent] {
    trace.storedEvents.filter { $0.kind == .ringPacket }
  }

  /// Reads a little-endian integer of `size` bytes at `offset`.
  static func read(_ image: WireImage, _ offset: Int, _ size: Int) -> UInt64 {
    (0..<size).reduce(UInt64(0)) { $0 | UInt64(image.bytes[offset + $1]) << (8 * UInt64($1)) }
  }

  static func offset(_ image: WireImage, _ name: String) -> Int? { image.field(name)?.offset }

  /// Fact sheet §4.2 and §4.4: 16-byte descriptor, 8-byte pipe header, 20-byte icmsg_hdr, 40 bytes
  /// of heartbeat_msg_data, padded to 88 (len8 = 11), plus the 8-byte trailer: 96 on the ring.
  @Test func theHeartbeatPacketIs96BytesOnTheRing() throws {
    let trace = Case.services([Case.wait(seconds: 4)], [.heartbeat]).checked().trace
    let packets = Self.ringPackets(trace).filter { $0.message == "ICMSGTYPE_HEARTBEAT" }
    let request = try #require(packets.first?.wire)
    #expect(request.bytes.count == 96)
    #expect(Self.offset(request, "vmbuspipe_hdr.flags") == 16)
    #expect(Self.offset(request, "icmsg_hdr.icverframe.major") == 24)
    #expect(Self.offset(request, "icmsg_hdr.icmsgtype") == 28)
    #expect(Self.offset(request, "icmsg_hdr.icmsgsize") == 34)
    #expect(Self.offset(request, "icmsg_hdr.status") == 36)
    #expect(Self.offset(request, "icmsg_hdr.ictransaction_id") == 40)
    #expect(Self.offset(request, "icmsg_hdr.icflags") == 41)
    #expect(Self.offset(request, "heartbeat_msg_data.seq_num") == 44)
    #expect(Self.offset(request, "prev_indices") == 88)
    #expect(Self.read(request, 0, 2) == 6, "VM_PKT_DATA_INBAND")
    #expect(Self.read(request, 2, 2) == 2, "offset8: the payload starts at 16")
    #expect(Self.read(request, 4, 2) == 11, "len8: 88 bytes")
    #expect(Self.read(request, 28, 2) == 1, "ICMSGTYPE_HEARTBEAT")
    #expect(Self.read(request, 34, 2) == 40, "icmsgsize")
    #expect(Self.read(request, 41, 1) == 3, "TRANSACTION|REQUEST")
    // The guest answers in the same buffer: seq_num + 1, TRANSACTION|RESPONSE.
    let answer = try #require(packets.dropFirst().first?.wire)
    #expect(answer.bytes.count == 96)
    #expect(Self.read(answer, 44, 8) == Self.read(request, 44, 8) + 1)
    #expect(Self.read(answer, 41, 1) == 5)
    #expect(Self.read(answer, 8, 8) == Self.read(request, 8, 8), "the same trans_id")
  }

  /// `vstor_packet` is 64 bytes (48 without the Windows 8 extension); a 10 KiB write names three
  /// guest pages: 16 + 8 + 8 + 3 × 8 + 64 = 120 bytes, len8 = 15.
  @Test func aSyntheticWriteIsAGPADirectPacketOfLen8Fifteen() throws {
    let trace = Case.synthetic([Case.write(10 * 1024)]).simulation().run([Case.write(10 * 1024)])
    let srb = try #require(
      Self.ringPackets(trace).first { $0.message == "VM_PKT_DATA_USING_GPA_DIRECT" }?.wire)
    #expect(Self.read(srb, 4, 2) == 15)
    #expect(Self.read(srb, 2, 2) == 7, "offset8: 56 bytes of descriptor and range")
    #expect(Self.offset(srb, "vmbus_packet_mpb_array.rangecount") == 20)
    #expect(Self.read(srb, 24, 4) == 10 * 1024, "the range's len")
    let packet = try #require(Self.offset(srb, "vstor_packet.operation"))
    #expect(packet == 56)
    #expect(Self.read(srb, packet, 4) == 3, "VSTOR_OPERATION_EXECUTE_SRB")
    #expect(srb.field("vstor_packet.vm_srb.win8_extension.queue_sort_ey").map { $0.offset + $0.size } == packet + 64)
    #expect(srb.field("vstor_packet.vm_srb.cdb.opcode")?.value == "0x2A (WRITE(10))")
    #expect(srb.bytes.count == 120 + 8)
    let old = Case.synthetic([Case.start, Case.write(4096)], generation: .one, host: .ws2008, state: .off)
    let oldTrace = old.simulation().run(old.steps)
    let oldSRB = try #require(
      Self.ringPackets(oldTrace).last { $0.message == "VM_PKT_DATA_USING_GPA_DIRECT" }?.wire)
    #expect(oldSRB.fields.filter { $0.name.hasPrefix("vstor_packet") }.map(\.size).reduce(0, +) == 48)
  }

  /// Fact sheet §4.9: `hv_do_fcopy` is 36 + 4 + 8 + 4 + 6144 = 6196 bytes.
  @Test func aFileCopyFragmentIs6196BytesOfServiceData() throws {
    let trace = Case.services(
      [Case.copy("/tmp/a.bin", bytes: 10_000)], [.guestServices]
    ).checked().trace
    let write = try #require(
      Self.ringPackets(trace).first { $0.operation == "WRITE_TO_FILE" }?.wire)
    #expect(Self.read(write, 34, 2) == 6196, "icmsgsize")
    #expect(Self.offset(write, "hv_do_fcopy.data") == 16 + 28 + 36 + 4 + 8 + 4)
    #expect(write.field("hv_do_fcopy.data")?.size == 6144)
    let start = try #require(
      Self.ringPackets(trace).first { $0.operation == "START_FILE_COPY" }?.wire)
    #expect(start.field("hv_start_fcopy.file_name")?.value == "'a.bin'")
    #expect(Self.read(start, start.field("hv_start_fcopy.file_name")!.offset, 2) == UInt64(("a" as Unicode.Scalar).value))
  }

  /// KVP: a SET carries the exchange value (4 + 2572 bytes); strings are UTF-16LE with a NUL.
  @Test func aKVPSetCarriesUTF16KeyAndValue() throws {
    let trace = Case.services(
      [Case.kvp(.set, .external, key: "Owner", value: "Web")], [.dataExchange]
    ).checked().trace
    let set = try #require(Self.ringPackets(trace).first { $0.operation == "KVP_OP_SET" }?.wire)
    #expect(Self.read(set, 34, 2) == 2576)
    let key = try #require(set.field("hv_kvp_msg.kvp_set.data.key"))
    #expect(key.size == 512)
    #expect(Array(set.bytes[key.offset..<(key.offset + 12)]) == [79, 0, 119, 0, 110, 0, 101, 0, 114, 0, 0, 0])
    #expect(Self.read(set, set.field("hv_kvp_msg.kvp_set.data.key_size")!.offset, 4) == 12)
  }

  /// NVSP (Linux `hyperv_net.h`): every message is `sizeof(struct nvsp_message)` — 28 bytes
  /// before NVSP 6, 40 from it — after the descriptor; INIT asks for one version (min = max);
  /// a data SEND_RNDIS_PKT names its send section; a receive names page set 0xCAFE and one range
  /// per frame of the frame's size with its RNDIS header.
  @Test(arguments: [HostVersion.ws2012R2, .ws2022])
  func netvscMessagesAreLaidOutAsNVSPStructs(_ host: HostVersion) throws {
    let run = NetworkTests.synthetic(
      [Case.start, NetworkTests.frames(true, 7), NetworkTests.frames(false, 5, 1000)], host: host,
      state: .off)
    let trace = run.simulation().run(run.steps)
    Self.expectTiled(trace)
    let packets = Self.ringPackets(trace)
    let size = host.nvspVersion.messageSize
    let initialize = try #require(packets.first { $0.operation == "NVSP_MSG_TYPE_INIT" }?.wire)
    #expect(Self.offset(initialize, "nvsp_message.hdr.msg_type") == 16)
    #expect(Self.read(initialize, 16, 4) == 1)
    #expect(Self.read(initialize, 20, 4) == UInt64(NVSPVersion.v61.rawValue), "min: the newest first")
    #expect(Self.read(initialize, 24, 4) == UInt64(NVSPVersion.v61.rawValue), "max = min")
    // Before a version is agreed, netvsc's messages have the newest layout's size.
    #expect(initialize.bytes.count == (16 + NVSPVersion.v61.messageSize + 7) / 8 * 8 + 8)
    let config = try #require(
      packets.first { $0.operation == "NVSP_MSG2_TYPE_SEND_NDIS_CONFIG" }?.wire)
    let capability = try #require(Self.offset(config, "nvsp_message.send_ndis_config.capability"))
    // ieee8021q (bit 3); from NVSP 5 sriov (2) and teaming (5); from 6.1 rsc (7).
    #expect(Self.read(config, capability, 8) == (host == .ws2022 ? 0xAC : 0x2C))
    #expect(Self.read(config, Self.offset(config, "nvsp_message.send_ndis_config.mtu")!, 4) == 1514)
    let data = try #require(
      packets.first {
        $0.message == "VM_PKT_DATA_INBAND" && $0.label.contains("frame(s) in send section 0")
      }?.wire)
    #expect(data.bytes.count == (16 + size + 7) / 8 * 8 + 8)
    #expect(Self.read(data, 16, 4) == 107, "NVSP_MSG1_TYPE_SEND_RNDIS_PKT")
    #expect(Self.read(data, 20, 4) == 0, "channel_type RMC_DATA")
    #expect(Self.read(data, 24, 4) == 0, "send section 0")
    #expect(Self.read(data, 28, 4) == UInt64(3 * (1514 + RNDIS.packetHeaderSize)))
    let control = try #require(
      packets.first { $0.label.contains("REMOTE_NDIS_INITIALIZE_MSG") }?.wire)
    #expect(Self.read(control, 20, 4) == 1, "channel_type RMC_CONTROL")
    #expect(Self.read(control, 24, 4) == 0xFFFF_FFFF, "NETVSC_INVALID_INDEX")
    let receive = try #require(
      packets.first { $0.message == "VM_PKT_DATA_USING_XFER_PAGES" }?.wire)
    #expect(Self.read(receive, 16, 2) == 0xCAFE, "xfer_pageset_id")
    #expect(Self.read(receive, 20, 4) == 5, "range_cnt")
    #expect(Self.read(receive, 24, 4) == UInt64(1000 + RNDIS.packetHeaderSize), "byte_count")
    #expect(Self.read(receive, 36, 4) == UInt64(NetVSCBuffers.receiveSectionBytes), "byte_offset of the second")
    #expect(Self.read(receive, 64, 4) == 107, "the NVSP message after the five ranges")
  }

  /// In every run of the sweep, every ring packet's image is exactly what the ring accounted
  /// for, and its fields tile it without gap or overlap.
  @Test(arguments: Case.sweep)
  func everyPacketIsLaidOutWithoutGaps(_ run: Case) {
    Self.expectTiled(run.simulation().run(run.steps))
  }

  /// Every ring packet's image is what the ring accounted for, tiled by its fields.
  static func expectTiled(_ trace: Trace) {
    for event in ringPackets(trace) {
      guard let wire = event.wire else {
        Issue.record("\(event.seq) has no bytes")
        continue
      }
      #expect(.integer(wire.bytes.count) == event.detail("ring_bytes"), "\(event.seq)")
      #expect(.integer(Int(read(wire, 4, 2))) == event.detail("len8"))
      var offset = 0
      for field in wire.fields {
        #expect(field.offset == offset, "\(event.seq) \(field.name)")
        offset = field.offset + field.size
      }
      #expect(offset == wire.bytes.count)
    }
  }

}
