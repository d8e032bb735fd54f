import HVTrace

/// A trace as a sequence diagram sees it: lifelines in drawing order, and a flat list of rows
/// (dividers, messages, notes, loop brackets) numbered the way the transcript numbers them.
///
/// Building it is the only place that knows how trace entries map to drawing items; layout and
/// SVG only ever see this value.
public struct SequenceModel: Sendable, Hashable {
  public struct Lifeline: Sendable, Hashable {
    /// The actor, or the partition when lifelines are collapsed.
    public var id: LifelineID
    public var title: String
    public var partition: PartitionKind
    /// Nil when the lifeline stands for a whole partition.
    public var mode: ExecutionMode?

    /// The actor it stands for; nil for a partition.
    public var actor: ActorKey? {
      if case .actor(let key) = id { return key }
      return nil
    }
  }

  public struct Message: Sendable, Hashable {
    /// 1-based position among the diagram's messages and notes: the walkthrough step number.
    public var number: Int
    public var from: Int
    public var to: Int
    public var kind: EventKind
    /// The protocol identifier (`HvCallSignalEvent`), when there is one.
    public var message: String?
    public var operation: String?
    /// The event's label in the diagram's language (``PhraseBook``).
    public var label: String
    /// True when the label, or part of it, had no translation and stayed English.
    public var labelIsEnglish: Bool = false
    public var event: TraceEvent
    /// How many loops enclose it (0 outside any loop).
    public var depth: Int
  }

  public enum Row: Sendable, Hashable {
    case divider(step: Int, title: String)
    case message(Message)
    case note(Message)
    /// `english`: the label had no translation and stayed English.
    case loopStart(count: Int, label: String, depth: Int, english: Bool = false)
    case loopEnd(depth: Int)
  }

  public var scenario: String
  public var lifelines: [Lifeline]
  public var rows: [Row]

  /// Messages and notes in order: what the walkthrough steps through.
  public var messages: [Message] {
    rows.compactMap {
      switch $0 {
      case .message(let message), .note(let message): message
      default: nil
      }
    }
  }

  /// - Parameter phrases: the language the model's labels are said in (English by default).
  public init(trace: Trace, options: DiagramOptions, phrases: PhraseBook = .english) {
    scenario = trace.scenario
    let actorOrder = Self.order(trace.actors)
    switch options.lifelines {
    case .component:
      lifelines = actorOrder.map {
        Lifeline(id: .actor($0.key), title: $0.name, partition: $0.partition, mode: $0.mode)
      }
    case .partition:
      var seen: [PartitionKind] = []
      for actor in actorOrder where !seen.contains(actor.partition) { seen.append(actor.partition) }
      lifelines = seen.map {
        Lifeline(id: .partition($0), title: $0.rawValue, partition: $0, mode: nil)
      }
    }
    var builder = Builder(lifelines: lifelines, actors: trace.actors, options: options)
    builder.phrases = phrases
    for step in trace.steps where options.step == nil || options.step == step.index {
      builder.rows.append(.divider(step: step.index, title: step.title))
      builder.add(step.entries, depth: 0)
    }
    rows = builder.rows
    if let range = options.messages { restrict(to: range) }
  }

  /// Keeps the messages numbered within `range`, the loops and request-path dividers around
  /// them, and the lifelines they use.
  private mutating func restrict(to range: ClosedRange<Int>) {
    var kept: [Row] = []
    for row in rows {
      switch row {
      case .message(let message), .note(let message):
        if range.contains(message.number) { kept.append(row) }
      case .loopEnd:
        if case .loopStart = kept.last { kept.removeLast() } else { kept.append(row) }
      default:
        kept.append(row)
      }
    }
    // A divider with nothing after it before the next divider introduces nothing.
    rows = kept.enumerated().filter { index, row in
      guard case .divider = row else { return true }
      let next = kept.dropFirst(index + 1).first
      if case .divider = next { return false }
      return next != nil
    }.map(\.1)
    let used = Set(messages.flatMap { [$0.from, $0.to] })
    let keep = lifelines.indices.filter { used.contains($0) }
    let renumber = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
    lifelines = keep.map { lifelines[$0] }
    rows = rows.map { row in
      switch row {
      case .message(var message):
        message.from = renumber[message.from]!
        message.to = renumber[message.to]!
        return .message(message)
      case .note(var message):
        message.from = renumber[message.from]!
        message.to = renumber[message.to]!
        return .note(message)
      default: return row
      }
    }
  }

  /// Left to right: the child partition (user, then kernel), the hypervisor, the root partition
  /// (kernel, then user) and the hardware, so a request from a guest application travels right
  /// and every partition boundary is crossed in one place. Within a band, trace order.
  static func order(_ actors: [Actor]) -> [Actor] {
    func rank(_ actor: Actor) -> Int {
      switch (actor.partition, actor.mode) {
      case (.child, .user): 0
      case (.child, _): 1
      case (.hypervisor, _): 2
      case (.root, .kernel), (.root, .hypervisor), (.root, .hardware): 3
      case (.root, .user): 4
      case (.hardware, _): 5
      }
    }
    return actors.enumerated().sorted {
      (rank($0.element), $0.offset) < (rank($1.element), $1.offset)
    }
    .map(\.element)
  }

  private struct Builder {
    let index: [String: Int]
    var phrases = PhraseBook.english
    var rows: [Row] = []
    var number = 0

    init(lifelines: [Lifeline], actors: [Actor], options: DiagramOptions) {
      var index: [String: Int] = [:]
      let position = Dictionary(uniqueKeysWithValues: lifelines.enumerated().map { ($1.id, $0) })
      for actor in actors {
        let lifeline: LifelineID =
          options.lifelines == .component ? .actor(actor.key) : .partition(actor.partition)
        index[actor.id] = position[lifeline]
      }
      self.index = index
    }

    mutating func add(_ entries: [TraceEntry], depth: Int) {
      for entry in entries {
        switch entry {
        case .event(let event):
          guard let from = index[event.from], let to = index[event.to] else { continue }
          number += 1
          let label = phrases.render(event.phrase)
          let message = Message(
            number: number, from: from, to: to, kind: event.kind,
            message: event.message, operation: event.operation, label: label.text,
            labelIsEnglish: label.missing, event: event, depth: depth)
          let isNote = event.kind == .stateNote || event.kind == .logNote
          rows.append(isNote ? .note(message) : .message(message))
        case .group(let group):
          let label = phrases.render(group.title)
          rows.append(
            .loopStart(count: group.count, label: label.text, depth: depth, english: label.missing))
          add(group.entries, depth: depth + 1)
          rows.append(.loopEnd(depth: depth))
        }
      }
    }
  }
}
