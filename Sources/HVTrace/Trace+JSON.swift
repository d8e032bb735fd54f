/// The JSON export of contract §3: `hvwalk run <id> --json`.
///
/// Keys appear exactly in the contract's order; keys the contract does not list come after the
/// listed ones. Same trace ⇒ same bytes.
extension Trace {
  public func jsonValue() -> JSONValue {
    .object([
      JSONMember("scenario", .string(scenario)),
      JSONMember("seed", .unsigned(seed)),
      JSONMember("actors", .array(actors.map(Self.json(actor:)))),
      JSONMember("steps", .array(steps.map(Self.json(step:)))),
      JSONMember("totals", totals.jsonValue()),
      JSONMember("integrationServices", .array(integrationServices.map(Self.json(service:)))),
      JSONMember("vm", Self.json(vm: vm)),
      JSONMember("hostLog", .array(hostLog.map(Self.json(log:)))),
      JSONMember("configuration", Self.json(details: configuration)),
    ])
  }

  /// The JSON text, pretty-printed, ending with a newline.
  public func jsonText() -> String { jsonValue().rendered() }

  static func json(actor: Actor) -> JSONValue {
    .object([
      JSONMember("id", .string(actor.id)),
      JSONMember("name", .string(actor.name)),
      JSONMember("partition", .string(actor.partition.rawValue)),
      JSONMember("mode", .string(actor.mode.rawValue)),
    ])
  }

  static func json(step: TraceStep) -> JSONValue {
    .object([
      JSONMember("index", .integer(step.index)),
      JSONMember("action", .string(step.action)),
      JSONMember("totals", step.totals.jsonValue()),
      JSONMember("events", .array(step.entries.map(json(entry:)))),
      JSONMember("argument", .string(step.argument)),
      JSONMember("time", .integer(step.time)),
    ])
  }

  static func json(entry: TraceEntry) -> JSONValue {
    switch entry {
    case .event(let event): return json(event: event)
    case .group(let group):
      return .object([
        JSONMember("seq", .integer(group.seq)),
        JSONMember("time", .integer(group.time)),
        JSONMember("kind", .string("repeat")),
        JSONMember("label", .string(group.label)),
        JSONMember("repeat", .integer(group.count)),
        JSONMember("events", .array(group.entries.map(json(entry:)))),
        JSONMember("step", .integer(group.step)),
        JSONMember("iterationNanoseconds", .integer(group.iterationCounters.simulatedNanoseconds)),
        JSONMember("totals", group.counters.jsonValue()),
      ])
    }
  }

  static func json(event: TraceEvent) -> JSONValue {
    var members = [
      JSONMember("seq", .integer(event.seq)),
      JSONMember("time", .integer(event.time)),
      JSONMember("from", .string(event.from)),
      JSONMember("to", .string(event.to)),
      JSONMember("kind", .string(event.kind.rawValue)),
      JSONMember("label", .string(event.label)),
    ]
    if let message = event.message { members.append(JSONMember("message", .string(message))) }
    if let operation = event.operation {
      members.append(JSONMember("operation", .string(operation)))
    }
    if let flags = event.flags { members.append(JSONMember("flags", .string(flags))) }
    members.append(JSONMember("duration", .integer(event.duration)))
    members.append(JSONMember("step", .integer(event.step)))
    if !event.details.isEmpty {
      members.append(JSONMember("details", json(details: event.details)))
    }
    if event.bytesCopied != 0 {
      members.append(JSONMember("bytesCopied", .integer(event.bytesCopied)))
    }
    if event.switchesMode { members.append(JSONMember("contextSwitch", .bool(true))) }
    if let wire = event.wire {
      members.append(JSONMember("bytes", .string(wire.hex)))
      members.append(
        JSONMember(
          "fields",
          .array(
            wire.fields.map {
              .object([
                JSONMember("name", .string($0.name)), JSONMember("offset", .integer($0.offset)),
                JSONMember("size", .integer($0.size)), JSONMember("value", .string($0.value)),
              ])
            })))
    }
    return .object(members)
  }

  static func json(details: [Detail]) -> JSONValue {
    .object(details.map { JSONMember($0.key, json(detail: $0.value)) })
  }

  static func json(detail: DetailValue) -> JSONValue {
    switch detail {
    case .integer(let value): return .integer(value)
    case .hex: return .string(detail.text)
    case .text(let value): return .string(value)
    case .phrase(let value): return .string(value.description)
    case .flag(let value): return .bool(value)
    }
  }

  static func json(service: IntegrationServiceStatus) -> JSONValue {
    .object([
      JSONMember("name", .string(service.name)),
      JSONMember("enabled", .bool(service.enabled)),
      JSONMember("status", .string(service.status)),
      JSONMember("secondaryStatus", .string(service.secondaryStatus)),
    ])
  }

  static func json(vm: VMStatus) -> JSONValue {
    var members = [JSONMember("name", .string(vm.name)), JSONMember("state", .string(vm.state))]
    members += vm.details.map { JSONMember($0.key, json(detail: $0.value)) }
    return .object(members)
  }

  static func json(log: HostLogEntry) -> JSONValue {
    .object([
      JSONMember("time", .string(log.time)),
      JSONMember("source", .string(log.source)),
      JSONMember("message", .string(log.message)),
    ])
  }
}

extension Counters {
  /// The counters as a JSON object in contract order, integers as integers.
  public func jsonValue() -> JSONValue {
    .object(named.map { JSONMember($0.name, .integer($0.value)) })
  }
}
