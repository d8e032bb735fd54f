import HVTrace

/// What a diagram shows, from the `trace` directive's options (CONTENT-CONTRACT.md §2).
public struct DiagramOptions: Sendable, Hashable {
  public enum Lifelines: String, Sendable, Hashable, CaseIterable {
    /// One lifeline per component (`vmwp`, `vid`, `storvsp`, …).
    case component
    /// One lifeline per partition (`collapse=partition`).
    case partition
  }

  public var lifelines: Lifelines
  /// Only this request path (`step=N`), or every step.
  public var step: Int?
  /// Only these messages (`messages=90-150`), numbered as in the whole diagram so deep links and
  /// the transcript keep their numbers; lifelines nobody uses in the range are left out.
  public var messages: ClosedRange<Int>?

  public init(
    lifelines: Lifelines = .component, step: Int? = nil, messages: ClosedRange<Int>? = nil
  ) {
    self.lifelines = lifelines
    self.step = step
    self.messages = messages
  }
}

/// Every word a diagram draws that is not a protocol identifier, in the page's language.
///
/// Protocol names (`CHANNELMSG_OFFERCHANNEL`, `HvCallSignalEvent`) stay as they are in every
/// language; everything else comes from here.
public struct DiagramText: Sendable {
  public var partitionNames: [PartitionKind: String]
  public var modeNames: [ExecutionMode: String]
  public var kindNames: [EventKind: String]
  /// `loop ×{count}`: `{count}` is replaced by the repeat count.
  public var loopFormat: String
  /// `Step {index}: {title}`.
  public var stepFormat: String
  /// Lifeline titles by actor id in this language; actors not listed keep the trace's name.
  public var actorNames: [ActorKey: String]

  public init(
    partitionNames: [PartitionKind: String], modeNames: [ExecutionMode: String],
    kindNames: [EventKind: String], loopFormat: String, stepFormat: String,
    actorNames: [ActorKey: String] = [:]
  ) {
    self.actorNames = actorNames
    self.partitionNames = partitionNames
    self.modeNames = modeNames
    self.kindNames = kindNames
    self.loopFormat = loopFormat
    self.stepFormat = stepFormat
  }

  /// English names, for tests and tools that have no strings file.
  public static let english = DiagramText(
    partitionNames: [
      .child: "Child partition", .hypervisor: "Hypervisor", .root: "Root partition",
      .hardware: "Hardware",
    ],
    modeNames: [
      .user: "user mode", .kernel: "kernel mode", .hypervisor: "hypervisor", .hardware: "hardware",
    ],
    kindNames: [
      .call: "call", .return: "return", .hypercall: "hypercall", .vmExit: "VM exit (trap)",
      .vmEntry: "VM entry", .interceptMessage: "intercept message",
      .interrupt: "interrupt / signal",
      .vmbusMessage: "VMBus control message", .ringPacket: "ring-buffer packet",
      .stateNote: "state change", .logNote: "host log entry",
    ],
    loopFormat: "loop ×{count}", stepFormat: "Step {index}: {title}")

  func loop(_ count: Int) -> String { loopFormat.replacing("{count}", with: String(count)) }

  func step(_ index: Int, _ title: String) -> String {
    stepFormat.replacing("{index}", with: String(index)).replacing("{title}", with: title)
  }
}
