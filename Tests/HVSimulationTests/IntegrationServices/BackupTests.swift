import HVHostModel
import HVTrace
import Testing

@testable import HVHypervisor
@testable import HVIntegrationServices
@testable import HVPower
@testable import HVSimKernel
@testable import HVSimulation
@testable import HVStorage
@testable import HVVMBus

/// Backup (fact sheet §4.8): freeze, snapshot and thaw with the VM running; without the VSS
/// service a saved-state backup (≤ 2012R2) or a crash-consistent one (2016+).
@Suite struct BackupTests {
  @Test func withVSSTheGuestFreezesAndTheVMKeepsRunning() throws {
    let (trace, _, problems) = Case.services([Case.backup], [.heartbeat, .backup]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let requests = ICTrace.packets(trace, "ICMSGTYPE_VSS").filter(ICTrace.isRequest)
    #expect(
      requests.compactMap(\.operation) == ["VSS_OP_HOT_BACKUP", "VSS_OP_FREEZE", "VSS_OP_THAW"])
    let answers = ICTrace.packets(trace, "ICMSGTYPE_VSS").filter(ICTrace.isAnswer)
    #expect(answers.allSatisfy { $0.detail("status") == .text("HV_S_OK (0x00000000)") })
    #expect(!trace.storedEvents.contains { $0.message == "HvCallDeletePartition" })
    let freeze = try #require(
      requests.firstIndex { $0.operation == "VSS_OP_FREEZE" }.map { requests[$0] })
    let thaw = try #require(requests.last)
    // Heartbeats keep flowing during the snapshot: the VM runs.
    #expect(
      ICTrace.packets(trace, "ICMSGTYPE_HEARTBEAT").contains {
        $0.time > freeze.time && $0.time < thaw.time
      })
    #expect(
      trace.storedEvents.contains { $0.from == "hv-vss-daemon" && $0.label.contains("FIFREEZE") })
    #expect(ICTrace.logged(trace, "Backup Using Child Partition Snapshot"))
    #expect(trace.vm.state == "Running")
  }

  /// §9.8: current kernels hand HOT_BACKUP to hv_vss_daemon; the model's older kernels answer it
  /// in the driver. Either way the answer carries VSS_HBU_NO_AUTO_RECOVERY.
  @Test(arguments: [GuestKernel(4, 4), GuestKernel(4, 9), .defaultLTS])
  func hotBackupFollowsTheGuestKernel(_ kernel: GuestKernel) {
    let (trace, _, problems) = Case.services(
      [Case.backup], [.heartbeat, .backup], guestKernel: kernel
    ).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    let handed = trace.storedEvents.contains {
      $0.to == "hv-vss-daemon" && $0.label.contains("VSS_OP_HOT_BACKUP")
    }
    #expect(handed == kernel.vssDaemonAnswersHotBackup)
    #expect(handed == (kernel >= GuestKernel(4, 9)))
    let answer = ICTrace.packets(trace, "ICMSGTYPE_VSS").first(where: ICTrace.isAnswer)
    #expect(answer?.operation == "VSS_OP_HOT_BACKUP")
    #expect(
      trace.storedEvents.contains {
        $0.from == "vss-guest" && $0.detail("flags") == .hex(5, digits: 8)
      })
  }

  @Test(arguments: [HostVersion.ws2008R2, .ws2012, .ws2012R2])
  func withoutVSSTheVMIsSavedNotTurnedOff(_ host: HostVersion) {
    let (trace, _, problems) = Case.services([Case.backup], [.heartbeat, .timeSync], host: host)
      .checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(ICTrace.packets(trace, "ICMSGTYPE_VSS").isEmpty)
    let messages = TraceChecks.messages(trace)
    #expect(
      messages.contains("HvCallDeletePartition") && messages.contains("HvCallCreatePartition"))
    #expect(!messages.contains("CHANNELMSG_UNLOAD"))
    #expect(ICTrace.logged(trace, "Backup Using Saved State"))
    #expect(ICTrace.logged(trace, "was saved for an offline backup"))
    // The restored guest is behind until the time service's SYNC.
    #expect(trace.storedEvents.contains { $0.flags == "ICTIMESYNCFLAG_SYNC" })
    #expect(trace.vm.state == "Running")
  }

  @Test func onNewerHostsWithoutVSSTheSnapshotIsCrashConsistent() {
    let (trace, _, problems) = Case.services([Case.backup], [.heartbeat], host: .ws2016).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(!TraceChecks.messages(trace).contains("HvCallDeletePartition"))
    #expect(ICTrace.logged(trace, "crash-consistent"))
  }

  @Test func aHungGuestMakesTheBackupFail() {
    let (trace, _, problems) = Case.services([Case.hang, Case.backup], [.backup]).checked()
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(ICTrace.logged(trace, "failed at VSS_OP_HOT_BACKUP: no answer from the guest"))
    #expect(ICTrace.packets(trace, "ICMSGTYPE_VSS").filter(ICTrace.isRequest).count == 1)
  }
}
