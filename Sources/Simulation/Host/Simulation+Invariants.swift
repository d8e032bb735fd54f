import HVHostModel
import HVHypervisor
import HVIntegrationServices
import HVSimKernel
import HVStorage
import HVVMBus

/// Invariants of the model's state, checked by tests after every event (model-codebases.md §4.3
/// items 6–7): ring indices never cross and free space stays positive, channels carry rings only
/// while open, SynIC queues stay bounded, every outstanding request is known.
extension Simulation {
  package func invariantViolations() -> [Violation] {
    var problems = kernel.violations
    problems += vmbus.invariantViolations()
    problems += hypervisor.invariantViolations()
    problems += storage.invariantViolations()
    problems += ics.invariantViolations()
    return problems
  }

  /// The model's state, for comparing a compressed run with a fully executed one.
  package var snapshot: SimulationSnapshot {
    SimulationSnapshot(
      now: now, rootPartition: hypervisor.rootPartition, childPartition: hypervisor.childPartition,
      powerState: powerState, ide: storage.ide, vmbusGuest: vmbusGuest, vmbusHost: vmbusHost,
      channels: channels, storvsc: storage.storvsc, storvsp: storage.storvsp,
      tallies: kernel.tallies,
      nextGuestLBA: storage.nextGuestLBA, icServices: ics.icServices, heartbeat: ics.heartbeat,
      timeSync: ics.timeSync, guestClock: ics.guestClock, kvpStore: ics.kvpStore,
      guestFiles: ics.guestFiles, guestHung: ics.guestHung)
  }
}

/// Everything that defines where the model stands.
package struct SimulationSnapshot: Sendable, Hashable {
  package var now: Int
  package var rootPartition: Partition
  package var childPartition: Partition?
  package var powerState: VMPowerState
  package var ide: EmulatedIDEController
  package var vmbusGuest: VMBusGuestState
  package var vmbusHost: VMBusHostState
  package var channels: [VMBusChannel]
  package var storvsc: StorVSCState
  package var storvsp: StorVSPState
  package var tallies: Tallies
  package var nextGuestLBA: Int
  package var icServices: [ICServiceState]
  package var heartbeat: HeartbeatState
  package var timeSync: TimeSyncState
  package var guestClock: GuestClock
  package var kvpStore: KVPStore
  package var guestFiles: GuestFileSystem
  package var guestHung: Bool
}
