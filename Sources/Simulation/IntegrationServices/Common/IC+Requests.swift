import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// Request/answer services (shutdown, KVP, VSS, file copy): one transaction at a time, the host
/// waits for the answer up to ``ICModel/hostResponseTimeout``, the guest driver hands the work to
/// its daemon (`hvutil_device_state`), and a late answer is discarded.
extension IntegrationServices {
  /// One request/answer exchange of a service; `done` gets the answer, or nil when the host gave up
  /// (a hung guest) or could not send (a full ring).
  func icRequest(
    _ service: IntegrationService, _ payload: ICPayload, size: Int, _ what: Phrase,
    details: [Detail] = [], handler: @escaping ICGuestHandler,
    then next: @escaping (ICMessage?) -> Void
  ) {
    let type = service.messageType
    let sentAt = kernel.now
    icTransaction(
      service, type: type, payload: payload, size: size, what,
      operation: Self.operation(of: payload), flags: Self.flags(of: payload), details: details,
      handler: { request, answer in
        self.updateIC(service) { $0.utilState = .hostMessageReceived }
        handler(request) { reply in
          self.updateIC(service) { $0.utilState = .ready }
          answer(reply)
        }
      }
    ) { outcome in
      switch outcome {
      case .answered(let answer): next(answer)
      case .blocked: next(nil)
      case .unanswered:
        let requestID = self.ic(service).nextRequestID - 1
        self.updateIC(service) {
          $0.outstanding = ICPendingRequest(requestID: requestID, messageType: type, sentAt: sentAt)
        }
        self.awaitAnswer(service, what: what, sentAt: sentAt) { next(nil) }
      }
    }
  }

  /// The host waits for an answer that does not come; timers keep firing meanwhile.
  private func awaitAnswer(
    _ service: IntegrationService, what: Phrase, sentAt: Int, then next: @escaping Continuation
  ) {
    let timeout = ICModel.hostResponseTimeout
    let actor = service.hostActor
    elapse(
      until: sentAt + timeout,
      note: { length in
        (actor, "\(duration: length) pass: waiting for the guest's answer")
      }
    ) {
      self.updateIC(service) { $0.outstanding?.abandoned = true }
      self.kernel.log(
        source: ICModel.logSource,
        message:
          "'\(self.vmName)' did not answer the \(service.cmdletName) request (\(what)) within \(duration: timeout)."
      )
      self.kernel.emit(
        .stateNote, actor, actor,
        "no answer within \(duration: timeout): the request fails (the message stays in the ring until the guest reads it)",
        cost: self.costs.componentWork, then: next)
    }
  }

  /// Why a request of `service` cannot be sent now, or nil when it can.
  package func unavailability(_ service: IntegrationService) -> Phrase? {
    let state = ic(service)
    guard state.enabled else {
      return service.enabledByDefault
        ? "the \(service.cmdletName) integration service is disabled"
        : "the \(service.cmdletName) integration service is disabled (it is off by default)"
    }
    guard guestHasIntegrationServices else {
      return "the guest has no Integration Services (No Contact)"
    }
    switch state.phase {
    case .ready: break
    case .mismatched:
      return
        "the guest does not speak a compatible \(service.cmdletName) version (Protocol Mismatch)"
    case .rescinded: return "the \(service.cmdletName) channel was rescinded (No Contact)"
    default: return "the guest has not opened the \(service.cmdletName) channel (No Contact)"
    }
    if state.outstanding != nil {
      return
        "an earlier \(service.cmdletName) request is still unanswered (one transaction at a time)"
    }
    return nil
  }

  /// A host operation that fails before anything is sent: a note and a host-log entry.
  package func hostRefuses(
    _ actor: ActorID, _ operation: Phrase, because reason: Phrase, then next: @escaping Continuation
  ) {
    kernel.log(
      source: "Hyper-V-VMMS",
      message: "\(operation) failed for '\(vmName)': \(reason).")
    kernel.emit(
      .stateNote, actor, actor, "\(operation) fails: \(reason); nothing reaches the guest",
      cost: costs.componentWork, then: next)
  }

  /// The guest driver hands a request to its daemon and relays the answer (`hvutil_transport`,
  /// HVUTIL_USERSPACE_REQ → HVUTIL_USERSPACE_RECV): two user↔kernel transitions in the guest.
  ///
  /// On a Windows guest the service is itself in user mode and calls the system: the registry
  /// (KVP) and the file system (file copy) in the kernel, the Volume Shadow Copy service (backup)
  /// in user mode; how each service calls them is not public (**model assumption**).
  func daemonRoundTrip(
    _ service: IntegrationService, _ request: String,
    work: @escaping () -> (label: Phrase, status: ICStatus, details: [Detail], cost: Int),
    then next: @escaping (ICStatus) -> Void
  ) {
    guard let daemon = service.guestHelper(on: guestOS) else { return next(.fail) }
    let windows = guestOS.isWindows
    let helperInKernel = daemon != .vssWriters
    updateIC(service) { $0.utilState = .userspaceRequest }
    let handOff: Phrase =
      windows
      ? "\(request): \(service.windowsServiceName) \(service.windowsHelperCall)"
      : "hand \(request) to \(daemon.actor.name.prefix { $0 != " " }) (HVUTIL_USERSPACE_REQ)"
    let callCost =
      windows ? (helperInKernel ? costs.userToKernel : costs.componentWork) : costs.kernelToUserDispatch
    kernel.emit(.call, service.guestActor, daemon, handOff, cost: callCost) {
      let result = work()
      self.kernel.emit(
        .stateNote, daemon, daemon, result.label, details: result.details, cost: result.cost
      ) {
        self.updateIC(service) { $0.utilState = .userspaceReceive }
        let answer: Phrase =
          windows
          ? "the call returns: \(result.status.text)"
          : "the daemon answers \(result.status.text) (HVUTIL_USERSPACE_RECV)"
        let returnCost =
          windows
          ? (helperInKernel ? self.costs.kernelToUser : self.costs.componentWork)
          : self.costs.userToKernel
        self.kernel.emit(.return, daemon, service.guestActor, answer, cost: returnCost) {
          next(result.status)
        }
      }
    }
  }

  /// The host reads an answer the guest gave after the host stopped waiting, or after the guest
  /// resumed: each service takes what it can from it.
  func hostTakesAnswer(
    _ service: IntegrationService, _ answer: ICMessage, then next: @escaping Continuation
  ) {
    switch answer.header.messageType {
    case .negotiate:
      guard case .negotiate(let data) = answer.payload else { return next() }
      negotiated(service, data, then: next)
    case .heartbeat: heartbeatAnswered(answer, then: next)
    case .timeSync:
      updateIC(service) { $0.unanswered = max(0, $0.unanswered - 1) }
      next()
    default:
      let request = ic(service).outstanding
      updateIC(service) { $0.outstanding = nil }
      guard let request, request.abandoned else { return next() }
      kernel.emit(
        .stateNote, service.hostActor, service.hostActor,
        "a late answer to trans_id \(request.requestID) (\(answer.header.status.identifier)): the host gave up on it, the answer is discarded",
        cost: costs.componentWork, then: next)
    }
  }
}
