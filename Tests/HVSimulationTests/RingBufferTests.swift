import HVHostModel
import Testing

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

@Suite struct RingBufferTests {
  func packet(_ payload: Int, id: UInt64 = 1) -> VMBusPacket {
    VMBusPacket(
      type: .dataInband, flags: VMBusPacket.completionRequested, transactionID: id,
      payloadLength: payload, payload: .opaque)
  }

  @Test func packetsAreAlignedAndCarryATrailer() {
    #expect(packet(64).alignedLength == 80)
    #expect(packet(64).ringBytes == 88)
    #expect(packet(61).alignedLength == 80)
    let gpa = VMBusPacket(
      type: .dataUsingGPADirect, flags: 1, transactionID: 1, pfnCount: 3, payloadLength: 64,
      payload: .opaque)
    #expect(gpa.headerLength == 56)
    #expect(gpa.ringBytes == 128)
  }

  @Test func freeSpaceFollowsTheLinuxFormulas() {
    var ring = RingBuffer(pages: 2)  // 4096 data bytes
    #expect(ring.dataSize == 4096)
    #expect(ring.bytesToRead == 0 && ring.bytesToWrite == 4096)
    _ = ring.write(packet(64))
    #expect(ring.bytesToRead == 88 && ring.bytesToWrite == 4096 - 88)
    _ = ring.read()
    #expect(ring.isEmpty)
    #expect(ring.invariantViolations(name: "r").isEmpty)
  }

  @Test func writesWrapAroundTheEnd() {
    var ring = RingBuffer(pages: 2, startOffset: 4096 - 40)
    let result = ring.write(packet(64))
    #expect(result?.wrapped == true)
    #expect(result?.oldWriteIndex == 4056)
    #expect(result?.newWriteIndex == 48)
    #expect(ring.bytesToRead == 88)
    #expect(ring.invariantViolations(name: "r").isEmpty)
    let read = ring.read()
    #expect(read?.newReadIndex == 48)
    #expect(ring.isEmpty)
  }

  @Test func aFullRingRefusesAndNeverLooksEmpty() {
    var ring = RingBuffer(pages: 2)
    var written = 0
    while ring.write(packet(64, id: UInt64(written))) != nil { written += 1 }
    // 4096 / 88 = 46 packets would leave 48 bytes; a write needs strictly more room than it uses.
    #expect(written == 46)
    #expect(ring.bytesToWrite == 4096 - 46 * 88)
    #expect(!ring.isEmpty)
    #expect(ring.invariantViolations(name: "r").isEmpty)
  }

  @Test func signalOnlyOnEmptyToNonEmptyWithTheMaskClear() {
    var ring = RingBuffer(pages: 4)
    let first = ring.write(packet(64)), second = ring.write(packet(64))
    #expect(first?.signal == true)
    #expect(second?.signal == false)
    _ = ring.read()
    _ = ring.read()
    ring.beginRead()
    let masked = ring.write(packet(64))
    #expect(masked?.signal == false)
    #expect(masked?.readerMask == 1)
    let left = ring.endRead()
    #expect(left == 88)
    _ = ring.read()
    let again = ring.write(packet(64))
    #expect(again?.signal == true)
  }

  @Test func pendingSendSizeWakesTheWriterOnceEnoughIsFree() {
    var ring = RingBuffer(pages: 2)
    while ring.write(packet(64)) != nil {}
    ring.requestSpace(200)
    // Free now 48; each read frees 88: 136 (not enough), then 224 (crosses 200: signal).
    let reads = (0..<3).map { _ in ring.read()?.signalWriter }
    #expect(reads == [false, true, false])
  }

  @Test func fastForwardMatchesRealWrites() {
    var real = RingBuffer(pages: 3, startOffset: 8000)
    var fast = real
    let packets = (1...30).map { packet(100, id: UInt64($0)) }
    for p in packets { _ = real.write(p) }
    fast.fastForwardWrites(packets)
    #expect(real == fast)
    for _ in 0..<20 { _ = real.read() }
    fast.fastForwardReads(20)
    #expect(real == fast)
    var through = RingBuffer(pages: 3, startOffset: 8000)
    var stepped = through
    through.fastForwardPassThrough(packetBytes: packet(100).ringBytes, count: 100)
    for index in 0..<100 {
      _ = stepped.write(packet(100, id: UInt64(index)))
      _ = stepped.read()
    }
    #expect(through.writeIndex == stepped.writeIndex && through.readIndex == stepped.readIndex)
    #expect(through.totalBytesWritten == stepped.totalBytesWritten)
  }
}

@Suite struct GPADLAndSynICTests {
  @Test func gpadlSplitsPFNsOverMessagesOf240Bytes() {
    #expect(GPADL.pfnsInHeader == 26)
    #expect(GPADL.pfnsPerBody == 28)
    let small = GPADL(handle: GPADL.firstHandle, relid: 1, pageCount: 20, firstPFN: 0)
    #expect(small.headerPFNs == 20 && small.bodyPFNs.isEmpty)
    let rings = GPADL(handle: GPADL.firstHandle, relid: 1, pageCount: 512, firstPFN: 0)
    #expect(rings.headerPFNs == 26)
    #expect(rings.bodyPFNs == Array(repeating: 28, count: 17) + [10])
    #expect(GPADL.firstHandle == 0xE1E10)
  }

  @Test func synicQueuesAtMostSixteenBehindTheSlot() {
    var synic = SynIC()
    #expect(SynIC.sintCount == 16)
    var accepted = 0
    for _ in 0..<18 where synic.post(1, to: 2) { accepted += 1 }
    #expect(accepted == 17)
    let consumed = synic.consume(2)
    #expect(consumed?.needsEOM == true)
    let first = synic.setEvent(5, sint: 2), second = synic.setEvent(5, sint: 2)
    #expect(first && !second)
    synic.clearEvent(5, sint: 2)
    #expect(!synic.isEventSet(5, sint: 2))
    let last = synic.setEvent(2047, sint: 15)
    #expect(last)
  }
}
