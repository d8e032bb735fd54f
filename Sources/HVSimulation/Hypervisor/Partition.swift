/// A partition as the hypervisor sees it (fact sheet §1.1).
public struct Partition: Sendable, Hashable {
  /// Life cycle of a child partition, driven by the root's hypercalls.
  public enum State: String, Sendable, Hashable {
    /// `HvCallCreatePartition` returned an id.
    case created
    /// `HvCallInitializePartition` succeeded; memory and VPs can be added.
    case initialized
    /// A virtual processor runs guest code.
    case running
    /// `HvCallDeletePartition` tore it down.
    case deleted
  }

  public var id: UInt64
  public var isRoot: Bool
  public var state: State
  /// The SynIC of virtual processor 0 (the model gives every partition one VP).
  public var synic = SynIC()
  /// I/O ports whose accesses the hypervisor forwards to the root (`HvCallInstallIntercept`).
  public var interceptedPorts: [ClosedRange<UInt16>] = []
  /// Whether the guest wrote `HV_X64_MSR_HYPERCALL` (enable bit) and may issue hypercalls.
  public var hypercallsEnabled = false

  public init(id: UInt64, isRoot: Bool, state: State) {
    self.id = id
    self.isRoot = isRoot
    self.state = state
  }

  /// True when an access to `port` traps to the root.
  public func intercepts(port: UInt16) -> Bool {
    interceptedPorts.contains { $0.contains(port) }
  }
}

/// What the hypervisor did, counted by the hypervisor itself.
///
/// Tests compare these tallies with the counters derived from the trace: two independent paths
/// to the same numbers.
public struct HypervisorStatistics: Sendable, Hashable {
  public var hypercalls = 0
  public var trappedInstructions = 0
  public var interceptMessages = 0
  public var vmbusMessagesDelivered = 0
  public var interruptsDelivered = 0

  public init() {}

  static func * (lhs: HypervisorStatistics, count: Int) -> HypervisorStatistics {
    var result = HypervisorStatistics()
    result.hypercalls = lhs.hypercalls * count
    result.trappedInstructions = lhs.trappedInstructions * count
    result.interceptMessages = lhs.interceptMessages * count
    result.vmbusMessagesDelivered = lhs.vmbusMessagesDelivered * count
    result.interruptsDelivered = lhs.interruptsDelivered * count
    return result
  }

  static func - (lhs: HypervisorStatistics, rhs: HypervisorStatistics) -> HypervisorStatistics {
    var result = lhs
    result.hypercalls -= rhs.hypercalls
    result.trappedInstructions -= rhs.trappedInstructions
    result.interceptMessages -= rhs.interceptMessages
    result.vmbusMessagesDelivered -= rhs.vmbusMessagesDelivered
    result.interruptsDelivered -= rhs.interruptsDelivered
    return result
  }

  static func += (lhs: inout HypervisorStatistics, rhs: HypervisorStatistics) {
    lhs.hypercalls += rhs.hypercalls
    lhs.trappedInstructions += rhs.trappedInstructions
    lhs.interceptMessages += rhs.interceptMessages
    lhs.vmbusMessagesDelivered += rhs.vmbusMessagesDelivered
    lhs.interruptsDelivered += rhs.interruptsDelivered
  }
}
