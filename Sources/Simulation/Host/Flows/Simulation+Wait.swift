import HVHostModel
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// The `wait` step.
extension Simulation {
  /// Time passes. With the services running, heartbeats and time samples appear on the way
  /// (``ics.elapse(until:note:then:)``); without time synchronization the guest clock's offset grows,
  /// and the step ends by showing it.
  func wait(_ nanoseconds: Int, then next: @escaping Continuation) {
    let what: (actor: ActorID, text: Phrase)
    switch powerState {
    case .running, .stopping:
      what =
        ics.guestHung ? (.guestKernel, "the guest is hung") : (.guestKernel, "the guest is idle")
    case .saved: what = (.vmms, "the VM is saved; its clock stands still")
    case .off, .starting: what = (.vmms, "the VM is off")
    }
    ics.elapse(
      until: now + nanoseconds,
      note: { length in (what.actor, "\(duration: length) pass; \(what.text)") }
    ) {
      guard self.powerState == .running, !self.ics.ic(.timeSync).isReady else { return next() }
      let offset = self.ics.guestClock.offset(at: self.now)
      self.kernel.emit(
        .stateNote, .guestKernel, .guestKernel,
        "no time synchronization: the guest clock is now \(IntegrationServices.describeOffset(offset))",
        details: [.int("guest_clock_offset_ns", offset)], cost: 0, then: next)
    }
  }
}
