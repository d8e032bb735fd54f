import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// The heartbeat (fact sheet §4.4): every 2000 ms the host sends `seq_num`, the guest answers with
/// `seq_num + 1`; an answer missing after the 1000 ms latency counts as dropped, two in a row make
/// the host report Lost Communication and log it, the next answer restores OK and is logged too.
extension IntegrationServices {
  /// A ping, fired by the heartbeat timer.
  func sendHeartbeat(then next: @escaping Continuation) {
    let due = ic(.heartbeat).nextDue ?? kernel.now
    updateIC(.heartbeat) {
      $0.nextDue = self.nextPeriod(after: due, period: HeartbeatModel.intervalNanoseconds)
    }
    let sequence = heartbeat.nextSequence
    heartbeat.nextSequence += 1
    let sentAt = kernel.now
    icTransaction(
      .heartbeat, type: .heartbeat, payload: .heartbeat(HeartbeatMessage(sequenceNumber: sequence)),
      size: HeartbeatMessage.size, "seq_num \(sequence)", details: [.int("seq_num", Int(sequence))],
      handler: { request, answer in self.answerHeartbeat(request, then: answer) }
    ) { outcome in
      switch outcome {
      case .answered(let answer): self.heartbeatAnswered(answer, then: next)
      case .unanswered:
        self.updateIC(.heartbeat) { $0.unanswered += 1 }
        if self.heartbeat.deadline == nil, self.heartbeat.missed < HeartbeatModel.errorThreshold {
          self.heartbeat.deadline = sentAt + HeartbeatModel.latencyNanoseconds
          self.heartbeat.deadlineSequence = sequence
        }
        next()
      case .blocked: next()
      }
    }
  }

  /// The guest's `heartbeat_onchannelcallback`: `seq_num += 1`.
  func answerHeartbeat(_ request: ICMessage, then answer: @escaping (ICMessage) -> Void) {
    guard case .heartbeat(let ping) = request.payload else {
      return answer(request.response(status: .fail))
    }
    let reply = HeartbeatMessage(sequenceNumber: ping.sequenceNumber + 1)
    kernel.emit(
      .stateNote, .heartbeatGuest, .heartbeatGuest,
      "seq_num \(ping.sequenceNumber) + 1 = \(reply.sequenceNumber)", cost: costs.icHandling
    ) { answer(request.response(status: .ok, payload: .heartbeat(reply))) }
  }

  /// The host reads an answer: contact is (re)established.
  func heartbeatAnswered(_ answer: ICMessage, then next: @escaping Continuation) {
    if case .heartbeat(let reply) = answer.payload { heartbeat.lastAnswer = reply.sequenceNumber }
    updateIC(.heartbeat) { $0.unanswered = max(0, $0.unanswered - 1) }
    heartbeat.missed = 0
    heartbeat.deadline = nil
    let previous = heartbeat.status
    guard previous != .ok else { return next() }
    heartbeat.status = .ok
    if previous == .lostCommunication {
      kernel.log(
        source: ICModel.logSource,
        message: "The heartbeat of '\(vmName)' is back: contact restored (OK).")
    }
    kernel.emit(
      .stateNote, .heartbeatHost, .heartbeatHost,
      "Heartbeat: \(previous.rawValue) → OK (seq_num \(heartbeat.lastAnswer) came back)",
      cost: costs.componentWork, then: next)
  }

  /// 1000 ms after an unanswered ping: one more miss; at the threshold, Lost Communication.
  func heartbeatDeadlinePassed(then next: @escaping Continuation) {
    heartbeat.deadline = nil
    guard ic(.heartbeat).unanswered > 0 else { return next() }
    heartbeat.missed += 1
    let missed = heartbeat.missed
    let threshold = HeartbeatModel.errorThreshold
    let sequence = heartbeat.deadlineSequence
    if missed >= threshold, heartbeat.status == .ok {
      heartbeat.status = .lostCommunication
      kernel.log(
        source: ICModel.logSource,
        message:
          "The heartbeat of '\(vmName)' was lost: no answer to \(missed) heartbeats in a row (Lost Communication)."
      )
      kernel.emit(
        .stateNote, .heartbeatHost, .heartbeatHost,
        "seq_num \(sequence) unanswered after 1000 ms: \(missed) misses in a row reach ErrorThreshold \(threshold): Lost Communication",
        details: [.int("missed", missed), .int("error_threshold", threshold)],
        cost: costs.componentWork,
        then: next)
      return
    }
    kernel.emit(
      .stateNote, .heartbeatHost, .heartbeatHost,
      "seq_num \(sequence) unanswered after the 1000 ms latency (\(missed) of \(threshold) misses)",
      details: [.int("missed", missed), .int("error_threshold", threshold)],
      cost: costs.componentWork,
      then: next)
  }

  /// How many whole cycles of `length` the heartbeat is sure to repeat identically.
  func heartbeatSteadyCycles(length: Int) -> Int {
    guard let channel = periodicChannel(.heartbeat) else { return .max }
    guard heartbeat.deadline == nil else { return 0 }
    if !guestHung {
      let calm = heartbeat.status == .ok && heartbeat.missed == 0 && channel.state.unanswered == 0
      return calm && channel.inbound.isEmpty && channel.outbound.isEmpty ? .max : 0
    }
    guard heartbeat.missed >= HeartbeatModel.errorThreshold, !channel.inbound.isEmpty else {
      return 0
    }
    let bytes = icPacket(heartbeatRequest(sequence: 0, requestID: 0), requestID: 0).ringBytes
    return cyclesUntilFull(
      channel, bytes: bytes, requests: length / HeartbeatModel.intervalNanoseconds)
  }

  func heartbeatRequest(sequence: UInt64, requestID: UInt64) -> ICMessage {
    requestMessage(
      .heartbeat, type: .heartbeat, payload: .heartbeat(HeartbeatMessage(sequenceNumber: sequence)),
      size: HeartbeatMessage.size, requestID: requestID)
  }

  /// Applies `cycles` skipped cycles of pings: answered round trips, or pings piling up in the
  /// ring of a hung guest.
  func fastForwardHeartbeat(cycles: Int, length: Int) {
    let firstSequence = heartbeat.nextSequence
    let pings = fastForwardPeriodic(
      .heartbeat, cycles: cycles, length: length, period: HeartbeatModel.intervalNanoseconds,
      request: { k, requestID, _ in
        self.icPacket(
          self.heartbeatRequest(sequence: firstSequence + UInt64(k), requestID: requestID),
          requestID: requestID)
      },
      answered: { count in self.heartbeat.lastAnswer += UInt64(count) })
    heartbeat.nextSequence += UInt64(pings)
  }
}
