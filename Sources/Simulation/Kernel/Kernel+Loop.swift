import HVTrace

/// Repeats: one iteration executed and recorded, the others applied (see SIMULATION.md).
extension Kernel {
  /// Runs `count` identical iterations of `body`.
  ///
  /// With compression on (the default), the first iteration is executed and recorded inside a
  /// repeat group; the other `count − 1` are *applied*: the clock advances by the iteration's span
  /// times `count − 1`, the components' additive ``tallies`` grow by the iteration's difference times
  /// `count − 1`, and `fastForward(count − 1)` moves the remaining state (indices, positions) as if
  /// the iterations had run. Time and counters are therefore exact multiples, and memory does not
  /// grow with `count`. Without compression every iteration executes and is recorded.
  ///
  /// A loop with `timers: true` that is not nested in another loop is *cut where a timer comes
  /// due* (a heartbeat, a time sample): its iteration boundaries are safe points. The group covers
  /// the iterations up to the first boundary at or after the timer's due time, the timer's traffic
  /// is recorded after the group, and a new group continues with the rest, so a compressed repeat
  /// never skips over pending periodic traffic. Compressed and executed runs cut at the same
  /// boundary. Only loops whose `body` uses its index and whose `fastForward` is positional may
  /// opt in.
  ///
  /// - Parameters:
  ///   - label: what one iteration is, e.g. "for each of 256 data words".
  ///   - fastForward: applies `n` more iterations to the non-additive state.
  ///   - body: one iteration (its index and its continuation).
  package func loop(
    _ count: Int, _ label: Phrase, timers: Bool = false, fastForward: @escaping (Int) -> Void,
    body: @escaping (Int, @escaping Continuation) -> Void, then next: @escaping Continuation
  ) {
    guard count > 0 else {
      next()
      return
    }
    let servicesTimers = timers && loopDepth == 0
    loopDepth += 1
    let finish: Continuation = {
      self.loopDepth -= 1
      next()
    }
    repeatIterations(
      from: 0, count, label, servicesTimers: servicesTimers, fastForward: fastForward, body: body,
      then: finish)
  }

  private func repeatIterations(
    from start: Int, _ count: Int, _ label: Phrase, servicesTimers: Bool,
    fastForward: @escaping (Int) -> Void, body: @escaping (Int, @escaping Continuation) -> Void,
    then next: @escaping Continuation
  ) {
    guard compressRepeats, count > 1 else {
      iterate(start, start + count, servicesTimers: servicesTimers, body, then: next)
      return
    }
    atSafePoint(servicesTimers) {
      let begin = self.now
      let talliesBefore = self.tallies
      self.recorder.beginGroup(label: label, time: begin)
      body(start) {
        let span = self.now - begin
        precondition(span > 0, "a repeat body must take time")
        let remaining = count - 1
        var skipped = remaining
        if servicesTimers, let due = self.safePoints?.nextTimerDue() {
          let boundary = due <= self.now ? 0 : (due - self.now + span - 1) / span
          if boundary <= remaining - 1 { skipped = boundary }
        }
        if let iteration = self.recorder.endGroup(count: 1 + skipped) {
          precondition(
            iteration.simulatedNanoseconds == span, "a repeat body's events must cover its time")
        }
        let delta = self.tallies - talliesBefore
        self.scheduler.advance(by: span * skipped)
        self.tallies += delta * skipped
        fastForward(skipped)
        self.onEvent?(nil)
        guard skipped < remaining else { return next() }
        self.repeatIterations(
          from: start + 1 + skipped, remaining - skipped, label, servicesTimers: servicesTimers,
          fastForward: fastForward, body: body, then: next)
      }
    }
  }

  private func iterate(
    _ index: Int, _ end: Int, servicesTimers: Bool,
    _ body: @escaping (Int, @escaping Continuation) -> Void, then next: @escaping Continuation
  ) {
    guard index < end else {
      next()
      return
    }
    atSafePoint(servicesTimers) {
      body(index) {
        self.iterate(index + 1, end, servicesTimers: servicesTimers, body, then: next)
      }
    }
  }

  /// Fires the timers due now when `enabled`; the timers' own flows run outside any loop.
  private func atSafePoint(_ enabled: Bool, then next: @escaping Continuation) {
    guard enabled, let due = safePoints?.nextTimerDue(), due <= now else { return next() }
    let depth = loopDepth
    loopDepth = 0
    serviceDueTimers {
      self.loopDepth = depth
      next()
    }
  }
}
