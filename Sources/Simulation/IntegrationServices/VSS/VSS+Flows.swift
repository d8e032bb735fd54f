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
    let what: String
    switch operation {
    case .hotBackup: what = "can the guest take part in a hot backup?"
    case .freeze: what = "freeze the guest's file systems"
    case .thaw: what = "thaw them"
    default: what = operation.identifier
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
      guard guestKernel.vssDaemonAnswersHotBackup else {
        // Older kernels answered HOT_BACKUP in the driver (GuestKernel, model dating).
        return kernel.emit(
          .stateNote, .vssGuest, .vssGuest,
          "VSS_OP_HOT_BACKUP (\(guestKernel)): the driver answers vss_cf.flags = VSS_HBU_NO_AUTO_RECOVERY (0x5)",
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
          freeze
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
