/// The terminal form of a trace (`hvwalk run <id>`): numbered events, repeat groups as
/// `loop ×N { … }`, per-step and total counters. Also the golden-file format of the tests.
///
/// Events are numbered 1, 2, 3… in the order they are printed (loop headers take no number), the
/// numbering of the site's diagrams, transcripts, step links (`#scenario-step-N`), `messages=A-B`
/// excerpts and `{{detail scenario N key}}` — so an author can look a message up here. (`seq` in
/// the JSON export is the recorder's own sequence, which also counts repeat groups.)
///
/// Line format: `  n  time  from → to: label [MESSAGE] operation key=value …`, where time is
/// simulated seconds with nine decimals.
extension Trace {
  public func transcript() -> String {
    var lines: [String] = []
    lines.append("Trace \(scenario) · seed \(seed)")
    if !configuration.isEmpty {
      lines.append(configuration.map { "\($0.key)=\($0.value.text)" }.joined(separator: " "))
    }
    lines.append("Actors:")
    for actor in actors {
      lines.append(
        "  \(actor.id) — \(actor.name) [\(actor.partition.rawValue)/\(actor.mode.rawValue)]")
    }
    var number = 0
    for step in steps {
      lines.append("")
      lines.append("Step \(step.index): \(step.title)")
      for entry in step.entries { Self.transcribe(entry, depth: 1, number: &number, into: &lines) }
      lines.append("  step \(step.index) totals: " + Self.line(step.totals))
    }
    lines.append("")
    lines.append("Totals: " + Self.line(totals))
    lines.append("VM: \(vm.name) \(vm.state)")
    if integrationServices.isEmpty {
      lines.append("Integration services: none")
    } else {
      lines.append("Integration services:")
      for service in integrationServices {
        var status = service.status.isEmpty ? "" : " \(service.status)"
        if !service.secondaryStatus.isEmpty { status += " (\(service.secondaryStatus))" }
        lines.append("  \(service.name): \(service.enabled ? "enabled" : "disabled")\(status)")
      }
    }
    if !hostLog.isEmpty {
      lines.append("Host log:")
      for entry in hostLog { lines.append("  \(entry.time) \(entry.source): \(entry.message)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `vmExits 12 · hypercalls 3 · …` in contract order.
  public static func line(_ counters: Counters) -> String {
    counters.named.map { "\($0.name) \($0.value)" }.joined(separator: " · ")
  }

  private static func transcribe(
    _ entry: TraceEntry, depth: Int, number: inout Int, into lines: inout [String]
  ) {
    let indent = String(repeating: "  ", count: depth)
    switch entry {
    case .event(let event):
      number += 1
      var text = "\(pad(number))  \(SimulatedTime.seconds(event.time))  \(indent)"
      text += "\(event.from) → \(event.to): \(event.label)"
      if let message = event.message { text += " [\(message)]" }
      if let operation = event.operation { text += " \(operation)" }
      if let flags = event.flags { text += " \(flags)" }
      for detail in event.details { text += " \(detail.key)=\(detail.value.text)" }
      lines.append(text)
    case .group(let group):
      let gutter = String(repeating: " ", count: 6 + 11 + 2)
      lines.append("\(gutter)\(indent)loop ×\(group.count) { \(group.label)")
      for inner in group.entries {
        transcribe(inner, depth: depth + 1, number: &number, into: &lines)
      }
      let each = SimulatedTime.human(group.iterationCounters.simulatedNanoseconds)
      lines.append("\(gutter)\(indent)} ×\(group.count), \(each) each")
    }
  }

  private static func pad(_ seq: Int) -> String {
    let raw = String(seq)
    return String(repeating: " ", count: max(0, 6 - raw.count)) + raw
  }
}
