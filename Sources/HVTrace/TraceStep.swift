/// One step of a scenario (`write-disk: 10 KiB`), i.e. one request path of the trace.
public struct TraceStep: Sendable, Hashable {
  /// 1-based position among the scenario's steps.
  public var index: Int
  /// The step name as written in the scenario (`write-disk`).
  public var action: String
  /// The step's value as written (`10 KiB`), empty when the step takes none.
  public var argument: String
  /// Simulated time when the step began.
  public var time: Int
  public var entries: [TraceEntry]

  public init(index: Int, action: String, argument: String, time: Int, entries: [TraceEntry]) {
    self.index = index
    self.action = action
    self.argument = argument
    self.time = time
    self.entries = entries
  }

  /// Per-step counters, derived from the entries.
  public var totals: Counters {
    entries.reduce(Counters()) { $0 + $1.counters }
  }

  /// `write-disk 10 KiB`, the way transcripts and diagrams title the step.
  public var title: String { argument.isEmpty ? action : "\(action) \(argument)" }
}
