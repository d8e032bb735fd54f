import HVTrace

/// Draws a ``DiagramLayout`` as canonical SVG.
///
/// Ids derive from the diagram id (scenario, and step when filtered) and the message number
/// (`disk-write-emulated-msg-12`), never from a counter shared between diagrams, so the same
/// content always gives the same bytes and several diagrams can share a page.
public struct DiagramSVG {
  public var id: String
  public var title: String
  public var summary: String

  public init(id: String, title: String, summary: String) {
    self.id = id
    self.title = title
    self.summary = summary
  }

  public func render(_ layout: DiagramLayout) -> String {
    svg(layout).render()
  }

  func svg(_ layout: DiagramLayout) -> SVGElement {
    var children: [SVGElement.Node] = [
      .element(SVGElement("title", [("id", "\(id)-title")], text: title)),
      .element(SVGElement("desc", [("id", "\(id)-desc")], text: summary)),
      .el("defs", [], markers()),
      .el(
        "rect",
        [
          ("class", "hv-canvas"), ("x", "0"), ("y", "0"), ("width", layout.width.svg),
          ("height", layout.height.svg), ("fill", "#ffffff"),
        ]),
    ]
    children += layout.boxes.map(box)
    children += layout.dividers.map { divider($0, width: layout.width) }
    children += layout.lifelines.map(lifeline)
    children += layout.activations.map(activation)
    children += layout.fragments.map(fragment)
    // Messages and notes in walkthrough order, so document order is reading order.
    let steps =
      layout.notes.map { ($0.number, note($0)) } + layout.arrows.map { ($0.number, arrow($0)) }
    children += steps.sorted { $0.0 < $1.0 }.map(\.1)
    if !layout.legend.isEmpty {
      children.append(.el("g", [("class", "hv-legend")], layout.legend.map(legendEntry)))
    }
    return SVGElement(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("class", "hv-diagram"),
        ("id", id),
        ("role", "img"),
        ("aria-labelledby", "\(id)-title \(id)-desc"),
        ("viewBox", "0 0 \(layout.width) \(layout.height)"),
        ("width", layout.width.svg),
        ("height", layout.height.svg),
        ("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"),
        ("font-size", "13"),
      ], children)
  }

  private func markers() -> [SVGElement.Node] {
    EventKind.allCases.filter { $0 != .stateNote && $0 != .logNote }.map { kind in
      let style = ArrowStyle.of(kind)
      let path: SVGElement.Node =
        style.openHead
        ? .el(
          "path",
          [
            ("d", "M1,1 L9,5 L1,9"), ("fill", "none"), ("stroke", style.stroke),
            ("stroke-width", "1.5"),
          ])
        : .el("path", [("d", "M0,0 L10,5 L0,10 Z"), ("fill", style.stroke)])
      return .el(
        "marker",
        [
          ("id", "\(id)-head-\(style.className)"), ("class", "hv-head hv-kind-\(style.className)"),
          ("viewBox", "0 0 10 10"), ("refX", "9"), ("refY", "5"), ("markerWidth", "8"),
          ("markerHeight", "8"),
          ("orient", "auto-start-reverse"), ("markerUnits", "userSpaceOnUse"),
        ], [path])
    }
  }

  private func box(_ box: DiagramLayout.Box) -> SVGElement.Node {
    .el(
      "g", [("class", box.kind.className)],
      [
        .el(
          "rect",
          rect(box.rect) + [
            ("rx", box.kind.cornerRadius), ("fill", box.kind.fill), ("stroke", "#d0d7de"),
          ]),
        text(box.title, className: box.kind.titleClass),
      ])
  }

  private func fragment(_ fragment: DiagramLayout.Fragment) -> SVGElement.Node {
    .el(
      "g", [("class", "hv-loop")],
      [
        .el("rect", rect(fragment.rect) + [("fill", "none"), ("stroke", "#8c959f")]),
        .el(
          "path",
          [
            ("class", "hv-loop-tab"), ("d", tabPath(fragment.tabRect)), ("fill", "#eaeef2"),
            ("stroke", "#8c959f"),
          ]),
        text(fragment.tab, className: "hv-loop-title"),
      ])
  }

  private func tabPath(_ r: DiagramLayout.Rect) -> String {
    "M\(r.x),\(r.y) H\(r.maxX) V\(r.maxY - 6) L\(r.maxX - 6),\(r.maxY) H\(r.x) Z"
  }

  private func divider(_ divider: DiagramLayout.Divider, width: Int) -> SVGElement.Node {
    .el(
      "g", [("class", "hv-divider"), ("id", "\(id)-path-\(divider.step)")],
      [
        .el(
          "line",
          [
            ("x1", "0"), ("y1", divider.y.svg), ("x2", width.svg), ("y2", divider.y.svg),
            ("stroke", "#8c959f"), ("stroke-dasharray", "8 4"),
          ]),
        .el("rect", rect(divider.title.bounds) + [("rx", "3"), ("fill", "#1f2328")]),
        text(divider.title, className: "hv-divider-title", fill: "#ffffff"),
      ])
  }

  private func lifeline(_ lifeline: DiagramLayout.PlacedLifeline) -> SVGElement.Node {
    .el(
      "g",
      [
        ("class", "hv-lifeline hv-partition-\(lifeline.partition.rawValue)"),
        ("id", "\(id)-actor-\(lifeline.id.rawValue)"),
      ],
      [
        .el(
          "line",
          [
            ("x1", lifeline.x.svg), ("y1", lifeline.top.svg), ("x2", lifeline.x.svg),
            ("y2", lifeline.bottom.svg), ("stroke", "#8c959f"), ("stroke-dasharray", "3 3"),
          ]),
        .el(
          "rect", rect(lifeline.header) + [("rx", "4"), ("fill", "#ffffff"), ("stroke", "#57606a")]),
        text(lifeline.title, className: "hv-actor-title"),
      ])
  }

  private func activation(_ activation: DiagramLayout.Activation) -> SVGElement.Node {
    .el(
      "rect",
      [("class", "hv-activation")] + rect(activation.rect) + [
        ("fill", "#dde4ee"), ("stroke", "#57606a"),
      ])
  }

  private func note(_ note: DiagramLayout.Note) -> SVGElement.Node {
    let style = ArrowStyle.of(note.kind)
    return .el(
      "g",
      [
        ("class", "hv-step hv-note hv-kind-\(style.className)"), ("id", "\(id)-msg-\(note.number)"),
        ("data-step", note.number.svg),
      ],
      [
        .el(
          "rect",
          rect(note.rect) + [
            ("rx", "3"), ("fill", note.kind == .logNote ? "#fff8c5" : "#f6f8fa"),
            ("stroke", style.stroke),
          ]),
        text(note.text, className: "hv-note-text"),
      ])
  }

  /// Messages carry only classes and geometry: the page's stylesheet draws them (colour, width,
  /// dashes per kind, in light, dark and print), which keeps long traces light — a boot trace
  /// has hundreds of messages.
  private func arrow(_ arrow: DiagramLayout.Arrow) -> SVGElement.Node {
    let style = ArrowStyle.of(arrow.kind)
    let stroke: [(String, String)] = [("marker-end", "url(#\(id)-head-\(style.className))")]
    let shape: SVGElement.Node
    if arrow.isSelf {
      let right = arrow.x1 + LayoutMetrics.selfLoopWidth
      let bottom = arrow.y + LayoutMetrics.selfLoopHeight
      shape = .el(
        "path", [("d", "M\(arrow.x1),\(arrow.y) H\(right) V\(bottom) H\(arrow.x1 + 4)")] + stroke)
    } else {
      let inset = arrow.x2 > arrow.x1 ? -2 : 2
      shape = .el(
        "line",
        [
          ("x1", arrow.x1.svg), ("y1", arrow.y.svg), ("x2", (arrow.x2 + inset).svg),
          ("y2", arrow.y.svg),
        ] + stroke)
    }
    return .el(
      "g",
      [
        ("class", "hv-step hv-msg hv-kind-\(style.className)"), ("id", "\(id)-msg-\(arrow.number)"),
        ("data-step", arrow.number.svg),
      ],
      [
        .el("rect", [("class", "hv-row")] + rect(arrow.row)),
        shape,
        text(arrow.label, className: "hv-label", fill: nil),
      ])
  }

  private func legendEntry(_ entry: DiagramLayout.LegendEntry) -> SVGElement.Node {
    let style = ArrowStyle.of(entry.kind)
    let sample: SVGElement.Node
    if entry.kind == .stateNote || entry.kind == .logNote {
      sample = .el(
        "rect",
        [
          ("x", entry.x.svg), ("y", (entry.y - 6).svg), ("width", LayoutMetrics.legendLine.svg),
          ("height", "12"), ("rx", "2"), ("fill", entry.kind == .logNote ? "#fff8c5" : "#f6f8fa"),
          ("stroke", style.stroke),
        ])
    } else {
      var attributes: [(String, String)] = [
        ("x1", entry.x.svg), ("y1", entry.y.svg),
        ("x2", (entry.x + LayoutMetrics.legendLine - 2).svg),
        ("y2", entry.y.svg), ("stroke", style.stroke), ("stroke-width", style.width.svg),
      ]
      if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
      attributes.append(("marker-end", "url(#\(id)-head-\(style.className))"))
      sample = .el("line", attributes)
    }
    return .el(
      "g", [("class", "hv-legend-entry hv-kind-\(style.className)")],
      [sample, text(entry.text, className: "hv-legend-text")])
  }

  private func rect(_ r: DiagramLayout.Rect) -> [(String, String)] {
    [("x", r.x.svg), ("y", r.y.svg), ("width", r.width.svg), ("height", r.height.svg)]
  }

  private func text(_ block: DiagramLayout.TextBlock, className: String, fill: String? = "#1f2328")
    -> SVGElement.Node
  {
    var attributes: [(String, String)] = [
      ("class", className), ("x", block.x.svg), ("y", block.y.svg),
    ]
    if block.centered { attributes.append(("text-anchor", "middle")) }
    if let fill { attributes.append(("fill", fill)) }
    guard block.lines.count > 1 else {
      return .element(SVGElement("text", attributes, text: block.lines.first ?? ""))
    }
    let spans: [SVGElement.Node] = block.lines.enumerated().map { index, line in
      index == 0
        ? .element(SVGElement("tspan", [], text: line))
        : .element(
          SVGElement(
            "tspan", [("x", block.x.svg), ("dy", LayoutMetrics.lineHeight.svg)], text: line))
    }
    return .el("text", attributes, spans)
  }
}
