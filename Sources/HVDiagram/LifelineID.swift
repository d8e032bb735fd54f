import HVTrace

/// What a lifeline stands for: one actor, or a whole partition when lifelines are collapsed
/// (`collapse=partition`). A type rather than "an actor id, or the partition's raw value", so
/// code cannot mistake one for the other (an actor and a partition are both called `hypervisor`).
public enum LifelineID: Hashable, Sendable {
  case actor(ActorKey)
  case partition(PartitionKind)

  /// The id as the SVG writes it (`…-actor-vmbus-guest`, `…-actor-root`).
  public var rawValue: String {
    switch self {
    case .actor(let key): key.rawValue
    case .partition(let partition): partition.rawValue
    }
  }
}
