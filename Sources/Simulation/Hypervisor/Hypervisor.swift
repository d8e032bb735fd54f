import HVHostModel
import HVSimKernel
import HVTrace

/// The hypervisor: the partitions it runs, their SynICs, the hypercalls and intercepts that
/// enter it (fact sheet §1.1, §1.5, §3.1).
///
/// Owns the partitions' state; nothing outside this folder can write it (the properties are
/// `internal(set)` in this module). Other components ask through the flows in this folder:
/// ``hypercall(_:from:_:details:work:then:)``, ``interceptIOPort(_:from:then:)``,
/// ``postSynICMessage(_:toGuest:)``, ``raiseEventFlag(_:toGuest:)``.
package final class Hypervisor {
  let kernel: Kernel
  let costs: CostTable
  /// Partition ids (its own stream: see ``RandomStream``).
  private let random: RandomStream

  /// The root partition: always there, always running.
  package internal(set) var rootPartition = Partition(id: 0, isRoot: true, state: .running)
  /// The VM's partition while it exists.
  package internal(set) var childPartition: Partition?
  /// The partition's guest-visible state (SynIC, intercepts) while the VM is saved.
  var savedPartition: Partition?

  package init(kernel: Kernel, costs: CostTable, seed: UInt64) {
    self.kernel = kernel
    self.costs = costs
    random = RandomStream(component: "hypervisor", seed: seed)
  }

  /// A fresh child partition id, as `HvCallCreatePartition` would return (seeded).
  package func drawPartitionID() -> UInt64 { 0x10 + random.next(below: 0xF0) }

  /// The id of the VM's partition, or 0 when there is none.
  package var childPartitionID: UInt64 { childPartition?.id ?? 0 }

  /// Problems in the hypervisor's own state: SynIC queues stay bounded.
  package func invariantViolations() -> [Violation] {
    var problems: [Violation] = []
    for partition in [rootPartition] + (childPartition.map { [$0] } ?? []) {
      for sint in 0..<SynIC.sintCount
      where partition.synic.pendingMessages[sint].count > SynIC.messageQueueLength + 1 {
        problems.append(
          Violation(.synicOverflow, "partition \(partition.id) SINT\(sint) holds too many messages")
        )
      }
    }
    return problems
  }
}
