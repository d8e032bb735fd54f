/// One item of a step: a single event, or a repeat group standing for many identical round trips.
public enum TraceEntry: Sendable, Hashable {
  case event(TraceEvent)
  case group(RepeatGroup)

  /// The counters this entry adds up to; a group multiplies its body by its count.
  public var counters: Counters {
    switch self {
    case .event(let event): return event.counters
    case .group(let group): return group.counters
    }
  }

  /// Simulated start time of the entry.
  public var time: Int {
    switch self {
    case .event(let event): return event.time
    case .group(let group): return group.time
    }
  }

  /// Simulated time the entry covers, all iterations included.
  public var span: Int { counters.simulatedNanoseconds }

  /// The number of events the entry stands for once every repeat is expanded.
  public var expandedEventCount: Int {
    switch self {
    case .event: return 1
    case .group(let group):
      return group.count * group.entries.reduce(0) { $0 + $1.expandedEventCount }
    }
  }

  /// The number of events actually stored (each group body once).
  public var storedEventCount: Int {
    switch self {
    case .event: return 1
    case .group(let group): return group.entries.reduce(0) { $0 + $1.storedEventCount }
    }
  }
}

/// A run of identical round trips recorded once with a count (`loop ×256 { … }`).
///
/// The body is the first iteration as the model executed it; the remaining `count - 1` iterations
/// are identical in structure, cost and counters (their detail values, such as an LBA or a ring
/// index, advance as the label says). Groups nest: sectors × data-port words.
public struct RepeatGroup: Sendable, Hashable {
  /// Sequence number shared with events (the group takes the number before its first event).
  public var seq: Int
  public var time: Int
  public var step: Int
  public var count: Int
  /// What one iteration is (`for each of 256 data words`), in the model's words.
  public var title: Phrase
  /// The title in English.
  public var label: String { title.description }
  public var entries: [TraceEntry]

  public init(seq: Int, time: Int, step: Int, count: Int, label: Phrase, entries: [TraceEntry]) {
    self.seq = seq
    self.time = time
    self.step = step
    self.count = count
    self.title = label
    self.entries = entries
  }

  /// Counters of one iteration (the body as recorded).
  public var iterationCounters: Counters {
    entries.reduce(Counters()) { $0 + $1.counters }
  }

  /// Counters of all iterations: the body multiplied by the count, exactly.
  public var counters: Counters { iterationCounters * count }

  /// The id of the actor that starts each iteration (the first event's sender).
  public var firstActor: String? {
    for entry in entries {
      switch entry {
      case .event(let event): return event.from
      case .group(let group): if let actor = group.firstActor { return actor }
      }
    }
    return nil
  }
}
