import HVDiagram
import HVTrace

/// The transcript beside a diagram: the same numbered messages as an HTML ordered list, so
/// everything in the picture is also text (and can be searched, copied and read aloud).
///
/// Each message's sentence comes from the language's template for its kind; protocol
/// identifiers stay as they are in every language. Each item also carries the counters *so far*
/// (in contract order), which the walkthrough script shows while stepping; inside a repeat group
/// a message counts once per iteration it stands for.
struct TranscriptRenderer {
  let model: SequenceModel
  let trace: Trace
  let text: WalkthroughText
  let language: String
  let diagramID: String

  func render() -> String {
    var html = "<ol class=\"hv-transcript\">\n"
    var multipliers: [Int] = [1]
    var soFar = Counters()
    var depth = 0
    for row in model.rows {
      switch row {
      case .divider(let step, let title):
        html +=
          "<li class=\"hv-transcript-path\">\(HTML.escape(text.format("diagram-step", ["index": String(step), "title": title])))</li>\n"
      case .loopStart(let count, let label, _, let english):
        multipliers.append(multipliers.last! * count)
        depth += 1
        let title = text.format("transcript-loop", ["count": text.number(count)])
        html +=
          "<li class=\"hv-transcript-loop\"><span class=\"hv-loop-title\">\(HTML.escape(title)) "
          + "\(labelSpan(label, english: english, className: "hv-loop-label"))</span>\n<ol>\n"
      case .loopEnd:
        multipliers.removeLast()
        depth -= 1
        html += "</ol></li>\n"
      case .message(let message), .note(let message):
        soFar += message.event.counters * multipliers.last!
        html += item(message, soFar: soFar)
      }
    }
    return html + "</ol>"
  }

  private func item(_ message: SequenceModel.Message, soFar: Counters) -> String {
    let event = message.event
    let sentence = text.format(
      "sentence-\(event.kind.rawValue)",
      ["from": actorName(ActorKey(event.from)), "to": actorName(ActorKey(event.to))])
    var html =
      "<li id=\"\(diagramID)-step-\(message.number)\" value=\"\(message.number)\" data-step=\"\(message.number)\""
    // The packet's bytes are in the scenario's byte data, under the event's sequence number.
    if event.wire != nil { html += " data-seq=\"\(event.seq)\"" }
    // A ring packet's place in its ring, for the ring figure: the write index before and after,
    // the read index, the packet's bytes and the ring's data size.
    if event.kind == .ringPacket,
      case .integer(let before)? = event.detail("prev_write_index"),
      case .integer(let after)? = event.detail("write_index"),
      case .integer(let read)? = event.detail("read_index"),
      case .integer(let bytes)? = event.detail("ring_bytes"),
      case .integer(let size)? = event.detail("ring_size")
    {
      html += " data-ring=\"\(before) \(after) \(read) \(bytes) \(size)\""
    }
    html +=
      " class=\"hv-kind-\(event.kind.styleClass)\" data-counters=\"\(soFar.named.map { String($0.value) }.joined(separator: " "))\">"
    html += "<span class=\"hv-time\">\(HTML.escape(text.duration(event.time)))</span> "
    html += "<span class=\"hv-sentence\">\(HTML.escape(sentence))</span>"
    if let name = event.message { html += " <code>\(HTML.escape(name))</code>" }
    if let operation = event.operation { html += " <code>\(HTML.escape(operation))</code>" }
    html += " — " + labelSpan(message.label, english: message.labelIsEnglish, className: "hv-label")
    if !event.details.isEmpty {
      let details = event.details.map { "\($0.key)=\(detailText($0.value))" }
        .joined(separator: " · ")
      html += " <span class=\"hv-details\">\(HTML.escape(details))</span>"
    }
    return html + "</li>\n"
  }

  /// A model label in the page's language; one that had no translation stays English and says
  /// so (`lang="en"`).
  private func labelSpan(_ label: String, english: Bool, className: String) -> String {
    let lang = english && language != "en" ? " lang=\"en\"" : ""
    return "<span class=\"\(className)\"\(lang)>\(HTML.escape(label))</span>"
  }

  /// A detail's value in the page's language: yes/no and the model's reasons are words.
  private func detailText(_ value: DetailValue) -> String {
    switch value {
    case .flag(let flag): text(flag ? "detail-yes" : "detail-no")
    case .phrase(let phrase): text.phrases.render(phrase).text
    default: value.text
    }
  }

  private func actorName(_ key: ActorKey) -> String {
    if let localized = text.actorName(key, in: trace) { return localized }
    let actor = trace.actor(key.rawValue)
    if model.lifelines.contains(where: { $0.mode == nil }), let actor {
      return text("partition-\(actor.partition.rawValue)")
    }
    return actor?.name ?? key.rawValue
  }
}
