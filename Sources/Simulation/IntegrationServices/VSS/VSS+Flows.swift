import HVHostModel
import HVSimKernel
import HVTrace

/// The Backup (VSS) service's flows (fact sheet §4.8, §9.8): one transaction per VSS operation;
/// the guest driver hands FREEZE, THAW and (on kernels that do, see ``GuestKernel``) HOT_BACKUP to
/// hv_vss_daemon.
extension IntegrationServices {
  /// One VSS transaction; passes on the guest's status (nil answer → failure).
  package func vssExchange(_ operation: VSSOperation, then next: @escaping (ICStatus?) -> Void) {
    let message = VSSMessage(operation: operation)
    let what: Phrase
    switch operation {
    case .hotBackup: what = "can the guest take part in a hot backup?"
    case .freeze: what = "freeze the guest's file systems"
    case .thaw: what = "thaw them"
    default: what = .verbatim(operation.identifier)
    }
    icRequest(
      .backup, .vss(message), size: VSSMessage.size, what,
      handler: { request, answer in self.answerVSS(request, then: answer) }
    ) { answer in next(answer?.header.status) }
  }

  /// `hv_vss_onchannelcallback`: FREEZE and THAW go to hv_vss_daemon (fsfreeze / thaw of every
  /// mounted file system); HOT_BACKUP too, on the kernels that hand it over.
  func answerVSS(_ request: ICMessage, then answer: @escaping (ICMessage) -> Void) {
    guard case .vss(let message) = request.payload else {
      return answer(request.response(status: .fail))
    }
    switch message.operation {
    case .hotBackup:
      let reply = VSSMessage(operation: .hotBackup, flags: VSSMessage.noAutoRecovery)
      let flags: [Detail] = [.hex("flags", UInt64(reply.flags), digits: 8)]
      if guestOS.isWindows {
        // vmicvss is the requestor itself; its reply flags are not public: the model sends
        // Linux's (UNCONFIRMED for Windows).
        return kernel.emit(
          .stateNote, .vssGuest, .vssGuest,
          "VSS_OP_HOT_BACKUP (\(guestOS)): the requestor can take part in a hot backup; it answers vss_cf.flags = 0x5 (model value)",
          details: flags, cost: costs.icHandling
        ) { answer(request.response(status: .ok, payload: .vss(reply))) }
      }
      guard guestOS.hotBackupInUserMode else {
        // Older kernels answered HOT_BACKUP in the driver (GuestKernel, model dating).
        return kernel.emit(
          .stateNote, .vssGuest, .vssGuest,
          "VSS_OP_HOT_BACKUP (\(guestOS)): the driver answers vss_cf.flags = VSS_HBU_NO_AUTO_RECOVERY (0x5)",
          details: flags, cost: costs.icHandling
        ) { answer(request.response(status: .ok, payload: .vss(reply))) }
      }
      // Since Linux 4.x the daemon answers HOT_BACKUP too; the kernel then sets the flags
      // (fact sheet §9.8, `vss_handle_request`).
      daemonRoundTrip(
        .backup, message.operation.identifier,
        work: {
          (
            "VSS_OP_HOT_BACKUP: the daemon can take part in a hot backup (no file-system action)",
            .ok, [], self.costs.daemonWork
          )
        }
      ) { status in
        self.kernel.emit(
          .stateNote, .vssGuest, .vssGuest,
          "the driver answers vss_cf.flags = VSS_HBU_NO_AUTO_RECOVERY (0x5)", details: flags,
          cost: self.costs.icHandling
        ) { answer(request.response(status: status, payload: .vss(reply))) }
      }
    case .freeze, .thaw:
      let freeze = message.operation == .freeze
      daemonRoundTrip(
        .backup, message.operation.identifier,
        work: {
          if self.guestOS.isWindows { return self.windowsWriters(freeze: freeze) }
          return freeze
            ? (
              "FIFREEZE on / and /home: writes are flushed, then held (at most VSS_FREEZE_TIMEOUT, 15 min)",
              .ok, [], self.costs.fileSystemFreeze
            )
            : ("FITHAW on / and /home: writes flow again", .ok, [], self.costs.fileSystemThaw)
        }
      ) { status in answer(request.response(status: status)) }
    default:
      kernel.emit(
        .stateNote, .vssGuest, .vssGuest, "\(message.operation.identifier): nothing to do",
        cost: costs.icHandling
      ) {
        answer(request.response(status: .ok))
      }
    }
  }

}

extension IntegrationServices {
  /// The VSS writers of the model's Windows guest: the in-box writers of a Windows Server (as
  /// `vssadmin list writers` shows them; model values). An application such as SQL Server would
  /// add its own.
  static let windowsWriters = [
    "System Writer", "Registry Writer", "COM+ REGDB Writer", "WMI Writer", "ASR Writer",
  ]

  /// A Windows guest's FREEZE and THAW: `vmicvss`, the Hyper-V VSS requestor, has the Volume
  /// Shadow Copy service take a snapshot inside the guest, so every writer first brings its data
  /// to a consistent state on disk: the backup is **application-consistent**, where a Linux
  /// guest's `fsfreeze` is file-system-consistent. VSS's own limits (writers 60 s between freeze
  /// and thaw; the file system holds writes for at most 10 s) are from Microsoft's VSS
  /// documentation, not the fact sheet (UNCONFIRMED here); the cost is
  /// ``CostTable/vssWritersFreeze``.
  func windowsWriters(freeze: Bool) -> (
    label: Phrase, status: ICStatus, details: [Detail], cost: Int
  ) {
    let writers = Self.windowsWriters.joined(separator: ", ")
    return freeze
      ? (
        "PrepareForSnapshot and Freeze: \(Self.windowsWriters.count) writers (\(writers)) flush their data; NTFS flushes and holds writes on C: (application-consistent)",
        .ok, [.int("writers", Self.windowsWriters.count)], costs.vssWritersFreeze
      )
      : (
        "Thaw: writes to C: flow again and the writers resume", .ok, [], costs.fileSystemThaw
      )
  }
}
