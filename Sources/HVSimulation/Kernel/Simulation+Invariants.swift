/// Invariants of the model's state, checked by tests after every event (model-codebases.md §4.3
/// items 6–7): ring indices never cross and free space stays positive, channels carry rings only
/// while open, SynIC queues stay bounded, every outstanding request is known.
extension Simulation {
  public func invariantViolations() -> [String] {
    var problems = violations
    for channel in channels {
      let name = "relid \(channel.relid)"
      if let ring = channel.outbound { problems += ring.invariantViolations(name: "\(name) outbound") }
      if let ring = channel.inbound { problems += ring.invariantViolations(name: "\(name) inbound") }
      let hasRings = channel.outbound != nil && channel.inbound != nil
      switch channel.state {
      case .opening, .opened:
        if !hasRings { problems.append("\(name) is \(channel.state.rawValue) without rings") }
      case .offer, .open:
        if channel.gpadl?.state == .created, hasRings, channel.hostState == .open {
          problems.append("\(name) is \(channel.state.rawValue) while the host has it open")
        }
      }
      if channel.state == .opened {
        if channel.gpadl?.state != .created { problems.append("\(name) opened without a created GPADL") }
        if channel.hostState != .open { problems.append("\(name) opened but not open on the host") }
      }
      for ring in [channel.outbound, channel.inbound].compactMap({ $0 }) where ring.packetsWritten > 0 {
        if channel.state != .opened && channel.state != .opening {
          problems.append("\(name) has ring traffic while \(channel.state.rawValue)")
        }
      }
    }
    for partition in [rootPartition] + (childPartition.map { [$0] } ?? []) {
      for sint in 0..<SynIC.sintCount
      where partition.synic.pendingMessages[sint].count > SynIC.messageQueueLength + 1 {
        problems.append("partition \(partition.id) SINT\(sint) holds too many messages")
      }
    }
    if storvsc.pending.count > StorVSCModel.queueDepth {
      problems.append("storvsc has \(storvsc.pending.count) requests outstanding")
    }
    problems += ide.protocolErrors
    return problems
  }

  /// The model's state, for comparing a compressed run with a fully executed one.
  public var snapshot: SimulationSnapshot {
    SimulationSnapshot(
      now: now, rootPartition: rootPartition, childPartition: childPartition,
      powerState: powerState, ide: ide, vmbusGuest: vmbusGuest, vmbusHost: vmbusHost,
      channels: channels, storvsc: storvsc, storvsp: storvsp, tallies: tallies,
      nextGuestLBA: nextGuestLBA)
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
  public var tallies: ModelTallies
  public var nextGuestLBA: Int
}
