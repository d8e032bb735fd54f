import HVHostModel
import HVTestSupport
import Testing

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

@Suite struct KernelTests {
  @Test func schedulerOrdersByTimeThenBySchedulingOrder() {
    let scheduler = Scheduler()
    var log: [String] = []
    scheduler.schedule(at: 20) { log.append("b") }
    scheduler.schedule(at: 10) { log.append("a1") }
    scheduler.schedule(at: 10) {
      log.append("a2")
      scheduler.schedule(at: 10) { log.append("a3") }
    }
    scheduler.schedule(at: 30) { log.append("c") }
    scheduler.runUntilIdle()
    #expect(log == ["a1", "a2", "a3", "b", "c"])
    #expect(scheduler.now == 30)
    #expect(scheduler.executedActions == 5)
  }

  @Test func schedulerAdvancesOnlyOverEmptyTime() {
    let scheduler = Scheduler()
    scheduler.advance(by: 100)
    #expect(scheduler.now == 100)
    scheduler.resetClock()
    #expect(scheduler.now == 0)
  }

  @Test func splitMix64MatchesTheReferenceSequence() {
    // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    var generator = SplitMix64(seed: 0)
    let values = (0..<3).map { _ in generator.next() }
    #expect(values == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
  }

  @Test func boundedDrawsStayInRangeAndAreReproducible() {
    var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
    var seen = Set<Int>()
    for _ in 0..<2000 {
      let x = a.next(in: -3...3), y = b.next(in: -3...3)
      #expect(x == y)
      #expect((-3...3).contains(x))
      seen.insert(x)
    }
    #expect(seen.count == 7)
    let zero = a.next(below: 1)
    #expect(zero == 0)
  }

  @Test func componentStreamsAreIndependent() {
    var vmbus = SplitMix64.component("vmbus", seed: 1)
    var disk = SplitMix64.component("disk", seed: 1)
    var again = SplitMix64.component("vmbus", seed: 1)
    let first = vmbus.next(), other = disk.next(), repeated = again.next()
    #expect(first != other)
    #expect(first == repeated)
    #expect(
      SplitMix64.component("vmbus", seed: 2).hashValue
        != SplitMix64.component("vmbus", seed: 1).hashValue)
  }

  @Test func guidsFormatCanonically() {
    let scsi = VMBusDeviceClass.scsi.classID
    #expect(scsi.description == "ba6163d9-04a1-4d29-b605-72e2ffb1dc7f")
    let random = GUID.random(using: RandomStream(component: "guid-test", seed: 9))
    let text = random.description
    #expect(text.count == 36)
    #expect(Array(text)[14] == "4")
    #expect(GUID(text) == random)
  }

  @Test func wireValuesFollowTheFactSheet() {
    #expect(ChannelMessageType.offerChannel.rawValue == 1)
    #expect(ChannelMessageType.initiateContact.rawValue == 14)
    #expect(ChannelMessageType.modifyChannelResponse.rawValue == 24)
    #expect(ChannelMessageType.gpadlHeader.identifier == "CHANNELMSG_GPADL_HEADER")
    #expect(HypercallCode.postMessage.rawValue == 0x005C)
    #expect(HypercallCode.signalEvent.rawValue == 0x005D)
    #expect(HypercallCode.assertVirtualInterrupt.rawValue == 0x0094)
    #expect(HypervisorMessageType.x64IoPortIntercept.rawValue == 0x8001_0000)
    #expect(VMBusPacketType.dataUsingGPADirect.rawValue == 0x9)
    #expect(VMBusPacketType.completion.identifier == "VM_PKT_COMP")
    #expect(VMBusVersion.win8_1.wireValue == 0x0003_0000)
    #expect(VStorOperation.executeSRB.rawValue == 3)
    #expect(StorageProtocolVersion.win8_1.wireValue == 0x0600)
    #expect(SyntheticMSR.sint2.rawValue == 0x4000_0092)
  }
}
