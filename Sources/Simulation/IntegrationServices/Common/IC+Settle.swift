import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// Bringing the services to a running VM's steady state, and answering requests read late.
extension IntegrationServices {
  /// With `state: running`, the power-on ran unrecorded and the clock restarts at zero: the
  /// services look as they would after about ten minutes of uptime (model assumption). The
  /// heartbeat is OK with a seeded sequence number; the next ping and the next time sample come
  /// at seeded moments within their periods; the guest clock was last corrected by the previous
  /// sample (or, without time synchronization, has drifted since the boot).
  package func settleServicesAfterSilentStart() {
    let uptime = 600_000_000_000
    referenceCounterStart = -uptime
    let beat = ic(.heartbeat)
    if beat.isReady {
      let interval = HeartbeatModel.intervalNanoseconds
      let sequence = UInt64(uptime / interval) + random.next(below: 100)
      heartbeat.status = .ok
      heartbeat.nextSequence = sequence
      heartbeat.lastAnswer = sequence
      updateIC(.heartbeat) {
        $0.nextRequestID = sequence + 1
        $0.nextDue = 1 + Int(self.random.next(below: UInt64(interval)))
      }
    }
    let time = ic(.timeSync)
    if time.isReady {
      let period = TimeSyncModel.samplePeriodNanoseconds
      let due = 1 + Int(random.next(below: UInt64(period)))
      timeSync.sendSyncNext = false
      timeSync.samplesSent = uptime / period
      updateIC(.timeSync) {
        $0.nextRequestID = UInt64(uptime / period) + 2
        $0.nextDue = due
      }
      guestClock.set(offset: 0, at: due - period)
    } else {
      let rtc = -Int(random.next(below: 1_000_000_000))
      guestClock.set(offset: rtc + uptime / 1_000_000 * guestClock.driftPPM, at: 0)
    }
  }

  /// A request the guest reads after the host stopped waiting (`resume-guest`).
  func answerRequest(
    _ service: IntegrationService, _ request: ICMessage, then answer: @escaping (ICMessage) -> Void
  ) {
    switch request.payload {
    case .negotiate: answerNegotiate(service, request, then: answer)
    case .shutdown: answerShutdown(request, then: answer)
    case .kvp: answerKVP(request, then: answer)
    case .vss: answerVSS(request, then: answer)
    case .fcopy: answerFileCopy(request, then: answer)
    case .heartbeat: answerHeartbeat(request, then: answer)
    case .timeSync: applyTimeSample(request, then: answer)
    }
  }
}
