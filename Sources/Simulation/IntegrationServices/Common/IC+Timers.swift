import HVHostModel
import HVSimKernel
import HVStorage
import HVTrace
import HVVMBus

/// The host's periodic Integration Service traffic (heartbeat pings every 2000 ms, time samples)
/// and the heartbeat's latency deadline, serviced at safe points: during `wait` (and any other
/// stretch of passing time), at the boundaries of loops that opt in, and at the end of every step.
///
/// Model assumption: the model has one virtual processor per partition, so a timer that comes due
/// while a request path is under way fires at the next safe point, late by at most one loop
/// iteration or one short step; traces stay sequential (each event starts when the previous ends).
extension IntegrationServices: SafePoints {
  /// What a timer does when it fires; at equal due times the order is the case order.
  enum TimerEvent: Int, Comparable, Sendable {
    case heartbeatDeadline
    case heartbeatPing
    case timeSample

    static func < (lhs: TimerEvent, rhs: TimerEvent) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The timers that would do something if they fired, earliest first. A heartbeat ping is not
  /// pending while the heartbeat's writer waits on a full ring (it has nothing new to send).
  func pendingTimers() -> [(due: Int, event: TimerEvent)] {
    guard powerState == .running else { return [] }
    var timers: [(due: Int, event: TimerEvent)] = []
    if let due = heartbeat.deadline { timers.append((due, .heartbeatDeadline)) }
    let beat = ic(.heartbeat)
    if beat.isReady, beat.blocked == nil, let due = beat.nextDue {
      timers.append((due, .heartbeatPing))
    }
    let time = ic(.timeSync)
    if time.isReady, time.blocked == nil, let due = time.nextDue {
      timers.append((due, .timeSample))
    }
    return timers.sorted { ($0.due, $0.event) < ($1.due, $1.event) }
  }

  package func nextTimerDue() -> Int? { pendingTimers().first?.due }

  /// Fires every timer due at or before now, earliest first.
  package func serviceDueTimers(then next: @escaping Continuation) {
    guard let first = pendingTimers().first, first.due <= kernel.now else { return next() }
    fire(first.event) { self.serviceDueTimers(then: next) }
  }

  private func fire(_ event: TimerEvent, then next: @escaping Continuation) {
    switch event {
    case .heartbeatDeadline: heartbeatDeadlinePassed(then: next)
    case .heartbeatPing: sendHeartbeat(then: next)
    case .timeSample: sendTimeSample(then: next)
    }
  }

  /// The next due time of a periodic timer that fired at `due`: one period later, skipping
  /// periods that already passed (a host thread that woke up late does not send a burst).
  func nextPeriod(after due: Int, period: Int) -> Int {
    var next = due + period
    while next <= kernel.now { next += period }
    return next
  }

  /// An idle stretch: who idles and how the trace says it, for a given length.
  package typealias IdleNote = (Int) -> (actor: ActorID, label: Phrase)

  /// Lets time pass until `end`, firing the timers that come due on the way. Whole cycles of
  /// identical periodic traffic are compressed into one repeat group (see ``steadyCycles()``).
  package func elapse(until end: Int, note: @escaping IdleNote, then next: @escaping Continuation) {
    guard let first = pendingTimers().first, first.due <= end else {
      return idle(end - kernel.now, note: note, then: next)
    }
    let start = max(first.due, kernel.now)
    if let length = cycleLength() {
      let cycles = min((end - start) / length, steadyCycles())
      if cycles >= 2 {
        idle(start - kernel.now, note: note) {
          self.repeatCycles(cycles, length: length, note: note) {
            self.elapse(until: end, note: note, then: next)
          }
        }
        return
      }
    }
    idle(start - kernel.now, note: note) {
      self.fire(first.event) { self.elapse(until: end, note: note, then: next) }
    }
  }

  /// One idle note of `nanoseconds` (nothing when zero).
  func idle(_ nanoseconds: Int, note: IdleNote, then next: @escaping Continuation) {
    guard nanoseconds > 0 else { return next() }
    let (actor, label) = note(nanoseconds)
    kernel.emit(
      .stateNote, actor, actor, label, details: [.int("nanoseconds", nanoseconds)],
      cost: nanoseconds, then: next)
  }

  /// The period after which the pending periodic traffic repeats: the least common multiple of the
  /// running timers' periods; nil when a one-shot deadline is pending or nothing periodic runs.
  func cycleLength() -> Int? {
    let timers = pendingTimers()
    guard !timers.isEmpty, !timers.contains(where: { $0.event == .heartbeatDeadline }) else {
      return nil
    }
    var length = 1
    for timer in timers {
      let period =
        timer.event == .heartbeatPing
        ? HeartbeatModel.intervalNanoseconds : TimeSyncModel.samplePeriodNanoseconds
      length = length / Self.gcd(length, period) * period
    }
    return length
  }

  static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

  /// How many cycles from now are sure to look exactly alike: the minimum over the periodic
  /// services (0 while one of them is changing state, e.g. the heartbeat losing contact).
  func steadyCycles() -> Int {
    guard let length = cycleLength() else { return 0 }
    return min(heartbeatSteadyCycles(length: length), timeSyncSteadyCycles(length: length))
  }

  private func repeatCycles(
    _ count: Int, length: Int, note: @escaping IdleNote, then next: @escaping Continuation
  ) {
    kernel.loop(
      count, "every \(duration: length)",
      fastForward: { skipped in
        self.fastForwardHeartbeat(cycles: skipped, length: length)
        self.fastForwardTimeSync(cycles: skipped, length: length)
      },
      body: { _, done in
        let cycleStart = self.kernel.now
        self.cycleBody(until: cycleStart + length, note: note, then: done)
      }, then: next)
  }

  private func cycleBody(
    until end: Int, note: @escaping IdleNote, then next: @escaping Continuation
  ) {
    guard let first = pendingTimers().first, first.due < end else {
      return idle(end - kernel.now, note: note, then: next)
    }
    idle(first.due - kernel.now, note: note) {
      self.fire(first.event) { self.cycleBody(until: end, note: note, then: next) }
    }
  }

  /// How many packets of `bytes` still fit into a ring with `free` bytes (a write needs strictly
  /// more free space than it writes).
  static func writesThatFit(free: Int, bytes: Int) -> Int { max(0, (free - 1) / bytes) }
}
