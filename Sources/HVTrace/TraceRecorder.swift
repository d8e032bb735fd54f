/// Collects events into steps and repeat groups while a simulation runs, then yields a ``Trace``.
///
/// The simulation writes through this one object; it knows nothing about exports. A recorder can be
/// muted: the model then runs (for example the power-on that precedes a `state: running` scenario)
/// without storing anything.
public final class TraceRecorder {
  private let catalog: [Actor]
  private var catalogIndex: [String: Int] = [:]
  private var usedActors: Set<String> = []
  private var steps: [TraceStep] = []
  private var openStep: (index: Int, action: String, argument: String, time: Int)?
  private var frames: [Frame] = []
  private var nextSeq = 1
  private var log: [HostLogEntry] = []

  /// When true, events, groups and log entries are dropped.
  public var isMuted = false

  private struct Frame {
    var seq: Int
    var time: Int
    var label: Phrase
    var entries: [TraceEntry]
  }

  /// - Parameter actors: every actor the model may use, in the order lifelines should appear.
  public init(actors: [Actor]) {
    catalog = actors
    for (index, actor) in actors.enumerated() {
      precondition(catalogIndex[actor.id] == nil, "duplicate actor id \(actor.id)")
      catalogIndex[actor.id] = index
    }
  }

  /// The actor registered under `id`.
  public func actor(_ id: String) -> Actor {
    guard let index = catalogIndex[id] else { preconditionFailure("unknown actor id \(id)") }
    return catalog[index]
  }

  public func beginStep(index: Int, action: String, argument: String, time: Int) {
    precondition(openStep == nil && frames.isEmpty, "step \(index) begins inside another step")
    openStep = (index, action, argument, time)
    frames = [Frame(seq: 0, time: time, label: "", entries: [])]
  }

  public func endStep() {
    guard let open = openStep else { preconditionFailure("endStep without beginStep") }
    precondition(frames.count == 1, "step \(open.index) ends inside a repeat group")
    steps.append(
      TraceStep(
        index: open.index, action: open.action, argument: open.argument, time: open.time,
        entries: frames[0].entries))
    frames = []
    openStep = nil
  }

  /// Records one event; returns it (nil when muted or outside a step).
  @discardableResult
  public func record(
    time: Int, duration: Int, from: String, to: String, kind: EventKind, label: Phrase,
    message: String? = nil, operation: String? = nil, flags: String? = nil, details: [Detail] = [],
    bytesCopied: Int = 0, wire: (() -> WireImage)? = nil
  ) -> TraceEvent? {
    let fromActor = actor(from), toActor = actor(to)
    guard !isMuted, let open = openStep else { return nil }
    usedActors.insert(from)
    usedActors.insert(to)
    let event = TraceEvent(
      seq: nextSeq, time: time, duration: duration, step: open.index, from: from, to: to,
      kind: kind, label: label, message: message, operation: operation, flags: flags,
      details: details,
      bytesCopied: bytesCopied,
      switchesMode: Actor.isContextSwitch(from: fromActor, to: toActor), wire: wire?())
    nextSeq += 1
    frames[frames.count - 1].entries.append(.event(event))
    return event
  }

  /// Opens a repeat group; the events recorded until ``endGroup(count:)`` are its body.
  public func beginGroup(label: Phrase, time: Int) {
    guard !isMuted, openStep != nil else { return }
    frames.append(Frame(seq: nextSeq, time: time, label: label, entries: []))
    nextSeq += 1
  }

  /// Closes the innermost group, which stands for `count` iterations of its body.
  /// - Returns: the counters of one iteration, or nil when muted.
  @discardableResult
  public func endGroup(count: Int) -> Counters? {
    guard !isMuted, let open = openStep else { return nil }
    precondition(frames.count > 1, "endGroup without beginGroup")
    precondition(count >= 1, "a repeat group needs a positive count")
    let frame = frames.removeLast()
    let group = RepeatGroup(
      seq: frame.seq, time: frame.time, step: open.index, count: count, label: frame.label,
      entries: frame.entries)
    frames[frames.count - 1].entries.append(.group(group))
    return group.iterationCounters
  }

  /// Adds a host event-log entry at simulated time `time`.
  public func log(time: Int, source: String, message: Phrase) {
    guard !isMuted else { return }
    log.append(HostLogEntry(time: SimulatedTime.clock(time), source: source, message: message))
  }

  /// The finished trace. Actors are the ones that took part, in catalog order.
  public func finish(
    scenario: String, seed: UInt64, integrationServices: [IntegrationServiceStatus],
    vm: VMStatus, configuration: [Detail]
  ) -> Trace {
    precondition(openStep == nil, "finish inside a step")
    return Trace(
      scenario: scenario, seed: seed, actors: catalog.filter { usedActors.contains($0.id) },
      steps: steps, integrationServices: integrationServices, vm: vm, hostLog: log,
      configuration: configuration)
  }
}
