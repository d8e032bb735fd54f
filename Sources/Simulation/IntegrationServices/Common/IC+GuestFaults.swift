import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// Faults (issue 4): a hung guest, a rescinded channel. A full ring is not a step of its own: it
/// happens when the host keeps writing to a guest that does not read (see ``icHostWrite``).
extension IntegrationServices {
  /// `hang-guest`: the guest OS stops servicing VMBus interrupts. Its virtual processor still
  /// runs, so the host does not notice anything until an answer is missing.
  package func hangGuest(then next: @escaping Continuation) {
    guestHung = true
    kernel.emit(
      .stateNote, .guestKernel, .guestKernel,
      "fault: the guest OS hangs; it no longer services VMBus interrupts (the virtual processor still runs)",
      cost: costs.componentWork, then: next)
  }

  /// `resume-guest`: the guest runs again; every service drains what waited in its ring and
  /// answers it, oldest first (the util callbacks loop until the ring is empty).
  /// - Parameter next: gets the shutdown request the guest accepted while it was hung, if any:
  ///   the guest obeys it now (the power component carries it out).
  package func resumeGuest(then next: @escaping (ShutdownMessage?) -> Void) {
    guestHung = false
    let waiting = IntegrationService.allCases.filter { service in
      guard let relid = ic(service).relid, let ring = bus.ring(relid, fromGuest: false) else {
        return false
      }
      return !ring.isEmpty
    }.sorted { (ic($0).relid ?? 0) < (ic($1).relid ?? 0) }
    kernel.emit(
      .stateNote, .guestKernel, .guestKernel,
      "the guest OS runs again and services VMBus interrupts"
        + (waiting.isEmpty ? "" : "; \(waiting.count) channel(s) have messages waiting"),
      cost: costs.componentWork
    ) {
      self.kernel.run(waiting.map { service in { done in self.drain(service, then: done) } }) {
        // A shutdown request read late is still obeyed: the guest answered it and acts on it.
        next(self.acceptedShutdown)
      }
    }
  }

  /// The guest answers every message queued in `service`'s ring: the util callback loops on
  /// `vmbus_recvpacket()` until the ring is empty. Util channels are read in `HV_CALL_DIRECT` mode
  /// (fact sheet §9.6), so the guest never sets its `interrupt_mask`. The first answer signals the
  /// host, which then drains with its own interrupt masked, so the others do not signal (how the
  /// Windows root reads its rings is not public: model assumption).
  private func drain(_ service: IntegrationService, then next: @escaping Continuation) {
    guard let relid = ic(service).relid, let count = bus.ring(relid, fromGuest: false)?.queued.count
    else { return next() }
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .call, .vmbusGuest, service.guestActor,
            self.guestOS.isWindows
              ? "\(service.windowsServiceName) runs again: \(count) message(s) waited in relid \(relid); it reads them one after another"
              : "\(service.linuxCallback) runs (HV_CALL_DIRECT, no hv_begin_read): \(count) message(s) waited in relid \(relid); it loops on vmbus_recvpacket()",
            details: [.int("relid", Int(relid)), .int("queued", count), .int("interrupt_mask", 0)],
            cost: self.guestOS.isWindows ? self.costs.kernelToUser : self.costs.kernelCall,
            then: done)
        },
        { done in
          self.drainOne(service, hostMasks: true, then: done)
        },
        { done in
          let rest = self.bus.ring(relid, fromGuest: false)?.queued.count ?? 0
          self.kernel.loop(
            rest, "for each further waiting message",
            fastForward: { skipped in self.fastForwardDrain(service, skipped) },
            body: { _, iterationDone in
              self.drainStart = self.kernel.now
              self.drainOne(service, hostMasks: false, then: iterationDone)
            }, then: done)
        },
        { done in
          _ = self.bus.setReaderMask(relid: relid, ringFromGuest: true, draining: false)
          self.kernel.emit(
            .stateNote, service.guestActor, service.guestActor,
            self.guestOS.isWindows
              ? "relid \(relid) is empty: \(self.words.receivePacket) returns no data and the service waits again; the host unmasks its interrupt"
              : "relid \(relid) is empty: \(self.words.receivePacket) returns no data and the callback ends; the host unmasks its interrupt",
            details: [.int("interrupt_mask", 0)], cost: self.costs.componentWork, then: done)
        },
      ], then: next)
  }

  private func drainOne(
    _ service: IntegrationService, hostMasks: Bool, then next: @escaping Continuation
  ) {
    icGuestAnswer(service, handler: guestHandler(for: service)) { _ in
      guard let relid = self.ic(service).relid else { return next() }
      if hostMasks { _ = self.bus.setReaderMask(relid: relid, ringFromGuest: true, draining: true) }
      self.icHostRead(service) { answer in
        guard let answer else { return next() }
        self.hostTakesAnswer(service, answer, then: next)
      }
    }
  }

  /// How the guest answers a message of `service` that it reads late.
  func guestHandler(for service: IntegrationService) -> ICGuestHandler {
    { request, answer in self.answerRequest(service, request, then: answer) }
  }

  /// Skipped drain iterations: their messages are read and answered (the answers pass through the
  /// guest→host ring) and their effects applied, as ``drainOne`` would have.
  private func fastForwardDrain(_ service: IntegrationService, _ count: Int) {
    guard let relid = ic(service).relid else { return }
    let consumed = bus.fastForwardReads(relid, fromGuest: false, count)
    for packet in consumed {
      bus.fastForwardPassThrough(relid, fromGuest: true, packetBytes: packet.ringBytes, count: 1)
    }
    updateIC(service) { $0.unanswered = max(0, $0.unanswered - consumed.count) }
    guard let last = consumed.last, let message = last.payload.ic else { return }
    switch message.payload {
    case .heartbeat(let ping):
      heartbeat.lastAnswer = ping.sequenceNumber + 1
    case .timeSync:
      // Every iteration takes the same time: the skipped ones end at `now`. The last message the
      // guest applies sets the clock (a kernel that only records SAMPLEs applies none of them).
      let span = (kernel.now - drainStart) / (count + 1)
      var applied: (index: Int, sample: TimeSyncMessage)?
      for (index, packet) in consumed.enumerated() {
        guard case .timeSync(let sample) = packet.payload.ic?.payload,
          guestApplies(sample.flag, samplesApplied: timeSync.samplesApplied)
        else { continue }
        if sample.flag == .sample { timeSync.samplesApplied += 1 }
        applied = (index, sample)
      }
      guard let (index, sample) = applied else { break }
      let appliedAt = lastTimeSampleApplied + span * (index + 1)
      let takenAt = Int(sample.parentTime - TimeSyncModel.hostEpochFileTime) * 100
      guestClock.set(offset: sample.usesReferenceTime ? 0 : -(appliedAt - takenAt), at: appliedAt)
    default:
      break
    }
  }

  /// `rescind-channel` of a service: the host withdraws its channel while the VM runs (a fault,
  /// not a setting: the service stays enabled and reports No Contact).
  package func rescindService(_ service: IntegrationService, then next: @escaping Continuation) {
    kernel.log(
      source: ICModel.logSource,
      message: "The \(service.cmdletName) device of '\(vmName)' was removed (channel rescinded).")
    kernel.emit(
      .stateNote, .vmms, .vmms, "fault: the host rescinds the \(service.cmdletName) channel",
      cost: costs.componentWork
    ) { self.withdrawService(service, phase: .rescinded, then: next) }
  }
}
