import HVTrace

/// Checks on a finished trace that do not trust the code that produced it.
enum TraceChecks {
  /// Every problem found: counters, time chain, request/completion pairing, channel order.
  static func problems(_ trace: Trace, channelsOpenAtStart: Set<Int> = []) -> [String] {
    counterProblems(trace) + chainProblems(trace) + completionProblems(trace)
      + openBeforeUseProblems(trace, openAtStart: channelsOpenAtStart)
  }

  /// Counters recomputed from the events with the contract's definitions, independently of
  /// `EventKind.contribution`.
  static func recount(_ entries: [TraceEntry], actors: [String: Actor]) -> Counters {
    var total = Counters()
    for entry in entries {
      switch entry {
      case .event(let event):
        var c = Counters()
        switch event.kind.rawValue {
        case "hypercall": (c.vmExits, c.hypercalls) = (1, 1)
        case "vmExit": (c.vmExits, c.intercepts) = (1, 1)
        case "interceptMessage", "interrupt": c.interrupts = 1
        case "vmbusMessage": (c.vmbusMessages, c.interrupts) = (1, 1)
        case "ringPacket": c.ringPackets = 1
        default: break
        }
        if let from = actors[event.from], let to = actors[event.to], from.partition == to.partition,
          Set([from.mode, to.mode]) == [.user, .kernel]
        {
          c.contextSwitches = 1
        }
        c.bytesCopied = event.bytesCopied
        c.simulatedNanoseconds = event.duration
        total += c
      case .group(let group):
        total += recount(group.entries, actors: actors) * group.count
      }
    }
    return total
  }

  static func counterProblems(_ trace: Trace) -> [String] {
    var actors: [String: Actor] = [:]
    for actor in trace.actors { actors[actor.id] = actor }
    var problems: [String] = []
    var sum = Counters()
    for step in trace.steps {
      let recounted = recount(step.entries, actors: actors)
      if recounted != step.totals {
        problems.append("step \(step.index) totals differ from its events")
      }
      sum += recounted
    }
    if sum != trace.totals { problems.append("trace totals differ from the sum of the steps") }
    return problems
  }

  /// Events follow each other without gaps or overlaps; a group spans count × one iteration;
  /// steps follow each other. Implies that simulated time never goes backwards.
  static func chainProblems(_ trace: Trace) -> [String] {
    var problems: [String] = []
    var cursor = trace.steps.first?.time ?? 0
    for step in trace.steps {
      if step.time < cursor {
        problems.append("step \(step.index) starts before the previous ended")
      }
      cursor = chain(step.entries, from: step.time, problems: &problems)
    }
    return problems
  }

  private static func chain(_ entries: [TraceEntry], from start: Int, problems: inout [String])
    -> Int
  {
    var cursor = start
    for entry in entries {
      if entry.time != cursor {
        problems.append("entry at \(entry.time) ns should start at \(cursor) ns")
      }
      switch entry {
      case .event(let event):
        if event.duration < 0 { problems.append("event \(event.seq) has a negative duration") }
        cursor = event.time + event.duration
      case .group(let group):
        let end = chain(group.entries, from: group.time, problems: &problems)
        let iteration = end - group.time
        if iteration != group.iterationCounters.simulatedNanoseconds {
          problems.append("group \(group.seq) iteration span differs from its events")
        }
        cursor = group.time + iteration * group.count
      }
    }
    return cursor
  }

  /// Expanded (message, key, count) of ring packets in order; the key is the trans_id within the
  /// channel's current opening (ids start again when a channel is opened anew, e.g. after a
  /// reboot); ids of compressed iterations repeat.
  static func ringPackets(_ entries: [TraceEntry], multiplier: Int = 1, epochs: inout [Int: Int])
    -> [(message: String, id: String, count: Int)]
  {
    var result: [(String, String, Int)] = []
    for entry in entries {
      switch entry {
      case .event(let event) where event.message == "CHANNELMSG_OPENCHANNEL_RESULT":
        if case .integer(let relid)? = event.detail("child_relid") {
          epochs[relid, default: 0] += 1
        }
      case .event(let event) where event.kind == .ringPacket:
        if case .integer(let id)? = event.detail("trans_id"),
          case .integer(let relid)? = event.detail("relid")
        {
          result.append((event.message ?? "", "\(relid)/\(epochs[relid] ?? 0)/\(id)", multiplier))
        }
      case .group(let group):
        result += ringPackets(group.entries, multiplier: multiplier * group.count, epochs: &epochs)
      default: break
      }
    }
    return result
  }

  /// Every storage request packet gets exactly one completion: counts always, and ids exactly when
  /// the trace holds every packet (no ring packet inside a repeat group). Integration Service
  /// packets (`ICMSGTYPE_*`) are checked by ``icProblems(_:)``.
  static func completionProblems(_ trace: Trace) -> [String] {
    var epochs: [Int: Int] = [:]
    let packets = trace.steps.flatMap { ringPackets($0.entries, epochs: &epochs) }
      .filter { !$0.message.hasPrefix("ICMSGTYPE_") }
    let requests = packets.filter { $0.message != "VM_PKT_COMP" }
    let completions = packets.filter { $0.message == "VM_PKT_COMP" }
    var problems: [String] = []
    let requestCount = requests.reduce(0) { $0 + $1.count }
    let completionCount = completions.reduce(0) { $0 + $1.count }
    if requestCount != completionCount {
      problems.append("\(requestCount) requests but \(completionCount) completions")
    }
    if packets.allSatisfy({ $0.count == 1 }) {
      let requestIDs = requests.map(\.id), completionIDs = completions.map(\.id)
      if Set(requestIDs).count != requestIDs.count { problems.append("a trans_id was sent twice") }
      if requestIDs.sorted() != completionIDs.sorted() {
        problems.append("completions do not match requests one to one")
      }
    }
    return problems + icProblems(trace)
  }

  /// IC packets: the host's requests carry icflags TRANSACTION|REQUEST (3), the guest's answers
  /// TRANSACTION|RESPONSE (5) with the same relid, trans_id and message type, after the request
  /// (matched exactly when no IC packet sits in a repeat group); never more answers than requests.
  /// A hung guest may leave requests unanswered.
  static func icProblems(_ trace: Trace) -> [String] {
    struct Packet {
      var key: String
      var flags: String
      var count: Int
      var grouped: Bool
    }
    var packets: [Packet] = []
    func walk(_ entries: [TraceEntry], multiplier: Int) {
      for entry in entries {
        switch entry {
        case .group(let group): walk(group.entries, multiplier: multiplier * group.count)
        case .event(let event):
          guard event.kind == .ringPacket, let message = event.message,
            message.hasPrefix("ICMSGTYPE_"),
            case .text(let flags)? = event.detail("icflags"),
            case .integer(let relid)? = event.detail("relid"),
            case .integer(let id)? = event.detail("trans_id")
          else { continue }
          packets.append(
            Packet(
              key: "\(relid)/\(id)/\(message)", flags: flags, count: multiplier,
              grouped: multiplier > 1))
        }
      }
    }
    for step in trace.steps { walk(step.entries, multiplier: 1) }
    var problems: [String] = []
    let exact = !packets.contains { $0.grouped }
    var open: [String: Int] = [:]
    var requests = 0, answers = 0
    for packet in packets {
      if packet.flags.hasPrefix("3 ") {
        requests += packet.count
        open[packet.key, default: 0] += 1
      } else if packet.flags.hasPrefix("5 ") {
        answers += packet.count
        if exact {
          if let pending = open[packet.key], pending > 0 {
            open[packet.key] = pending - 1
          } else {
            problems.append("IC answer \(packet.key) without a request before it")
          }
        }
      } else {
        problems.append("IC packet \(packet.key) with icflags \(packet.flags)")
      }
    }
    if answers > requests { problems.append("\(answers) IC answers but only \(requests) requests") }
    return problems
  }

  /// No ring packet on a relid before its OPENCHANNEL_RESULT (unless open when the trace began).
  static func openBeforeUseProblems(_ trace: Trace, openAtStart: Set<Int>) -> [String] {
    var open = openAtStart
    var problems: [String] = []
    for event in trace.storedEvents {
      if event.message == "CHANNELMSG_OPENCHANNEL_RESULT",
        case .integer(let relid)? = event.detail("child_relid")
      {
        open.insert(relid)
      }
      if event.message == "CHANNELMSG_CLOSECHANNEL",
        case .integer(let relid)? = event.detail("child_relid")
      {
        open.remove(relid)
      }
      if event.kind == .ringPacket, case .integer(let relid)? = event.detail("relid"),
        !open.contains(relid)
      {
        problems.append("packet \(event.seq) on relid \(relid) before the channel was open")
      }
    }
    return problems
  }

  /// Protocol messages in expanded order (each repeat body repeated), optionally filtered.
  static func messages(_ trace: Trace, where include: (TraceEvent) -> Bool = { _ in true })
    -> [String]
  {
    var result: [String] = []
    func walk(_ entries: [TraceEntry]) {
      for entry in entries {
        switch entry {
        case .event(let event):
          if let message = event.message, include(event) { result.append(message) }
        case .group(let group):
          for _ in 0..<group.count { walk(group.entries) }
        }
      }
    }
    for step in trace.steps { walk(step.entries) }
    return result
  }
}
