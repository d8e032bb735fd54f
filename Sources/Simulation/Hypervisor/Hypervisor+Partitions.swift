import HVHostModel
import HVSimKernel
import HVTrace

/// The child partition's life cycle, driven by the root's hypercalls (fact sheet §1.1, §1.2).
extension Hypervisor {
  /// `HvCallCreatePartition` then `HvCallInitializePartition`: the same two calls for a new VM and
  /// for one restored from its saved state, whose SynIC and intercepts come back with it.
  package func createChildPartition(
    id partitionID: UInt64, restoring: Bool, then next: @escaping Kernel.Continuation
  ) {
    let hex = DetailValue.hexString(partitionID, digits: 4)
    kernel.run(
      [
        { done in
          var partition =
            restoring
            ? (self.savedPartition ?? Partition(id: partitionID, isRoot: false, state: .created))
            : Partition(id: partitionID, isRoot: false, state: .created)
          partition.id = partitionID
          partition.state = .created
          self.childPartition = partition
          self.hypercall(
            .createPartition, from: .vid, "create the child partition",
            details: [.hex("partition_id", partitionID, digits: 4)],
            work: self.costs.partitionSetup,
            then: done)
        },
        { done in
          self.childPartition?.state = .initialized
          self.hypercall(
            .initializePartition, from: .vid, "initialize partition \(hex)",
            details: [.hex("partition_id", partitionID, digits: 4)],
            work: self.costs.partitionSetup,
            then: done)
        },
      ], then: next)
  }

  /// `HvCallInstallIntercept` for the I/O ports an emulated device claims.
  package func installPortIntercepts(
    _ ranges: [ClosedRange<UInt16>], _ label: Phrase, details: [Detail],
    then next: @escaping Kernel.Continuation
  ) {
    childPartition?.interceptedPorts = ranges
    hypercall(.installIntercept, from: .vid, label, details: details, then: next)
  }

  /// VP 0 starts (or resumes) running guest code.
  package func markChildRunning() { childPartition?.state = .running }

  /// `HvCallDeletePartition`; with `keepingState` the partition's guest-visible state is kept for
  /// a restore (`Save-VM`).
  package func deleteChildPartition(
    _ label: Phrase, keepingState: Bool = false, then next: @escaping Kernel.Continuation
  ) {
    let partitionID = childPartitionID
    if keepingState { savedPartition = childPartition }
    childPartition?.state = .deleted
    hypercall(
      .deletePartition, from: .vid, label, details: [.hex("partition_id", partitionID, digits: 4)],
      work: costs.partitionTeardown, then: next)
  }

  /// The deleted partition is gone from the hypervisor's tables.
  package func forgetChildPartition() { childPartition = nil }
}
