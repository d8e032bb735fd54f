/// Where a component runs: which partition owns it.
///
/// The contract (CONTENT-CONTRACT.md §3) fixes these four raw values; diagrams group lifelines by them.
public enum PartitionKind: String, Sendable, Hashable, CaseIterable {
  case root
  case child
  case hypervisor
  case hardware
}

/// The processor mode a component runs in.
///
/// A change between `user` and `kernel` inside one partition is a context switch, the seed
/// article's definition that the `contextSwitches` counter uses (contract §3).
public enum ExecutionMode: String, Sendable, Hashable, CaseIterable {
  case user
  case kernel
  case hypervisor
  case hardware
}

/// One lifeline of a trace: a component of the host or the guest.
///
/// Ids are kebab-case and stable (`vmwp`, `storvsp`, `vmbus-guest`): lessons and the JSON export
/// refer to them, so renaming one is a contract change.
public struct Actor: Sendable, Hashable {
  public var id: String
  public var name: String
  public var partition: PartitionKind
  public var mode: ExecutionMode

  public init(id: String, name: String, partition: PartitionKind, mode: ExecutionMode) {
    self.id = id
    self.name = name
    self.partition = partition
    self.mode = mode
  }

  /// True when a call between the two actors crosses user↔kernel inside one partition.
  public static func isContextSwitch(from: Actor, to: Actor) -> Bool {
    guard from.partition == to.partition else { return false }
    let modes: Set<ExecutionMode> = [from.mode, to.mode]
    return modes == [.user, .kernel]
  }
}
