import HVHostModel
import HVIntegrationServices
import HVStorage
import HVVMBus
import HVHypervisor
import HVSimKernel
import HVSimKernel

/// Invariants of the model's state, checked by tests after every event (model-codebases.md §4.3
/// items 6–7): ring indices never cross and free space stays positive, channels carry rings only
/// while open, SynIC queues stay bounded, every outstanding request is known.
extension Simulation {
  public func invariantViolations() -> [Violation] {
    var problems = kernel.violations
    problems += vmbus.invariantViolations()
    problems += hypervisor.invariantViolations()
    problems += storage.invariantViolations()
    problems += ics.invariantViolations()
    return problems
  }

  /// The model's state, for comparing a compressed run with a fully executed one.
  public var snapshot: SimulationSnapshot {
    SimulationSnapshot(
      now: now, rootPartition: hypervisor.rootPartition, childPartition: hypervisor.childPartition,
      powerState: powerState, ide: storage.ide, vmbusGuest: vmbusGuest, vmbusHost: vmbusHost,
      channels: channels, storvsc: storage.storvsc, storvsp: storage.storvsp, tallies: kernel.tallies,
      nextGuestLBA: storage.nextGuestLBA, icServices: ics.icServices, heartbeat: ics.heartbeat,
      timeSync: ics.timeSync, guestClock: ics.guestClock, kvpStore: ics.kvpStore,
      guestFiles: ics.guestFiles, guestHung: ics.guestHung)
  }
}

/// Everything that defines where the model stands.
public struct SimulationSnapshot: Sendable, Hashable {
  public var now: Int
  public var rootPartition: Partition
  public var childPartition: Partition?
  public var powerState: VMPowerState
  public var ide: EmulatedIDEController
  public var vmbusGuest: VMBusGuestState
  public var vmbusHost: VMBusHostState
  public var channels: [VMBusChannel]
  public var storvsc: StorVSCState
  public var storvsp: StorVSPState
  public var tallies: Tallies
  public var nextGuestLBA: Int
  public var icServices: [ICServiceState]
  public var heartbeat: HeartbeatState
  public var timeSync: TimeSyncState
  public var guestClock: GuestClock
  public var kvpStore: KVPStore
  public var guestFiles: GuestFileSystem
  public var guestHung: Bool
}
