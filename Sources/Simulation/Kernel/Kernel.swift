import HVTrace

/// The domain-free core of the model: one clock, one scheduler, one recorder.
///
/// **What it is.** The kernel runs *sequential scripts with safe points*, not a general
/// discrete-event engine with timer events. A flow is a chain of hops written in
/// continuation-passing style; every hop is one recorded event (``emit(_:from:to:_:message:operation:flags:details:bytes:cost:then:)``)
/// that schedules the next hop `cost` nanoseconds later, so simulated time only advances through
/// recorded events and each event starts when the previous one ends. Periodic host traffic
/// (heartbeats, time samples) is *not* scheduled as events: the components keep due times, and
/// the kernel asks its ``SafePoints`` provider to fire what came due at the points where a
/// one-VP guest could take an interrupt — loop boundaries that opt in and the end of every step
/// (see docs/SIMULATION.md, "Timers and safe points"). The scheduler underneath only orders the
/// hops of the one script that is running.
///
/// The kernel knows nothing of Hyper-V: actors are strings, violations and tallies have kinds
/// declared by the components that report them.
package final class Kernel {
  package typealias Continuation = () -> Void
  package typealias Action = (@escaping Continuation) -> Void

  let scheduler = Scheduler()
  let recorder: TraceRecorder
  /// Whether repeats run one iteration and apply the rest (see ``loop(_:_:timers:fastForward:body:then:)``).
  package let compressRepeats: Bool

  /// Problems found while running (a packet on a closed channel, an unknown completion).
  package private(set) var violations: [Violation] = []
  /// What the components counted of their own work.
  package internal(set) var tallies = Tallies()
  /// Events executed (including muted ones and only the first iteration of a compressed repeat).
  package private(set) var executedEvents = 0
  /// Called after every event with the event (nil while muted, and after a compressed repeat
  /// applied its skipped iterations): tests check invariants here.
  package var onEvent: ((TraceEvent?) -> Void)?
  /// Who fires the timers that came due, at safe points.
  package weak var safePoints: (any SafePoints)?
  /// Depth of nested ``loop(_:_:timers:fastForward:body:then:)`` calls.
  var loopDepth = 0

  package init(actors: [Actor], compressRepeats: Bool) {
    recorder = TraceRecorder(actors: actors)
    self.compressRepeats = compressRepeats
  }

  /// The current simulated time in nanoseconds.
  package var now: Int { scheduler.now }

  // MARK: Hops

  /// Records one hop now and continues `cost` nanoseconds later.
  package func emit(
    _ kind: EventKind, from: String, to: String, _ label: Phrase, message: String? = nil,
    operation: String? = nil, flags: String? = nil, details: [Detail] = [], bytes: Int = 0,
    wire: (() -> WireImage)? = nil, cost: Int, then next: @escaping Continuation
  ) {
    let event = recorder.record(
      time: now, duration: cost, from: from, to: to, kind: kind, label: label,
      message: message, operation: operation, flags: flags, details: details, bytesCopied: bytes,
      wire: wire)
    executedEvents += 1
    onEvent?(event)
    scheduler.schedule(at: now + cost, next)
  }

  /// Runs `actions` one after the other, then `next`.
  package func run(_ actions: [Action], then next: @escaping Continuation) {
    perform(actions[...], then: next)
  }

  private func perform(_ actions: ArraySlice<Action>, then next: @escaping Continuation) {
    guard let first = actions.first else {
      next()
      return
    }
    first { self.perform(actions.dropFirst(), then: next) }
  }

  /// Starts `flow` now and runs the scheduler until everything settled; the flow must finish.
  package func execute(_ flow: @escaping Action) {
    var finished = false
    scheduler.schedule(at: now) { flow { finished = true } }
    scheduler.runUntilIdle()
    precondition(finished, "a flow stopped before reaching its end")
  }

  /// Fires the timers due now (a safe point), then continues.
  package func serviceDueTimers(then next: @escaping Continuation) {
    guard let safePoints else { return next() }
    safePoints.serviceDueTimers(then: next)
  }

  // MARK: What the components report

  package func report(_ kind: Violation.Kind, _ detail: String) {
    violations.append(Violation(kind, detail))
  }

  package func count(_ key: Tallies.Key, _ amount: Int = 1) {
    tallies.add(amount, to: key)
  }

  /// One line of the host's event log, at the current time.
  package func log(source: String, message: Phrase) {
    recorder.log(time: now, source: source, message: message)
  }

  // MARK: Steps and the trace

  /// While muted, events run and change state but are not recorded (a silent power-on).
  package var isMuted: Bool {
    get { recorder.isMuted }
    set { recorder.isMuted = newValue }
  }

  /// Sets the clock back to zero; only when idle (the silent power-on before a trace begins).
  package func resetClock() { scheduler.resetClock() }

  package func beginStep(index: Int, action: String, argument: String) {
    recorder.beginStep(index: index, action: action, argument: argument, time: now)
  }

  package func endStep() { recorder.endStep() }

  /// The trace of everything recorded so far.
  package func finish(
    scenario: String, seed: UInt64, integrationServices: [IntegrationServiceStatus], vm: VMStatus,
    configuration: [Detail]
  ) -> Trace {
    recorder.finish(
      scenario: scenario, seed: seed, integrationServices: integrationServices, vm: vm,
      configuration: configuration)
  }
}

/// Who owns the model's timers: the kernel asks at every safe point.
package protocol SafePoints: AnyObject {
  /// The earliest due time of a timer that would do something if it fired.
  func nextTimerDue() -> Int?
  /// Fires every timer due at or before now, earliest first, then continues.
  func serviceDueTimers(then next: @escaping Kernel.Continuation)
}
