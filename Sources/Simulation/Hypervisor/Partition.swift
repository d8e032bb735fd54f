import HVHostModel
import HVSimKernel

/// A partition as the hypervisor sees it (fact sheet §1.1).
package struct Partition: Sendable, Hashable {
  /// Life cycle of a child partition, driven by the root's hypercalls.
  package enum State: String, Sendable, Hashable {
    /// `HvCallCreatePartition` returned an id.
    case created
    /// `HvCallInitializePartition` succeeded; memory and VPs can be added.
    case initialized
    /// A virtual processor runs guest code.
    case running
    /// `HvCallDeletePartition` tore it down.
    case deleted
  }

  package var id: UInt64
  package var isRoot: Bool
  package var state: State
  /// The SynIC of virtual processor 0 (the model gives every partition one VP).
  package var synic = SynIC()
  /// I/O ports whose accesses the hypervisor forwards to the root (`HvCallInstallIntercept`).
  package var interceptedPorts: [ClosedRange<UInt16>] = []
  /// Whether the guest wrote `HV_X64_MSR_HYPERCALL` (enable bit) and may issue hypercalls.
  package var hypercallsEnabled = false

  package init(id: UInt64, isRoot: Bool, state: State) {
    self.id = id
    self.isRoot = isRoot
    self.state = state
  }

  /// True when an access to `port` traps to the root.
  package func intercepts(port: UInt16) -> Bool {
    interceptedPorts.contains { $0.contains(port) }
  }
}
