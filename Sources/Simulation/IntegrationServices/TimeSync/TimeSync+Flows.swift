import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// Time synchronization (fact sheet §4.6): a SYNC after the channel opens and after a restore,
/// then a SAMPLE every ``TimeSyncModel/samplePeriodNanoseconds``. The guest's clock drifts (see
/// ``GuestClock``). What the guest does with a SAMPLE follows its pinned kernel (fact sheet §9.10,
/// ``GuestKernel``): current Linux only records it for its `hyperv` PTP clock (a time daemon such
/// as chrony may read that clock; the model's guest runs none) and sets the clock on SYNC only;
/// kernels before 4.13 applied the first 50 SAMPLEs like a SYNC. A Windows guest's `vmictimesync`
/// hands every message to W32Time through its VMICTimeProvider (fact sheet §4.6 [BA10]); that
/// W32Time then sets the clock to each sample is a **model assumption** (``GuestOS``). (FreeBSD
/// applies a SAMPLE when off by more than 100 ms.)
extension IntegrationServices {
  /// A time message, fired by the time-sync timer.
  func sendTimeSample(then next: @escaping Continuation) {
    let due = ic(.timeSync).nextDue ?? kernel.now
    updateIC(.timeSync) {
      $0.nextDue = self.nextPeriod(after: due, period: TimeSyncModel.samplePeriodNanoseconds)
    }
    let flag: TimeSyncFlag = timeSync.sendSyncNext ? .sync : .sample
    timeSync.sendSyncNext = false
    timeSync.samplesSent += 1
    let sample = timeMessage(flag: flag, at: kernel.now)
    icTransaction(
      .timeSync, type: .timeSync, payload: .timeSync(sample), size: sample.size,
      "host time \(Self.describeFileTime(sample.parentTime))" as Phrase, flags: flag.identifier,
      details: timeDetails(sample),
      handler: { request, answer in self.applyTimeSample(request, then: answer) }
    ) { outcome in
      if case .unanswered = outcome { self.updateIC(.timeSync) { $0.unanswered += 1 } }
      if case .answered = outcome {
        self.updateIC(.timeSync) { $0.unanswered = max(0, $0.unanswered - 1) }
      }
      next()
    }
  }

  /// The message the host sends at `time`: version 4 carries `vmreferencetime`.
  func timeMessage(flag: TimeSyncFlag, at time: Int) -> TimeSyncMessage {
    let v4 = (ic(.timeSync).version ?? ICVersion(1, 0)) >= ICVersion(4, 0)
    return TimeSyncMessage(
      parentTime: TimeSyncModel.fileTime(atNanoseconds: time),
      vmReferenceTime: UInt64(max(0, time - referenceCounterStart) / 100), flag: flag,
      usesReferenceTime: v4)
  }

  func timeDetails(_ sample: TimeSyncMessage) -> [Detail] {
    var details: [Detail] = [.int("parenttime", Int(sample.parentTime))]
    if sample.usesReferenceTime {
      details.append(.int("vmreferencetime", Int(sample.vmReferenceTime)))
    }
    details.append(.int("flags", Int(sample.flag.rawValue)))
    return details
  }

  /// `08:00:05.000000 UTC` for a FILETIME of the model's day (integer arithmetic).
  static func describeFileTime(_ fileTime: UInt64) -> String {
    let since = Int((fileTime - TimeSyncModel.hostEpochFileTime) * 100)
    let clock = SimulatedTime.clock(since)
    let hours = (8 + (Int(clock.prefix(2)) ?? 0)) % 24
    return (hours < 10 ? "0" : "") + String(hours) + String(clock.dropFirst(2).prefix(13)) + " UTC"
  }

  /// True when the guest's kernel sets its clock from a message with `flag`, the
  /// `samplesApplied`-th SAMPLE so far.
  func guestApplies(_ flag: TimeSyncFlag, samplesApplied: Int) -> Bool {
    switch flag {
    case .sync: return true
    case .sample:
      guard let limit = guestOS.appliedTimeSamples else { return true }
      return samplesApplied < limit
    default: return false
    }
  }

  /// The guest's `timesync_onchannelcallback` / `adj_guesttime`: set the clock to the host's time
  /// (with `vmreferencetime` add the time since the sample was taken), or, for a SAMPLE its kernel
  /// does not apply, only record it.
  func applyTimeSample(_ request: ICMessage, then answer: @escaping (ICMessage) -> Void) {
    guard case .timeSync(let sample) = request.payload else {
      return answer(request.response(status: .fail))
    }
    let before = guestClock.offset(at: kernel.now)
    guard guestApplies(sample.flag, samplesApplied: timeSync.samplesApplied) else {
      let why: Phrase =
        guestOS.recordsTimeSamplesOnly
        ? "recorded for the hyperv PTP clock (\(guestOS) sets the clock on SYNC only)"
        : "ignored (\(guestOS) applies only the first \(GuestKernel.legacyAppliedSamples) SAMPLEs)"
      return kernel.emit(
        .stateNote, .timeSyncGuest, .timeSyncGuest,
        "SAMPLE: \(why); the guest clock stays \(Self.describeOffset(before))",
        details: [.int("offset_before_ns", before), .int("offset_after_ns", before)],
        cost: costs.icHandling
      ) { answer(request.response(status: .ok)) }
    }
    if sample.flag == .sample { timeSync.samplesApplied += 1 }
    let takenAt = Int(sample.parentTime - TimeSyncModel.hostEpochFileTime) * 100
    let late = kernel.now - takenAt
    let after = sample.usesReferenceTime ? 0 : -late
    guestClock.set(offset: after, at: kernel.now)
    lastTimeSampleApplied = kernel.now
    let correction: Phrase =
      sample.usesReferenceTime
      ? "set to the host's time + \(duration: late) elapsed since the sample (vmreferencetime)"
      : "set to parenttime, so it ends \(duration: late) behind (the sample's age)"
    let verb = sample.flag == .sync ? "SYNC" : "SAMPLE"
    let label: Phrase =
      guestOS.isWindows
      ? "\(verb) (W32Time, through the VMICTimeProvider): the guest clock was \(Self.describeOffset(before)); \(correction)"
      : "\(verb): the guest clock was \(Self.describeOffset(before)); \(correction)"
    kernel.emit(
      .stateNote, .timeSyncGuest, .timeSyncGuest, label,
      details: [.int("offset_before_ns", before), .int("offset_after_ns", after)],
      cost: costs.icHandling
    ) { answer(request.response(status: .ok)) }
  }

  /// `12.5 ms behind the host`, `3 µs ahead of the host`, `in step with the host`.
  package static func describeOffset(_ offset: Int) -> Phrase {
    if offset == 0 { return "in step with the host" }
    return offset < 0
      ? "\(duration: abs(offset)) behind the host" : "\(duration: abs(offset)) ahead of the host"
  }

  /// How many whole cycles the time service is sure to repeat identically.
  func timeSyncSteadyCycles(length: Int) -> Int {
    guard let channel = periodicChannel(.timeSync) else { return .max }
    guard !timeSync.sendSyncNext else { return 0 }
    if !guestHung {
      guard channel.state.unanswered == 0 && channel.inbound.isEmpty && channel.outbound.isEmpty
      else { return 0 }
      // A kernel that applies only the first SAMPLEs changes behaviour after the last of them.
      let applying = guestApplies(.sample, samplesApplied: timeSync.samplesApplied)
      guard applying, let limit = guestOS.appliedTimeSamples, limit > 0 else { return .max }
      return limit - timeSync.samplesApplied
    }
    guard !channel.inbound.isEmpty else { return 0 }
    let sample = timeMessage(flag: .sample, at: kernel.now)
    let message = requestMessage(
      .timeSync, type: .timeSync, payload: .timeSync(sample), size: sample.size, requestID: 0)
    let bytes = icPacket(message, requestID: 0).ringBytes
    return cyclesUntilFull(
      channel, bytes: bytes, requests: length / TimeSyncModel.samplePeriodNanoseconds)
  }

  /// Applies `cycles` skipped cycles of samples: each applied by the guest (the last correction
  /// simply moves later), or, for a hung guest, piling up in the ring.
  func fastForwardTimeSync(cycles: Int, length: Int) {
    let samples = fastForwardPeriodic(
      .timeSync, cycles: cycles, length: length, period: TimeSyncModel.samplePeriodNanoseconds,
      request: { _, requestID, due in
        let sample = self.timeMessage(flag: .sample, at: due)
        let message = self.requestMessage(
          .timeSync, type: .timeSync, payload: .timeSync(sample), size: sample.size,
          requestID: requestID)
        return self.icPacket(message, requestID: requestID)
      },
      answered: { _ in
        guard self.guestApplies(.sample, samplesApplied: self.timeSync.samplesApplied) else {
          return
        }
        self.timeSync.samplesApplied += cycles
        self.guestClock.shift(by: cycles * length)
      })
    timeSync.samplesSent += samples
  }
}
