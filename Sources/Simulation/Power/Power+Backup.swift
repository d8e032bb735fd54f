import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// A host-level VSS backup of the VM (fact sheet §4.8).
///
/// - With the VSS service: the Hyper-V VSS writer's online path ("Backup Using Child Partition
///   Snapshot"): VSS_OP_HOT_BACKUP (the guest says what it supports), VSS_OP_FREEZE (hv_vss_daemon
///   freezes the file systems), the host's volume snapshot while the VM keeps running,
///   VSS_OP_THAW.
/// - Without it, on hosts up to 2012R2: the offline path ("Backup Using Saved State"): the VM is
///   saved for the snapshot and restored afterwards — not turned off, as the seed article says.
/// - Without it, on 2016 and later: a crash-consistent snapshot while the VM runs (the saved-state
///   path no longer applies to WMI-based backup).
///
/// Model assumptions: the order HOT_BACKUP → FREEZE → THAW (Linux answers all three; the sheet does
/// not give the host's order); a guest that does not answer makes the backup fail after
/// ``ICModel/hostResponseTimeout`` rather than fall back to the offline path.
extension Power {
  package func backup(then next: @escaping Continuation) {
    let name = vmName
    kernel.emit(
      .stateNote, .vmms, .vmms,
      "backup of '\(name)': the host's VSS requestor asks the Hyper-V VSS writer",
      cost: costs.componentWork
    ) {
      if let reason = self.ics.unavailability(.backup) {
        if self.hostVersion.vmbusVersion >= .win10 {
          self.crashConsistentBackup(reason: reason, then: next)
        } else {
          self.savedStateBackup(reason: reason, then: next)
        }
        return
      }
      self.onlineBackup(then: next)
    }
  }

  private func onlineBackup(then next: @escaping Continuation) {
    let component = "Backup Using Child Partition Snapshot\\\(vmName)"
    kernel.emit(
      .call, .vmms, .vssHost, "PrepareForSnapshot: component '\(component)' asks the guest",
      cost: costs.componentWork
    ) {
      self.ics.vssExchange(.hotBackup) { status in
        guard status == .ok else {
          return self.backupFailed("VSS_OP_HOT_BACKUP", status, then: next)
        }
        self.ics.vssExchange(.freeze) { status in
          guard status == .ok else { return self.backupFailed("VSS_OP_FREEZE", status, then: next) }
          self.hostSnapshot("the guest keeps running, its file systems frozen") {
            self.ics.vssExchange(.thaw) { status in
              guard status == .ok else {
                return self.backupFailed("VSS_OP_THAW", status, then: next)
              }
              // What the guest's freeze guarantees: Windows' VSS writers flush application
              // data (application-consistent); hv_vss_daemon freezes file systems only.
              let consistency: Phrase =
                self.words.isWindows
                ? "application-consistent: the guest's VSS writers took part"
                : "file-system-consistent: hv_vss_daemon froze the file systems"
              self.backupDone(
                "online (\(component)), \(consistency); the VM kept running", then: next)
            }
          }
        }
      }
    }
  }

  /// The host's volume snapshot; with the VM running its periodic traffic goes on meanwhile.
  private func hostSnapshot(_ text: Phrase, then next: @escaping Continuation) {
    kernel.emit(
      .call, .vmms, .storageStack,
      "VSS on the host volume: snapshot the VM's VHDX and configuration files",
      cost: costs.kernelCall
    ) {
      self.ics.elapse(
        until: self.kernel.now + self.costs.hostSnapshot,
        note: { length in
          (.storageStack, "\(duration: length) of snapshot work; \(text)")
        },
        then: next)
    }
  }

  private func savedStateBackup(reason: Phrase, then next: @escaping Continuation) {
    let component = "Backup Using Saved State\\\(vmName)"
    let start = kernel.now
    kernel.emit(
      .stateNote, .vmms, .vmms,
      "\(reason): the guest cannot freeze itself, so the writer uses '\(component)': save, snapshot, restore",
      cost: costs.componentWork
    ) {
      self.saveState(
        command: "PrepareForSnapshot: save '\(self.vmName)'",
        log: "'\(self.vmName)' was saved for an offline backup."
      ) {
        self.hostSnapshot("the VM is saved and unavailable") {
          self.restoreState(
            command: "PostSnapshot: restore '\(self.vmName)'",
            log: "'\(self.vmName)' was restored after the backup."
          ) {
            let down = self.kernel.now - start
            self.backupDone(
              "offline (\(component)); the VM was unavailable for about \(duration: down)",
              then: next)
          }
        }
      }
    }
  }

  private func crashConsistentBackup(reason: Phrase, then next: @escaping Continuation) {
    kernel.emit(
      .stateNote, .vmms, .vmms,
      "\(reason): the host takes a crash-consistent snapshot while the VM runs; nothing in the guest is frozen",
      cost: costs.componentWork
    ) {
      self.hostSnapshot("the guest keeps running, nothing in it is frozen") {
        self.backupDone(
          "crash-consistent (the guest's applications were not asked to flush); the VM kept running",
          then: next)
      }
    }
  }

  private func backupDone(_ how: Phrase, then next: @escaping Continuation) {
    kernel.log(source: "Hyper-V-VMMS", message: "Backup of '\(vmName)' completed: \(how).")
    kernel.emit(
      .stateNote, .vmms, .vmms, "backup complete: \(how)", cost: costs.componentWork, then: next)
  }

  private func backupFailed(_ step: String, _ status: ICStatus?, then next: @escaping Continuation)
  {
    let why = status?.text ?? "no answer from the guest"
    kernel.log(
      source: "Hyper-V-VMMS",
      message: "Backup of '\(vmName)' failed at \(step): \(why).")
    kernel.emit(
      .stateNote, .vmms, .vmms, "backup failed at \(step): \(why)", cost: costs.componentWork,
      then: next)
  }
}
