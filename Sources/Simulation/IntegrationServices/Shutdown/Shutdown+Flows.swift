import HVHostModel
import HVSimKernel
import HVTrace

/// The Shutdown service's flows (fact sheet §4.5): the host's request and the guest's answer.
/// What the guest then does (an orderly shutdown, the ACPI power-off) is the power component's.
extension IntegrationServices {
  /// The host's `ICMSGTYPE_SHUTDOWN` request for `request` and the guest's answer (nil when the
  /// host could not send or gave up waiting).
  package func requestShutdown(
    _ message: ShutdownMessage, _ request: ShutdownRequest,
    then next: @escaping (ICMessage?) -> Void
  ) {
    let flags = DetailValue.hexString(UInt64(message.flags), digits: 1)
    icRequest(
      .shutdown, .shutdown(message), size: ShutdownMessage.size,
      request.force
        ? "flags \(flags) (\(request.mode.verb), force)" : "flags \(flags) (\(request.mode.verb))",
      details: [
        .hex("flags", UInt64(message.flags), digits: 1),
        .int("reason_code", Int(message.reasonCode)),
        .int("timeout_seconds", Int(message.timeoutSeconds)),
      ],
      handler: { request, answer in self.answerShutdown(request, then: answer) }, then: next)
  }

  /// `shutdown_onchannelcallback`: validate the flags, set the status, answer first.
  func answerShutdown(_ request: ICMessage, then answer: @escaping (ICMessage) -> Void) {
    guard case .shutdown(let message) = request.payload else {
      return answer(request.response(status: .fail))
    }
    let status: ICStatus = message.mode == nil ? .fail : .ok
    let what: Phrase =
      message.mode.map { mode -> Phrase in
        message.isForced ? "\(mode.verb), force" : mode.verb
      } ?? "unknown flags"
    // Remembered so that a request read late (after `resume-guest`) is still obeyed.
    if status == .ok, acceptedShutdown == nil, powerState == .running { acceptedShutdown = message }
    kernel.emit(
      .stateNote, .shutdownGuest, .shutdownGuest,
      "flags \(DetailValue.hexString(UInt64(message.flags), digits: 1)) = \(what): answer \(status.identifier) first, then act",
      cost: costs.icHandling
    ) { answer(request.response(status: status)) }
  }

  /// The guest goes away: the accepted request is being carried out and the host's periodic
  /// traffic stops.
  package func guestShutsDown() {
    acceptedShutdown = nil
    stopServiceTimers()
  }

  /// The host stops its periodic traffic (a guest that is going away answers no more).
  package func stopServiceTimers() {
    updateIC(.heartbeat) { $0.nextDue = nil }
    updateIC(.timeSync) { $0.nextDue = nil }
    heartbeat.deadline = nil
  }
}
