import HVDiagram
import HVTrace

/// A scenario's walkthrough as one HTML figure: controls (used only when the script runs), the
/// sequence diagram, the numbered transcript and the counters. Without JavaScript every step is
/// visible; with it the reader steps through and the current message is highlighted in both the
/// diagram and the transcript (`walkthrough.js`).
struct WalkthroughFigure {
  let run: ScenarioRun
  let options: DiagramOptions
  let text: WalkthroughText
  let language: String
  /// Link from the page to the scenario's own page, if it should be shown.
  let scenarioHref: String?
  /// Link from the page to the scenario's byte data (`<id>.bytes.js`), which the byte view loads.
  /// (A function of the page's folder, as `scenarioHref` is: the figure cache's key covers it.)
  var bytesHref: String? = nil

  /// `disk-write-emulated`, `disk-write-emulated-path-2`, `boot-partitions`: unique per options, so
  /// one page can show a scenario more than once.
  var id: String { Self.id(of: run, options: options) }

  static func id(of run: ScenarioRun, options: DiagramOptions) -> String {
    var id = run.id
    if let step = options.step { id += "-path-\(step)" }
    if options.lifelines == .partition { id += "-partitions" }
    if let range = options.messages { id += "-messages-\(range.lowerBound)-\(range.upperBound)" }
    return id
  }

  /// ` (request path 2, partitions)`: tells apart several figures of one scenario.
  var variant: String {
    var parts: [String] = []
    if let step = options.step {
      parts.append(text.format("figure-variant-path", ["index": String(step)]))
    }
    if options.lifelines == .partition { parts.append(text("figure-variant-partitions")) }
    if let range = options.messages {
      parts.append(
        text.format(
          "figure-variant-messages",
          ["from": String(range.lowerBound), "to": String(range.upperBound)]))
    }
    return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
  }

  /// The ids a figure of `run` with `options` defines, without rendering it.
  static func anchors(of run: ScenarioRun, options: DiagramOptions) -> [String] {
    anchors(
      id: id(of: run, options: options), model: SequenceModel(trace: run.trace, options: options))
  }

  /// The figure, its diagram, its transcript title and one anchor per numbered step.
  private static func anchors(id: String, model: SequenceModel) -> [String] {
    [id, "\(id)-diagram", "\(id)-transcript-title"]
      + model.messages.map { "\(id)-step-\($0.number)" }
  }

  /// The figure, from `cache` when an earlier build rendered the same one.
  func render(cache: ScenarioCache?) -> (html: String, anchors: [String]) {
    guard let cache, let source = run.source else { return render() }
    let key = ScenarioCache.FigureKey(
      run: source, options: options, language: language,
      scenarioHref: scenarioHref, strings: text.strings)
    return cache.figure(key: key, make: render)
  }

  /// The sequence diagram of `model`, with its accessible title and summary (also drawn alone,
  /// for a what-if variant).
  static func svg(
    _ model: SequenceModel, trace: Trace, id: String, title: String, text: WalkthroughText
  ) -> String {
    let layout = DiagramLayout(model: model, text: text.diagram(for: trace))
    let summary = text.format(
      "diagram-summary",
      [
        "title": title, "messages": text.number(model.messages.count),
        "actors": text.number(model.lifelines.count),
        "paths": text.number(
          model.rows.filter { if case .divider = $0 { true } else { false } }.count),
      ])
    return DiagramSVG(id: id, title: title, summary: summary).render(layout)
  }

  /// The figure's HTML and the ids it defines (for duplicate and link checks).
  func render() -> (html: String, anchors: [String]) {
    let model = SequenceModel(trace: run.trace, options: options, phrases: text.phrases)
    let title = run.title[language] ?? run.id
    let svg = Self.svg(model, trace: run.trace, id: "\(id)-diagram", title: title, text: text)
    let totals =
      options.step.flatMap { step in run.trace.steps.first { $0.index == step }?.totals }
      ?? run.trace.totals
    var html =
      "<figure class=\"hv-walkthrough\" id=\"\(id)\" data-walkthrough data-steps=\"\(model.messages.count)\""
    html += " data-position-format=\"\(HTML.escape(text("walkthrough-position")))\""
    html += " data-group-separator=\"\(HTML.escape(text("number-group-separator")))\""
    // Every ring packet carries its bytes: the byte view and the ring figure go together.
    let hasRingPackets = model.messages.contains { $0.event.wire != nil }
    if let bytesHref, hasRingPackets {
      html += " data-bytes-src=\"\(HTML.escape(bytesHref))\" data-bytes-id=\"\(HTML.escape(run.id))\""
      for key in ["button", "heading", "offset", "field", "size", "value", "note", "zeros", "close"] {
        html += " data-label-bytes-\(key)=\"\(HTML.escape(text("bytes-" + key)))\""
      }
    }
    // The zoom controls' words, for the script that makes them.
    for key in [
      "zoom", "zoom-fit", "zoom-fit-hint", "zoom-actual", "zoom-actual-hint", "zoom-in", "zoom-out",
      "play", "pause", "speed",
    ] {
      html += " data-label-\(key)=\"\(HTML.escape(text("walkthrough-" + key)))\""
    }
    // The ring figure's words, where the run has ring packets to draw.
    for key in [
      "ring", "ring-title", "ring-sentence", "ring-packet", "ring-unread", "ring-free", "ring-idle",
    ] where hasRingPackets {
      html += " data-label-\(key)=\"\(HTML.escape(text("walkthrough-" + key)))\""
    }
    html += ">\n"
    html += "<figcaption><span class=\"hv-figure-title\">\(HTML.escape(title))</span>"
    if let scenarioHref {
      html +=
        " <a class=\"hv-scenario-link\" href=\"\(HTML.escape(scenarioHref))\">\(HTML.escape(text("scenario-link")))</a>"
    }
    html += "</figcaption>\n"
    html += controls()
    // Landmarks need distinct names, and one page may show a scenario more than once.
    let regionTitle = title + variant
    html +=
      "<div class=\"hv-diagram-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
      + HTML.escape(text.format("diagram-region", ["title": regionTitle])) + "\">\n\(svg)\n</div>\n"
    // The transcript scrolls on its own, so it is a focusable, labelled region (keyboard users
    // can scroll it); its title is not a heading, because the figure may sit under any level.
    let heading = HTML.escape(text("transcript-heading"))
    let regionLabel = HTML.escape(text.format("transcript-region", ["title": regionTitle]))
    html += "<div class=\"hv-walkthrough-text\">\n<div class=\"hv-transcript-section\">\n"
    html += "<p class=\"hv-transcript-heading\" id=\"\(id)-transcript-title\">\(heading)</p>\n"
    html +=
      "<div class=\"hv-transcript-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(regionLabel)\">\n"
    html += TranscriptRenderer(
      model: model, trace: run.trace, text: text, language: language, diagramID: id
    ).render()
    html += "\n</div>\n</div>\n"
    html += CounterTable(text: text).render(
      totals, caption: text("counters-heading"),
      label: text("counters-heading") + ": " + regionTitle)
    html += "\n</div>\n</figure>"
    return (html, Self.anchors(id: id, model: model))
  }

  /// Buttons for the script; hidden until it runs (progressive enhancement).
  private func controls() -> String {
    func button(_ action: String, _ key: String, _ symbol: String) -> String {
      "<button type=\"button\" data-action=\"\(action)\">"
        + "<span aria-hidden=\"true\">\(symbol)</span> <span class=\"hv-button-text\">\(HTML.escape(text(key)))</span></button>"
    }
    return "<div class=\"hv-controls\" hidden>"
      + button("first", "walkthrough-first", "«") + button("previous", "walkthrough-previous", "←")
      + "<output class=\"hv-position\" aria-live=\"polite\"></output>"
      + button("next", "walkthrough-next", "→") + button("last", "walkthrough-last", "»")
      + "</div>\n"
  }
}
