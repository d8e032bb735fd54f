import HVHostModel
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// What the host reports: `Get-VMIntegrationService` and `Get-VM`, at the end of a run and on
/// demand (the `status` step).
extension Simulation {
  /// `Get-VMIntegrationService`, sorted by name as the cmdlet prints it (fact sheet §4.10).
  ///
  /// Model of `PrimaryStatusDescription`:
  /// - VM not running (off, saved): empty;
  /// - disabled: `OK`, as in the documentation's sample output ([MIS]: "Guest Service Interface
  ///   False OK");
  /// - enabled but no negotiated channel (a guest without Integration Services, a channel the
  ///   guest did not open, a rescinded one): `No Contact`;
  /// - NEGOTIATE without a common version: `Non-Recoverable Error`, secondary `Protocol Mismatch`;
  /// - a guest that negotiated an older version than the host's newest: `Degraded` ([WMI-HB]);
  /// - the heartbeat: its own status (No Contact, OK, Lost Communication), secondary `OK` while OK.
  func integrationServiceStatus() -> [IntegrationServiceStatus] {
    configuration.hostVersion.offeredServices
      .sorted { $0.cmdletName < $1.cmdletName }
      .map { service in
        let state = ics.ic(service)
        let (status, secondary) = primaryStatus(service)
        return IntegrationServiceStatus(
          name: service.cmdletName, enabled: state.enabled, status: status,
          secondaryStatus: secondary)
      }
  }

  private func primaryStatus(_ service: IntegrationService) -> (String, String) {
    let state = ics.ic(service)
    guard powerState == .running || powerState == .stopping else { return ("", "") }
    guard state.enabled else { return ("OK", "") }
    switch state.phase {
    case .ready:
      if service == .heartbeat {
        return (ics.heartbeat.status.rawValue, ics.heartbeat.status == .ok ? "OK" : "")
      }
      let newest = service.hostServiceVersions(configuration.hostVersion).first
      if let version = state.version, let newest, version < newest { return ("Degraded", "") }
      return ("OK", "")
    case .mismatched:
      return ("Non-Recoverable Error", "Protocol Mismatch")
    case .notOffered, .offered, .negotiating, .rescinded:
      return ("No Contact", "")
    }
  }

  func vmStatus() -> VMStatus {
    let state: String
    switch powerState {
    case .running, .stopping: state = "Running"
    case .saved: state = "Saved"
    case .off, .starting: state = "Off"
    }
    var details: [Detail] = [
      .int("generation", configuration.generation.rawValue),
      .text("disk", configuration.disk.rawValue),
      .flag("integrationServices", configuration.guestHasIntegrationServices),
    ]
    if powerState == .running || powerState == .saved {
      details.append(.int("guestClockOffsetNanoseconds", ics.guestClock.offset(at: now)))
    }
    if ics.guestHung { details.append(.flag("guestHung", true)) }
    return VMStatus(name: configuration.vmName, state: state, details: details)
  }

  func traceConfiguration() -> [Detail] {
    // The IDE transfer mode only where there is an IDE controller (generation 1).
    let ideTransfer: [Detail] =
      configuration.generation == .one
      ? [.text("ideTransfer", configuration.ideTransfer.rawValue)] : []
    var details: [Detail] =
      [
        .text("host", configuration.hostVersion.rawValue),
        .text("hostName", configuration.hostVersion.displayName),
        .text("diskPath", configuration.usesEmulatedDisk ? "emulated-ide" : "synthetic-vmbus"),
      ] + ideTransfer + [
        .text("guest", configuration.guest.description),
        .flag("compressedRepeats", configuration.compressRepeats),
      ]
    if let version = vmbusGuest.version {
      details.append(.text("vmbusVersion", version.description))
    }
    if let version = storvsc.protocolVersion {
      details.append(.text("storageProtocol", version.description))
    }
    let negotiated = IntegrationService.allCases.compactMap { service -> String? in
      ics.ic(service).version.map { "\(service.rawValue) \($0)" }
    }
    if !negotiated.isEmpty {
      details.append(.text("icVersions", negotiated.joined(separator: ", ")))
    }
    return details
  }

  /// The `status` step: what `Get-VM` and `Get-VMIntegrationService` print now.
  func reportStatus(then next: @escaping Continuation) {
    let vm = vmStatus()
    let rows = integrationServiceStatus().map { row -> Detail in
      var text = "\(row.enabled ? "True" : "False") \(row.status)"
      if !row.secondaryStatus.isEmpty { text += " / \(row.secondaryStatus)" }
      return .text(row.name, text)
    }
    kernel.emit(
      .stateNote, .vmms, .vmms,
      "Get-VM '\(configuration.vmName)': \(vm.state); Get-VMIntegrationService lists \(rows.count) services",
      details: [.text("State", vm.state)] + rows, cost: costs.componentWork, then: next)
  }
}
