import HVHostModel
import HVSimKernel

extension VMBus {
  /// Invariants of the connection (model-codebases.md §4.3 items 6–7): ring indices never cross
  /// and free space stays positive, channels carry rings only while open, an opened channel has a
  /// created GPADL and is open on the host.
  package func invariantViolations() -> [Violation] {
    var problems: [Violation] = []
    for channel in channels {
      let name = "relid \(channel.relid)"
      if let ring = channel.outbound {
        problems += ring.invariantViolations(name: "\(name) outbound").map {
          Violation(.ringInvariant, $0)
        }
      }
      if let ring = channel.inbound {
        problems += ring.invariantViolations(name: "\(name) inbound").map {
          Violation(.ringInvariant, $0)
        }
      }
      let hasRings = channel.outbound != nil && channel.inbound != nil
      switch channel.state {
      case .opening, .opened:
        if !hasRings {
          problems.append(
            Violation(.channelStateMismatch, "\(name) is \(channel.state.rawValue) without rings"))
        }
      case .offer, .open:
        if channel.gpadl?.state == .created, hasRings, channel.hostState == .open {
          problems.append(
            Violation(
              .channelStateMismatch,
              "\(name) is \(channel.state.rawValue) while the host has it open"))
        }
      }
      if channel.state == .opened {
        if channel.gpadl?.state != .created {
          problems.append(
            Violation(.channelStateMismatch, "\(name) opened without a created GPADL"))
        }
        if channel.hostState != .open {
          problems.append(
            Violation(.channelStateMismatch, "\(name) opened but not open on the host"))
        }
      }
      for ring in [channel.outbound, channel.inbound].compactMap({ $0 })
      where ring.packetsWritten > 0 {
        if channel.state != .opened && channel.state != .opening {
          problems.append(
            Violation(
              .channelStateMismatch, "\(name) has ring traffic while \(channel.state.rawValue)"))
        }
      }
    }
    return problems
  }
}
