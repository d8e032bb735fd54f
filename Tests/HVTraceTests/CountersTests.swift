import Testing

@testable import HVTrace

@Suite struct CountersTests {
  @Test func namesFollowTheContractOrder() {
    #expect(
      Counters.names == [
        "vmExits", "hypercalls", "intercepts", "contextSwitches", "interrupts", "vmbusMessages",
        "ringPackets", "bytesCopied", "simulatedNanoseconds",
      ])
    #expect(Counters().named.map(\.name) == Counters.names)
  }

  @Test func eachKindHasItsDocumentedContribution() {
    #expect(EventKind.hypercall.contribution.vmExits == 1)
    #expect(EventKind.hypercall.contribution.hypercalls == 1)
    #expect(EventKind.vmExit.contribution.vmExits == 1)
    #expect(EventKind.vmExit.contribution.intercepts == 1)
    #expect(EventKind.vmExit.contribution.hypercalls == 0)
    #expect(EventKind.vmbusMessage.contribution.vmbusMessages == 1)
    #expect(EventKind.vmbusMessage.contribution.interrupts == 1)
    #expect(EventKind.interceptMessage.contribution.interrupts == 1)
    #expect(EventKind.ringPacket.contribution.ringPackets == 1)
    for kind in [EventKind.call, .return, .vmEntry, .stateNote, .logNote] {
      #expect(kind.contribution == Counters())
    }
  }

  @Test func repeatGroupsMultiplyExactly() {
    let trace = Fixtures.recorded()
    let totals = trace.totals
    // call 100 + 3 × (exit 10 + 2 × intercept 5 + hypercall 20) + return 50
    #expect(totals.simulatedNanoseconds == 100 + 3 * (10 + 2 * 5 + 20) + 50)
    #expect(totals.vmExits == 3 * 2)
    #expect(totals.intercepts == 3)
    #expect(totals.hypercalls == 3)
    #expect(totals.interrupts == 3 * 2)
    #expect(totals.bytesCopied == 3 * 2)
    // app (child/user) → driver (child/kernel) and back: two context switches.
    #expect(totals.contextSwitches == 2)
    #expect(trace.steps[0].totals == totals)
  }

  @Test func lookupByName() {
    var counters = Counters()
    counters.ringPackets = 4
    #expect(counters["ringPackets"] == 4)
    #expect(counters["nope"] == nil)
  }

  @Test func contextSwitchNeedsOnePartitionAndBothModes() {
    let user = Actor(id: "u", name: "u", partition: .root, mode: .user)
    let kernel = Actor(id: "k", name: "k", partition: .root, mode: .kernel)
    let guestKernel = Actor(id: "g", name: "g", partition: .child, mode: .kernel)
    #expect(Actor.isContextSwitch(from: user, to: kernel))
    #expect(Actor.isContextSwitch(from: kernel, to: user))
    #expect(!Actor.isContextSwitch(from: kernel, to: kernel))
    #expect(!Actor.isContextSwitch(from: user, to: guestKernel))
  }
}
