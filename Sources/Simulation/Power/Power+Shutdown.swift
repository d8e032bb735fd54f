import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// `Stop-VM` through the Shutdown service (fact sheet §4.5): the host sends the shutdown message,
/// the guest answers first, then shuts down in order and powers off. Without the service the host
/// cannot ask: Stop-VM can only turn the VM off.
extension Power {
  package func shutdown(_ request: ShutdownRequest, then next: @escaping Continuation) {
    let name = vmName
    let command: Phrase
    let force = request.force ? " -Force" : ""
    switch request.mode {
    case .shutdown: command = .verbatim("Stop-VM '\(name)'\(force)")
    case .reboot: command = .verbatim("Restart-VM '\(name)' -Type Reboot\(force)")
    case .hibernate: command = "the host asks '\(name)' to hibernate"
    }
    kernel.emit(.stateNote, .vmms, .vmms, command, cost: costs.componentWork) {
      if let reason = self.ics.unavailability(.shutdown) {
        self.shutdownWithoutService(request, reason: reason, then: next)
        return
      }
      let version = self.ics.ic(.shutdown).version ?? ICVersion(1, 0)
      guard version >= request.mode.minimumVersion else {
        self.ics.hostRefuses(
          .vmms, command,
          because:
            "the guest's Shutdown service speaks version \(version); a \(request.mode.rawValue) request needs \(request.mode.minimumVersion)",
          then: next)
        return
      }
      self.askGuestToShutDown(request, then: next)
    }
  }

  private func askGuestToShutDown(_ request: ShutdownRequest, then next: @escaping Continuation) {
    let message = ShutdownMessage(mode: request.mode, force: request.force)
    kernel.emit(
      .call, .vmms, .shutdownHost,
      "ask the guest to \(request.mode.verb)" + (request.force ? " (force)" : ""),
      cost: costs.componentWork
    ) {
      self.ics.requestShutdown(message, request) { answer in
        guard let answer else { return next() }
        guard answer.header.status == .ok, let mode = message.mode else {
          return self.ics.hostRefuses(
            .shutdownHost, "the \(request.mode.rawValue) request",
            because: "the guest answered \(answer.header.status.text)", then: next)
        }
        self.guestPowersDown(mode: mode, forced: message.isForced, then: next)
      }
    }
  }

  /// The guest acts on an accepted request: an orderly shutdown (or hibernation, which unloads VMBus), an
  /// ACPI power-off that traps to the worker process; a reboot powers on again.
  func guestPowersDown(mode: ShutdownMode, forced: Bool, then next: @escaping Continuation) {
    ics.guestShutsDown()
    state = .stopping
    let work: (label: Phrase, cost: Int)
    switch mode {
    case .hibernate:
      work = (words.hibernate, costs.guestHibernate)
    default:
      work =
        forced
        ? (words.forcedShutdown, costs.guestForcedShutdown)
        : (words.orderlyShutdown, costs.guestShutdown)
    }
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .guestKernel, .guestKernel, work.label, cost: work.cost, then: done)
        },
        { done in
          // Linux sends CHANNELMSG_UNLOAD only on kexec, crash and hibernation
          // (`hv_kexec_handler`, `hv_crash_handler`, `vmbus_bus_suspend`), never on an orderly
          // power-off or reboot (fact sheet §9.4): the channels go when the partition goes.
          // Whether Windows' vmbus.sys does the same is not public: the model assumes it does.
          guard mode == .hibernate else {
            return self.kernel.emit(
              .stateNote, .vmbusGuest, .vmbusGuest,
              "no CHANNELMSG_UNLOAD: an orderly power-off leaves VMBus connected; the host closes the channels when the partition goes",
              cost: self.costs.componentWork, then: done)
          }
          self.vmbus.unloadVMBus(then: done)
        },
        { done in
          self.hypervisor.interceptPowerManagementWrite(
            mode == .reboot
              ? "ACPI reset: the write traps (VM exit)"
              : "ACPI sleep state S5 (soft off): the write to PM1a_CNT traps (VM exit)",
            from: .guestKernel,
            request: mode == .reboot
              ? "the guest asked for a reset" : "the guest powered itself off",
            then: done)
        },
        { done in
          let verb: Phrase
          switch mode {
          case .shutdown: verb = "was shut down by the guest operating system"
          case .reboot: verb = "restarts at the guest's request"
          case .hibernate: verb = "hibernated and is off"
          }
          self.powerDown(log: "'\(self.vmName)' \(verb).", then: done)
        },
        { done in
          guard mode == .reboot else { return done() }
          self.powerOn(
            reason: "vmwp.exe restarts '\(self.vmName)' for the guest's reboot", then: done)
        },
      ], then: next)
  }

  /// Stop-VM when the host cannot ask the guest: a hard turn-off, and what the guest loses.
  private func shutdownWithoutService(
    _ request: ShutdownRequest, reason: Phrase, then next: @escaping Continuation
  ) {
    guard request.mode != .hibernate else {
      return ics.hostRefuses(.vmms, "Hibernation", because: reason, then: next)
    }
    kernel.log(
      source: "Hyper-V-VMMS",
      message: "'\(vmName)' cannot be shut down cleanly: \(reason). It is turned off instead.")
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .vmms, .vmms,
            "\(reason): the host cannot ask the guest, Stop-VM can only turn the VM off (like pulling the power cord)",
            cost: self.costs.componentWork, then: done)
        },
        { done in self.turnOff(then: done) },
        { done in
          self.kernel.emit(
            .stateNote, .vmms, .vmms,
            "the guest had no orderly shutdown: unwritten data in its caches is lost and its next boot replays the file-system journal",
            cost: self.costs.componentWork, then: done)
        },
        { done in
          guard request.mode == .reboot else { return done() }
          self.powerOn(reason: "Restart-VM starts '\(self.vmName)' again", then: done)
        },
      ], then: next)
  }
}

extension Power {
  /// `resume-guest`: the services drain what waited; a shutdown the guest accepted meanwhile is
  /// carried out afterwards.
  package func resumeGuest(then next: @escaping Continuation) {
    ics.resumeGuest { accepted in
      guard let accepted, let mode = accepted.mode else { return next() }
      self.guestPowersDown(mode: mode, forced: accepted.isForced, then: next)
    }
  }
}
