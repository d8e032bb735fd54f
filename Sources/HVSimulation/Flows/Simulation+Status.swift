import HVTrace

/// What the host reports at the end of a run.
extension Simulation {
  /// `Get-VMIntegrationService` at the end of the run, sorted by name as the cmdlet prints it.
  ///
  /// Model assumption until the services have channels (issue 4): an enabled service reports `OK`
  /// when the guest has Integration Services and the VM runs, `No Contact` when the guest has none;
  /// disabled services and services of a VM that is off report an empty status.
  func integrationServiceStatus() -> [IntegrationServiceStatus] {
    configuration.hostVersion.offeredServices
      .sorted { $0.cmdletName < $1.cmdletName }
      .map { service in
        let enabled = configuration.enabledServices.contains(service)
        var status = ""
        if enabled && powerState == .running {
          status = configuration.guestHasIntegrationServices ? "OK" : "No Contact"
        }
        return IntegrationServiceStatus(name: service.cmdletName, enabled: enabled, status: status)
      }
  }

  func vmStatus() -> VMStatus {
    let state = powerState == .running ? "Running" : "Off"
    return VMStatus(
      name: configuration.vmName, state: state,
      details: [
        .int("generation", configuration.generation.rawValue),
        .text("disk", configuration.disk.rawValue),
        .flag("integrationServices", configuration.guestHasIntegrationServices),
      ])
  }

  func traceConfiguration() -> [Detail] {
    var details: [Detail] = [
      .text("host", configuration.hostVersion.rawValue),
      .text("hostName", configuration.hostVersion.displayName),
      .text("diskPath", configuration.usesEmulatedDisk ? "emulated-ide" : "synthetic-vmbus"),
      .text("stringIO", configuration.stringIOTrapping.rawValue),
      .flag("compressedRepeats", configuration.compressRepeats),
    ]
    if let version = vmbusGuest.version { details.append(.text("vmbusVersion", version.description)) }
    if let version = storvsc.protocolVersion {
      details.append(.text("storageProtocol", version.description))
    }
    return details
  }
}
