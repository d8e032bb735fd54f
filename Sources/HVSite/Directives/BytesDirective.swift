import HVDiagnostics
import HVDiagram
import HVTrace

/// ```` ```bytes <scenario> message=N ```` — the bytes a ring packet puts on the ring, field by
/// field (issue 17 items 1 and 5): message N is numbered as in the scenario's whole walkthrough
/// (its step links), and must be a ring-buffer packet. Static HTML: it reads without script.
struct BytesDirective: Directive {
  let name = "bytes"
  let argumentCount = 1...1
  let optionNames = ["message"]
  let usage = "bytes heartbeat message=4"
  let runs: ScenarioRuns

  func render(_ invocation: DirectiveInvocation, in page: DirectivePage) -> Result<
    DirectiveOutput, DiagnosticsError
  > {
    let token = invocation.arguments[0]
    guard let run = runs[token.text] else {
      return .failure(DiagnosticsError([runs.unknown(token)]))
    }
    let messages = SequenceModel(trace: run.trace, options: DiagramOptions()).messages
    let packets = messages.filter { $0.event.wire != nil }.map(\.number)
    let listed = packets.prefix(12).map(String.init).joined(separator: ", ")
    guard let (key, value) = invocation.option("message") else {
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: token.location, id: .directiveInvalidMessages,
            "'bytes' needs the number of a ring-buffer packet: message=N",
            suggestion: packets.first.map { "for example message=\($0) (packets of \(run.id): \(listed))" })
        ]))
    }
    guard let number = Int(value), let message = messages.first(where: { $0.number == number }),
      let wire = message.event.wire
    else {
      let what = Int(value).flatMap { n in messages.first { $0.number == n } }.map {
        "message \(value) is \($0.message ?? $0.event.kind.rawValue), not a ring-buffer packet"
      } ?? "'\(value)' is not a message of \(run.id) (1-\(messages.count))"
      return .failure(
        DiagnosticsError([
          Diagnostic(
            at: key.location, id: .directiveInvalidMessages, what,
            suggestion: packets.isEmpty ? nil : "ring-buffer packets of \(run.id): \(listed)")
        ]))
    }
    let text = WalkthroughText(strings: page.strings)
    let id = "\(run.id)-bytes-\(number)"
    let caption =
      "\(number). \(message.event.message ?? "") — "
      + text.format("bytes-heading", ["bytes": text.number(wire.bytes.count)])
    let html = ByteTable(wire: wire, text: text).render(id: id, caption: caption)
    return .success(DirectiveOutput(html: html, anchors: [id]))
  }
}
