import HVHostModel
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
    problems += integrationServiceViolations().map { Violation(.icState, $0) }
    return problems
  }

  /// The services' state agrees with their channels: a ready service has an opened channel of its
  /// class; a parked message means `pending_send_sz` is set (until the guest's signal); the heartbeat is
  /// Lost only after enough misses; a periodic timer runs only for a ready service of a running VM.
  private func integrationServiceViolations() -> [String] {
    var problems: [String] = []
    for state in icServices {
      let name = state.service.rawValue
      if state.phase == .ready {
        guard let relid = state.relid, Int(relid) <= channels.count else {
          problems.append("\(name) is ready without a channel")
          continue
        }
        let channel = channels[Int(relid) - 1]
        if channel.offer.deviceClass != state.service.deviceClass {
          problems.append("\(name) points at relid \(relid) of class \(channel.offer.deviceClass)")
        }
        if channel.state != .opened && powerState == .running {
          problems.append("\(name) is ready but relid \(relid) is \(channel.state.rawValue)")
        }
      }
      if let blocked = state.blocked, let relid = state.relid, let ring = channels[Int(relid) - 1].inbound {
        let bytes = icPacket(blocked, requestID: state.blockedRequestID).ringBytes
        if ring.pendingSendSize != bytes { problems.append("\(name) waits but pending_send_sz is \(ring.pendingSendSize)") }
      }
      if state.nextDue != nil, state.phase != .ready || !(powerState == .running || powerState == .starting) {
        problems.append("\(name) has a timer while \(state.phase.rawValue) and the VM is \(powerState.rawValue)")
      }
      if state.outstanding != nil, ![.shutdown, .dataExchange, .backup, .guestServices].contains(state.service) {
        problems.append("\(name) waits for an answer although it never waits")
      }
    }
    if heartbeat.status == .lostCommunication, heartbeat.missed < HeartbeatModel.errorThreshold {
      problems.append("heartbeat Lost Communication after \(heartbeat.missed) misses")
    }
    if heartbeat.lastAnswer >= heartbeat.nextSequence + 1 {
      problems.append("heartbeat answer \(heartbeat.lastAnswer) for a ping never sent")
    }
    return problems
  }

  /// The model's state, for comparing a compressed run with a fully executed one.
  public var snapshot: SimulationSnapshot {
    SimulationSnapshot(
      now: now, rootPartition: hypervisor.rootPartition, childPartition: hypervisor.childPartition,
      powerState: powerState, ide: storage.ide, vmbusGuest: vmbusGuest, vmbusHost: vmbusHost,
      channels: channels, storvsc: storage.storvsc, storvsp: storage.storvsp, tallies: kernel.tallies,
      nextGuestLBA: storage.nextGuestLBA, icServices: icServices, heartbeat: heartbeat,
      timeSync: timeSync, guestClock: guestClock, kvpStore: kvpStore, guestFiles: guestFiles,
      guestHung: guestHung)
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
