/// The Chrome trace-event format (`hvwalk run <id> --chrome-trace`), which Perfetto and
/// chrome://tracing open.
///
/// One process per partition kind (child, hypervisor, root, hardware), one thread per actor. Every
/// event is a complete slice (`"ph": "X"`) on its sender's thread; a repeat group is one slice
/// spanning all its iterations with `args.repeat`, and its body (the first iteration) nests inside.
/// Timestamps are microseconds with three decimals, i.e. exact simulated nanoseconds.
extension Trace {
  public func chromeTraceValue() -> JSONValue {
    var records: [JSONValue] = []
    let order: [PartitionKind] = [.child, .hypervisor, .root, .hardware]
    for (index, partition) in order.enumerated()
    where actors.contains(where: { $0.partition == partition }) {
      records.append(
        metadata("process_name", pid: index + 1, tid: nil, name: processName(partition)))
      records.append(sortIndex("process_sort_index", pid: index + 1, tid: nil, index: index))
    }
    for (index, actor) in actors.enumerated() {
      let pid = pidOf(actor.id, order: order)
      records.append(metadata("thread_name", pid: pid, tid: index + 1, name: actor.id))
      records.append(sortIndex("thread_sort_index", pid: pid, tid: index + 1, index: index))
    }
    for step in steps {
      for entry in step.entries { append(entry, to: &records, order: order) }
    }
    return .object([
      JSONMember("displayTimeUnit", .string("ns")),
      JSONMember("traceEvents", .array(records)),
      JSONMember(
        "otherData",
        .object([
          JSONMember("scenario", .string(scenario)),
          JSONMember("seed", .string(String(seed))),
        ])),
    ])
  }

  /// The Chrome trace as text, ending with a newline.
  public func chromeTraceText() -> String { chromeTraceValue().rendered() }

  private func append(_ entry: TraceEntry, to records: inout [JSONValue], order: [PartitionKind]) {
    switch entry {
    case .event(let event):
      var args = [JSONMember("seq", .integer(event.seq)), JSONMember("to", .string(event.to))]
      if let message = event.message { args.append(JSONMember("message", .string(message))) }
      if let operation = event.operation {
        args.append(JSONMember("operation", .string(operation)))
      }
      if let flags = event.flags { args.append(JSONMember("flags", .string(flags))) }
      args += event.details.map { JSONMember($0.key, Self.json(detail: $0.value)) }
      records.append(
        slice(
          name: event.label, category: event.kind.rawValue, time: event.time,
          duration: event.duration, actor: event.from, args: args, order: order))
    case .group(let group):
      let actor = group.firstActor ?? actors.first?.id ?? ""
      let args = [
        JSONMember("repeat", .integer(group.count)),
        JSONMember("seq", .integer(group.seq)),
        JSONMember("iterationNanoseconds", .integer(group.iterationCounters.simulatedNanoseconds)),
      ]
      records.append(
        slice(
          name: "loop ×\(group.count): \(group.label)", category: "repeat", time: group.time,
          duration: group.counters.simulatedNanoseconds, actor: actor, args: args, order: order))
      for inner in group.entries { append(inner, to: &records, order: order) }
    }
  }

  private func slice(
    name: String, category: String, time: Int, duration: Int, actor: String, args: [JSONMember],
    order: [PartitionKind]
  ) -> JSONValue {
    .object([
      JSONMember("name", .string(name)),
      JSONMember("cat", .string(category)),
      JSONMember("ph", .string("X")),
      JSONMember("ts", .number(SimulatedTime.microseconds(time))),
      JSONMember("dur", .number(SimulatedTime.microseconds(duration))),
      JSONMember("pid", .integer(pidOf(actor, order: order))),
      JSONMember("tid", .integer(tidOf(actor))),
      JSONMember("args", .object(args)),
    ])
  }

  private func metadata(_ kind: String, pid: Int, tid: Int?, name: String) -> JSONValue {
    var members = [JSONMember("name", .string(kind)), JSONMember("ph", .string("M"))]
    members.append(JSONMember("pid", .integer(pid)))
    if let tid { members.append(JSONMember("tid", .integer(tid))) }
    members.append(JSONMember("args", .object([JSONMember("name", .string(name))])))
    return .object(members)
  }

  private func sortIndex(_ kind: String, pid: Int, tid: Int?, index: Int) -> JSONValue {
    var members = [JSONMember("name", .string(kind)), JSONMember("ph", .string("M"))]
    members.append(JSONMember("pid", .integer(pid)))
    if let tid { members.append(JSONMember("tid", .integer(tid))) }
    members.append(JSONMember("args", .object([JSONMember("sort_index", .integer(index))])))
    return .object(members)
  }

  private func processName(_ partition: PartitionKind) -> String {
    switch partition {
    case .child: return "Child partition (\(vm.name))"
    case .hypervisor: return "Hypervisor"
    case .root: return "Root partition"
    case .hardware: return "Hardware"
    }
  }

  private func pidOf(_ actorID: String, order: [PartitionKind]) -> Int {
    guard let partition = actor(actorID)?.partition,
      let index = order.firstIndex(of: partition)
    else { return 0 }
    return index + 1
  }

  private func tidOf(_ actorID: String) -> Int {
    (actors.firstIndex { $0.id == actorID } ?? -1) + 1
  }
}
