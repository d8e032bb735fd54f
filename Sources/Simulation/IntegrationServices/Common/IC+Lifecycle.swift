import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// The Integration Services' channels: offered like any VMBus device, opened by the guest's
/// `hv_utils` driver, started with `ICMSGTYPE_NEGOTIATE` (fact sheet §3.2, §4.3).
extension IntegrationServices {
  /// After the storage channel: the guest probes and opens every offered service, relid order.
  package func openIntegrationServices(then next: @escaping Continuation) {
    let offered = IntegrationService.allCases.filter { ic($0).phase == .offered }
      .sorted { (ic($0).relid ?? 0) < (ic($1).relid ?? 0) }
    kernel.run(
      offered.map { service in { done in self.probeAndOpen(service, then: done) } }, then: next)
  }

  /// `util_probe`: the offer's class GUID binds the service's driver, which opens the channel with
  /// 4-page rings, after which the host negotiates. A Linux guest refuses VSS below VMBus 3.0
  /// (`hv_vss_init`), leaving that channel unopened.
  func probeAndOpen(_ service: IntegrationService, then next: @escaping Continuation) {
    guard let relid = ic(service).relid else { return next() }
    let device = service.deviceClass
    let actor = service.guestActor
    kernel.emit(
      .call, .vmbusGuest, actor,
      "probe: class {\(device.classID)} (\(device.displayName)) \(words.icProbe(service))",
      details: [.int("relid", Int(relid)), .text("if_type", device.classID.description)],
      cost: guestOS.isWindows ? costs.kernelToUser : costs.kernelCall
    ) {
      // `hv_vss_init` is Linux's rule; a Windows guest opens the channel on any host.
      if service == .backup, !self.guestOS.isWindows, let version = self.bus.negotiatedVersion,
        version < .win8_1
      {
        self.kernel.emit(
          .stateNote, actor, actor,
          "hv_vss_init: 'Backup (volume snapshot)' is not supported on this host version (VMBus \(version) < 3.0); the channel stays closed",
          cost: self.costs.componentWork, then: next)
        return
      }
      self.bus.bindDriver(relid: relid)
      let pages = ICModel.ringPages
      self.kernel.emit(
        .call, actor, .vmbusGuest,
        "\(self.words.openChannel): \(pages)-page send and receive rings (\((pages - 1) * 4) KiB of data each)",
        details: [.int("relid", Int(relid)), .int("ring_pages", pages)],
        cost: self.guestOS.isWindows ? self.costs.userToKernel : self.costs.kernelCall
      ) {
        self.bus.openChannel(relid: relid, ringPages: pages) {
          self.updateIC(service) { $0.phase = .negotiating }
          self.negotiate(service, then: next)
        }
      }
    }
  }

  /// The host's `ICMSGTYPE_NEGOTIATE` and the guest's choice (fact sheet §4.3).
  func negotiate(_ service: IntegrationService, then next: @escaping Continuation) {
    let host = hostVersion
    let offered = service.hostNegotiation(host)
    let list = { (versions: [ICVersion]) in versions.map(\.description).joined(separator: ", ") }
    icTransaction(
      service, type: .negotiate, payload: .negotiate(offered), size: offered.size,
      "framework \(list(offered.frameworkVersions)); \(service.cmdletName) \(list(offered.messageVersions))",
      details: [
        .int("icframe_vercnt", offered.frameworkVersions.count),
        .int("icmsg_vercnt", offered.messageVersions.count),
        .text(
          "icversion_data", list(offered.frameworkVersions) + " | " + list(offered.messageVersions)),
      ],
      handler: { request, answer in self.answerNegotiate(service, request, then: answer) }
    ) { outcome in
      guard case .answered(let answer) = outcome, case .negotiate(let data) = answer.payload else {
        return next()
      }
      self.negotiated(service, data, then: next)
    }
  }

  /// The guest's `vmbus_prep_negotiate_resp`: its own lists, highest first, against the host's.
  func answerNegotiate(
    _ service: IntegrationService, _ request: ICMessage, then answer: @escaping (ICMessage) -> Void
  ) {
    guard case .negotiate(let offered) = request.payload else {
      return answer(request.response(status: .fail))
    }
    let guestVersions = guestServiceVersions[service] ?? service.guestServiceVersions
    let list = { (versions: [ICVersion]) in versions.map(\.description).joined(separator: ", ") }
    let choice = ICNegotiation.guestChoice(
      offered: offered, guestFrameworks: service.guestFrameworkVersions,
      guestServiceVersions: guestVersions)
    let data =
      choice.map {
        ICNegotiateData(frameworkVersions: [$0.framework], messageVersions: [$0.service])
      }
      ?? ICNegotiateData(frameworkVersions: [], messageVersions: [])
    let label: Phrase =
      choice.map { choice -> Phrase in
        let choice = choice
        return "\(words.negotiateResponse): framework \(choice.framework), \(service.cmdletName) \(choice.service) (icframe_vercnt = icmsg_vercnt = 1)"
      }
      ?? "\(words.negotiateResponse): no common version (the guest knows \(list(guestVersions))): both counts 0"
    kernel.emit(.stateNote, service.guestActor, service.guestActor, label, cost: costs.icHandling) {
      answer(request.response(status: .ok, payload: .negotiate(data), messageSize: data.size))
    }
  }

  func negotiated(
    _ service: IntegrationService, _ data: ICNegotiateData, then next: @escaping Continuation
  ) {
    guard let framework = data.frameworkVersions.first, let version = data.messageVersions.first
    else {
      updateIC(service) { $0.phase = .mismatched }
      kernel.log(
        source: ICModel.logSource,
        message:
          "'\(vmName)': the guest does not support a compatible version of the \(service.cmdletName) integration service (Protocol Mismatch)."
      )
      kernel.emit(
        .stateNote, service.hostActor, service.hostActor,
        "no common version: \(service.cmdletName) reports Non-Recoverable Error (Protocol Mismatch)",
        cost: costs.componentWork, then: next)
      return
    }
    updateIC(service) {
      $0.phase = .ready
      $0.framework = framework
      $0.version = version
      $0.utilState = .ready
    }
    startService(service)
    next()
  }

  /// Arms the periodic traffic of a service that just became ready: the first heartbeat and the
  /// time service's SYNC go out at the next safe point.
  func startService(_ service: IntegrationService) {
    switch service {
    case .heartbeat:
      updateIC(service) { $0.nextDue = kernel.now }
    case .timeSync:
      timeSync.sendSyncNext = true
      updateIC(service) { $0.nextDue = kernel.now }
    default:
      break
    }
  }

  /// The host takes a service's channel away (a disabled service, a rescind fault): RESCIND →
  /// RELID_RELEASED, and the guest side stops (`HVUTIL_DEVICE_DYING`).
  func withdrawService(
    _ service: IntegrationService, phase: ICChannelPhase, then next: @escaping Continuation
  ) {
    guard let relid = ic(service).relid, !bus.channel(relid).rescinded else {
      updateIC(service) { $0.phase = phase }
      return next()
    }
    // The host decides first: no more requests on this channel from now on.
    updateIC(service) {
      $0.phase = phase
      $0.nextDue = nil
      $0.outstanding = nil
      $0.blocked = nil
      $0.unanswered = 0
    }
    if service == .heartbeat {
      heartbeat.deadline = nil
      heartbeat.missed = 0
      heartbeat.status = .noContact
    }
    bus.rescindChannel(relid: relid) {
      self.updateIC(service) {
        $0.relid = nil
        $0.utilState = .dying
      }
      self.kernel.emit(
        .stateNote, service.guestActor, service.guestActor,
        "\(service.cmdletName) stops in the guest (HVUTIL_DEVICE_DYING)",
        cost: self.costs.componentWork,
        then: next)
    }
  }

  /// True when the host can offer channels right now.
  var canOfferChannels: Bool {
    powerState == .running && guestHasIntegrationServices
      && bus.isConnected
  }

  /// `Enable-VMIntegrationService`: with the VM running the host offers the channel and the guest
  /// opens it; a rescinded service comes back the same way.
  package func enableService(_ service: IntegrationService, then next: @escaping Continuation) {
    let name = service.cmdletName
    let state = ic(service)
    let returning = state.enabled && state.phase == .rescinded
    guard !state.enabled || returning else {
      return kernel.emit(
        .stateNote, .vmms, .vmms, "Enable-VMIntegrationService '\(name)': already enabled",
        cost: costs.componentWork, then: next)
    }
    updateIC(service) { $0.enabled = true }
    kernel.log(
      source: "Hyper-V-VMMS",
      message: "Integration service '\(name)' of '\(vmName)' was enabled.")
    kernel.emit(
      .stateNote, .vmms, .vmms, "Enable-VMIntegrationService -VMName \(vmName) -Name '\(name)'",
      cost: costs.componentWork
    ) {
      guard self.canOfferChannels else { return next() }
      self.offerChannel(service) { self.probeAndOpen(service, then: next) }
    }
  }

  /// `Disable-VMIntegrationService`: the host rescinds the channel; the guest side stops.
  package func disableService(_ service: IntegrationService, then next: @escaping Continuation) {
    let name = service.cmdletName
    guard ic(service).enabled else {
      return kernel.emit(
        .stateNote, .vmms, .vmms, "Disable-VMIntegrationService '\(name)': already disabled",
        cost: costs.componentWork, then: next)
    }
    updateIC(service) { $0.enabled = false }
    kernel.log(
      source: "Hyper-V-VMMS",
      message: "Integration service '\(name)' of '\(vmName)' was disabled.")
    kernel.emit(
      .stateNote, .vmms, .vmms, "Disable-VMIntegrationService -VMName \(vmName) -Name '\(name)'",
      cost: costs.componentWork
    ) { self.withdrawService(service, phase: .notOffered, then: next) }
  }
}
