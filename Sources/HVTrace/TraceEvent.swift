/// One hop of a request path: who talks to whom, when, how, and with which protocol message.
///
/// `time` and `duration` are simulated nanoseconds from the start of the trace. The model charges
/// each hop a cost from its cost table and the next hop starts when this one ends, so within a step
/// `next.time == time + duration` (the chain invariant the tests check).
public struct TraceEvent: Sendable, Hashable {
  /// 1-based position in the order the recorder received events (unique within a trace).
  public var seq: Int
  public var time: Int
  public var duration: Int
  /// The 1-based index of the step (request path) the event belongs to.
  public var step: Int
  public var from: String
  public var to: String
  public var kind: EventKind
  /// What happens, in the model's words (the site says it in the reader's language).
  public var phrase: Phrase
  /// The label in English (the JSON export's `label`).
  public var label: String { phrase.description }
  /// The protocol message by its full identifier (`CHANNELMSG_OFFERCHANNEL`, `HvCallSignalEvent`,
  /// `HVMSG_X64_IO_PORT_INTERCEPT`, `VM_PKT_COMP`), when the hop carries one.
  public var message: String?
  /// The service-level operation carried inside the message (`VSTOR_OPERATION_EXECUTE_SRB`,
  /// `KVP_OP_ENUMERATE`, `WRITE_TO_FILE`).
  public var operation: String?
  /// Protocol flags that matter to the reader (`ICTIMESYNCFLAG_SAMPLE`, `OVER_WRITE|CREATE_PATH`),
  /// contract §3.
  public var flags: String?
  public var details: [Detail]
  /// Bytes the model copies between buffers during this hop.
  public var bytesCopied: Int
  /// True when the hop crosses user↔kernel inside one partition (a context switch).
  public var switchesMode: Bool
  /// The bytes the hop writes (a ring packet as it sits in the ring), field by field.
  public var wire: WireImage?

  public init(
    seq: Int, time: Int, duration: Int, step: Int, from: String, to: String, kind: EventKind,
    label: Phrase, message: String? = nil, operation: String? = nil, flags: String? = nil,
    details: [Detail] = [], bytesCopied: Int = 0, switchesMode: Bool = false,
    wire: WireImage? = nil
  ) {
    self.seq = seq
    self.time = time
    self.duration = duration
    self.step = step
    self.from = from
    self.to = to
    self.kind = kind
    self.phrase = label
    self.message = message
    self.operation = operation
    self.flags = flags
    self.details = details
    self.bytesCopied = bytesCopied
    self.switchesMode = switchesMode
    self.wire = wire
  }

  /// What this single event adds to the counters: its kind's fixed contribution, its copied bytes,
  /// its duration and a context switch when it crosses user↔kernel.
  public var counters: Counters {
    var counters = kind.contribution
    counters.bytesCopied += bytesCopied
    counters.simulatedNanoseconds += duration
    if switchesMode { counters.contextSwitches += 1 }
    return counters
  }

  /// The value of the detail called `key`, if the event has one.
  public func detail(_ key: String) -> DetailValue? {
    details.first { $0.key == key }?.value
  }
}
