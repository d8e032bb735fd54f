import HVTrace

/// How each kind of event is drawn. Colours are the light-theme defaults as presentation
/// attributes (so the SVG is legible on its own and in print); the site stylesheet overrides them
/// through CSS variables for dark mode.
struct ArrowStyle {
  var className: String
  var stroke: String
  var dash: String?
  var width: Int
  /// Open (async) or filled (synchronous) arrowhead.
  var openHead: Bool

  static func of(_ kind: EventKind) -> ArrowStyle {
    switch kind {
    case .call:
      ArrowStyle(className: "call", stroke: "#1f2328", dash: nil, width: 1, openHead: false)
    case .return:
      ArrowStyle(className: "return", stroke: "#57606a", dash: "5 4", width: 1, openHead: true)
    case .hypercall:
      ArrowStyle(className: "hypercall", stroke: "#1a56db", dash: nil, width: 2, openHead: false)
    case .vmExit:
      ArrowStyle(className: "vmexit", stroke: "#c2410c", dash: nil, width: 2, openHead: false)
    case .vmEntry:
      ArrowStyle(className: "vmentry", stroke: "#c2410c", dash: "5 4", width: 1, openHead: true)
    case .interceptMessage:
      ArrowStyle(className: "intercept", stroke: "#b45309", dash: "2 3", width: 2, openHead: false)
    case .interrupt:
      ArrowStyle(className: "interrupt", stroke: "#9333ea", dash: "7 3", width: 1, openHead: true)
    case .vmbusMessage:
      ArrowStyle(className: "vmbus", stroke: "#6d28d9", dash: nil, width: 2, openHead: false)
    case .ringPacket:
      ArrowStyle(className: "ring", stroke: "#0f766e", dash: nil, width: 3, openHead: false)
    case .stateNote:
      ArrowStyle(className: "state", stroke: "#57606a", dash: nil, width: 1, openHead: false)
    case .logNote:
      ArrowStyle(className: "log", stroke: "#9a6700", dash: nil, width: 1, openHead: false)
    }
  }
}

extension EventKind {
  /// The CSS class suffix of this kind (`hv-kind-vmexit`), shared by the diagram, the transcript
  /// and the legend so one stylesheet rule colours all three.
  public var styleClass: String { ArrowStyle.of(self).className }
}
