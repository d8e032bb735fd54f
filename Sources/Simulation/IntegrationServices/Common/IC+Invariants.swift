import HVHostModel
import HVSimKernel

extension IntegrationServices {
  /// Problems in the services' state (see ``stateProblems()``).
  package func invariantViolations() -> [Violation] {
    stateProblems().map { Violation(.icState, $0) }
  }

  /// The services' state agrees with their channels: a ready service has an opened channel of its
  /// class; a parked message means `pending_send_sz` is set (until the guest's signal); the heartbeat is
  /// Lost only after enough misses; a periodic timer runs only for a ready service of a running VM.
  func stateProblems() -> [String] {
    var problems: [String] = []
    for state in icServices {
      let name = state.service.rawValue
      if state.phase == .ready {
        guard let relid = state.relid, Int(relid) < Int(bus.nextRelid) else {
          problems.append("\(name) is ready without a channel")
          continue
        }
        let channel = bus.channel(relid)
        if channel.offer.deviceClass != state.service.deviceClass {
          problems.append("\(name) points at relid \(relid) of class \(channel.offer.deviceClass)")
        }
        if channel.state != .opened && powerState == .running {
          problems.append("\(name) is ready but relid \(relid) is \(channel.state.rawValue)")
        }
      }
      if let blocked = state.blocked, let relid = state.relid, let ring = bus.channel(relid).inbound
      {
        let bytes = icPacket(blocked.message, requestID: blocked.requestID).ringBytes
        if ring.pendingSendSize != bytes {
          problems.append("\(name) waits but pending_send_sz is \(ring.pendingSendSize)")
        }
      }
      if state.nextDue != nil,
        state.phase != .ready || !(powerState == .running || powerState == .starting)
      {
        problems.append(
          "\(name) has a timer while \(state.phase.rawValue) and the VM is \(powerState.rawValue)")
      }
      if state.outstanding != nil,
        ![.shutdown, .dataExchange, .backup, .guestServices].contains(state.service)
      {
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

}
