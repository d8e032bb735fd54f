import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// `Save-VM` and `Start-VM` of a saved VM. The worker process writes the guest's memory and device
/// state to a file and the partition is deleted; a restore builds a new partition and puts the
/// state back, so the guest continues where it stopped, VMBus channels included. The guest's clock
/// stood still meanwhile: the time service's SYNC after the restore corrects it (fact sheet §4.6).
///
/// Model assumptions: the channels and rings survive in the saved memory (no re-offer after a
/// restore); the heartbeat reports No Contact until its first answer after the restore.
extension Power {
  package func saveVM(then next: @escaping Continuation) {
    saveState(
      command: "Save-VM '\(vmName)'",
      log: "'\(vmName)' was saved.", then: next)
  }

  package func restoreVM(then next: @escaping Continuation) {
    restoreState(
      command: "Start-VM '\(vmName)': restore it from its saved state",
      log: "'\(vmName)' was restored from its saved state.", then: next)
  }

  /// Stops the VP, writes the state, deletes the partition.
  func saveState(command: Phrase, log message: Phrase, then next: @escaping Continuation) {
    if state != .running {
      kernel.report(.stepInWrongPowerState, "save while the VM is \(state.rawValue)")
    }
    let partitionID = hypervisor.childPartitionID
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .vmms, .vmms, command, cost: self.costs.componentWork, then: done)
        },
        { done in
          self.kernel.emit(
            .call, .vmms, .vmwp, "save the VM's state", cost: self.costs.componentWork, then: done)
        },
        { done in
          self.ics.vmSaved()
          self.kernel.emit(
            .call, .vmwp, .vid, "suspend VP 0; the guest stops where it is",
            cost: self.costs.userToKernel, then: done)
        },
        { done in
          self.kernel.emit(
            .stateNote, .vmwp, .vmwp,
            "write 1 GiB of guest memory and the device state (VMBus channels included) to the saved-state file",
            cost: self.costs.vmStateTransfer, then: done)
        },
        { done in
          self.hypervisor.deleteChildPartition(
            "delete partition \(DetailValue.hexString(partitionID, digits: 4)); the VM lives in its files now",
            keepingState: true, then: done)
        },
        { done in
          self.hypervisor.forgetChildPartition()
          self.state = .saved
          self.kernel.log(source: "Hyper-V-Worker", message: message)
          self.kernel.emit(
            .return, .vmwp, .vmms, "vmwp.exe exits; the VM is saved",
            cost: self.costs.componentWork,
            then: done)
        },
      ], then: next)
  }

  /// A new partition and worker process, the saved state read back, the VP resumed; then the
  /// periodic services start again (a SYNC first).
  func restoreState(command: Phrase, log message: Phrase, then next: @escaping Continuation) {
    if state != .saved {
      kernel.report(.stepInWrongPowerState, "restore while the VM is \(state.rawValue)")
    }
    let partitionID = hypervisor.drawPartitionID()
    kernel.run(
      [
        { done in
          self.kernel.emit(
            .stateNote, .vmms, .vmms, command, cost: self.costs.componentWork, then: done)
        },
        { done in
          self.kernel.emit(
            .call, .vmms, .vid, "create a partition", cost: self.costs.userToKernel, then: done)
        },
        { done in self.hypervisor.createChildPartition(id: partitionID, restoring: true, then: done)
        },
        { done in self.startWorkerProcess(then: done) },
        { done in self.createVPAndMapMemory(then: done) },
        { done in
          self.kernel.emit(
            .stateNote, .vmwp, .vmwp,
            "read the guest memory and device state back from the saved-state file",
            cost: self.costs.vmStateTransfer, then: done)
        },
        { done in
          self.hypervisor.hypercall(
            .setVpRegisters, from: .vid, "VP 0 registers = the saved ones",
            details: [.int("vp_index", 0)],
            then: done)
        },
        { done in
          self.hypervisor.markChildRunning()
          self.state = .running
          self.ics.vmResumed()
          self.kernel.log(source: "Hyper-V-Worker", message: message)
          self.kernel.emit(
            .vmEntry, .hypervisor, .guestKernel,
            "VP 0 resumes where it was saved; the guest's clock is \(IntegrationServices.describeOffset(self.ics.guestClock.offset(at: self.kernel.now)))",
            cost: self.costs.vmEntry, then: done)
        },
      ]
    ) {
      self.ics.restartServicesAfterRestore()
      next()
    }
  }
}
