import HVTrace

extension DiagramLayout {
  /// Walks the rows top to bottom, giving each its y and recording what it occupies.
  struct VerticalBuilder {
    typealias M = LayoutMetrics
    let model: SequenceModel
    let xs: [Int]
    let headerWidths: [Int]
    var top = 0
    var cursor = 0
    var arrows: [Arrow] = []
    var notes: [Note] = []
    var fragments: [Fragment] = []
    var dividers: [Divider] = []
    var activations: [Activation] = []
    var kinds: [EventKind] = []
    /// Open loops: where they started and how far their content reaches left and right.
    private var openLoops: [(top: Int, depth: Int, tab: [String], minX: Int, maxX: Int)] = []
    /// Open activations per lifeline: the y where each began.
    private var openActivations: [[Int]]

    init(model: SequenceModel, xs: [Int], headerWidths: [Int]) {
      self.model = model
      self.xs = xs
      self.headerWidths = headerWidths
      openActivations = Array(repeating: [], count: xs.count)
    }

    /// The rightmost point anything in the rows reaches.
    var contentMaxX: Int {
      let candidates =
        arrows.map { max($0.label.bounds.maxX, $0.row.maxX) }
        + notes.map(\.rect.maxX) + fragments.map(\.rect.maxX)
        + xs.indices.map { xs[$0] + headerWidths[$0] / 2 }
      return candidates.max() ?? 0
    }

    mutating func add(_ row: SequenceModel.Row, lines: [String], text: DiagramText) {
      switch row {
      case .divider(let step, _):
        closeActivations()
        cursor += 10
        let width = M.font.boldWidth(lines[0])
        let title = TextBlock(
          lines: lines, x: M.margin + 6, y: cursor + 15, centered: false,
          bounds: Rect(x: M.margin + 2, y: cursor + 2, width: width + 8, height: 18))
        dividers.append(Divider(step: step, y: cursor, title: title))
        cursor += 28
      case .loopStart(_, _, let depth, _):
        openLoops.append((cursor, depth, lines, Int.max, Int.min))
        cursor += 2 * M.lineHeight + 8
      case .loopEnd:
        cursor += 6
        closeLoop()
        cursor += 8
      case .message(let message):
        addMessage(message, lines: lines)
      case .note(let message):
        addNote(message, lines: lines)
      }
    }

    private mutating func addMessage(_ message: SequenceModel.Message, lines: [String]) {
      let labelWidth = lines.map(M.font.width).max() ?? 0
      let labelTop = cursor + 4
      let y = labelTop + lines.count * M.lineHeight + 4
      let x1 = xs[message.from], x2 = xs[message.to]
      let isSelf = message.from == message.to
      let labelX = isSelf ? x1 + M.selfLoopWidth + M.labelPadding : min(x1, x2) + M.labelPadding
      let labelY = isSelf ? y + 2 : labelTop
      let bounds = Rect(x: labelX, y: labelY, width: labelWidth, height: lines.count * M.lineHeight)
      let label = TextBlock(
        lines: lines, x: labelX, y: labelY + 11, centered: false, bounds: bounds)
      let rowBottom = isSelf ? max(y + M.selfLoopHeight, bounds.maxY) : y
      let rowLeft = min(x1, x2, labelX) - 4
      let rowRight = max(max(x1, x2) + (isSelf ? M.selfLoopWidth : 0), bounds.maxX) + 4
      let row = Rect(
        x: rowLeft, y: cursor, width: rowRight - rowLeft, height: rowBottom + 4 - cursor)
      arrows.append(
        Arrow(
          number: message.number, kind: message.kind, from: message.from, to: message.to,
          x1: x1, x2: x2, y: y, isSelf: isSelf, label: label, row: row))
      note(message.kind)
      extendLoops(minX: row.x, maxX: row.maxX)
      trackActivation(message, y: y)
      cursor = rowBottom + 8
    }

    private mutating func addNote(_ message: SequenceModel.Message, lines: [String]) {
      let width = min((lines.map(M.font.width).max() ?? 0) + 16, M.noteWidthMax)
      let low = min(xs[message.from], xs[message.to]), high = max(xs[message.from], xs[message.to])
      let left = low == high ? low - width / 2 : low - 20
      let noteWidth = low == high ? width : max(width, high - low + 40)
      let rect = Rect(
        x: left, y: cursor + 4, width: noteWidth, height: lines.count * M.lineHeight + 10)
      let text = TextBlock(
        lines: lines, x: rect.x + 8, y: rect.y + 16, centered: false,
        bounds: Rect(
          x: rect.x + 8, y: rect.y + 5, width: width - 16, height: lines.count * M.lineHeight))
      notes.append(Note(number: message.number, kind: message.kind, rect: rect, text: text))
      note(message.kind)
      extendLoops(minX: rect.x, maxX: rect.maxX)
      cursor = rect.maxY + 8
    }

    private mutating func note(_ kind: EventKind) {
      if !kinds.contains(kind) { kinds.append(kind) }
    }

    private mutating func extendLoops(minX: Int, maxX: Int) {
      for index in openLoops.indices {
        openLoops[index].minX = min(openLoops[index].minX, minX)
        openLoops[index].maxX = max(openLoops[index].maxX, maxX)
      }
    }

    private mutating func closeLoop() {
      guard let loop = openLoops.popLast() else { return }
      let tabWidth = (loop.tab.map(M.font.boldWidth).max() ?? 0) + 12
      let left = (loop.minX == Int.max ? M.margin : loop.minX) - 8
      let right = max(loop.maxX == Int.min ? left + tabWidth : loop.maxX + 8, left + tabWidth + 8)
      let rect = Rect(x: left, y: loop.top, width: right - left, height: cursor - loop.top)
      let tabRect = Rect(x: left, y: loop.top, width: tabWidth, height: 2 * M.lineHeight + 4)
      let tab = TextBlock(
        lines: loop.tab, x: left + 6, y: loop.top + 13, centered: false,
        bounds: Rect(x: left + 6, y: loop.top + 2, width: tabWidth - 12, height: 2 * M.lineHeight))
      fragments.append(Fragment(rect: rect, tab: tab, tabRect: tabRect, depth: loop.depth))
      extendLoops(minX: rect.x - 2, maxX: rect.maxX + 2)
    }

    /// A call opens an activation bar on its receiver; the receiver's return to its caller closes
    /// it. Bars still open at a step boundary close there.
    private mutating func trackActivation(_ message: SequenceModel.Message, y: Int) {
      switch message.kind {
      case .call where message.from != message.to:
        openActivations[message.to].append(y)
      case .return where message.from != message.to:
        if let start = openActivations[message.from].popLast() {
          addActivation(
            lifeline: message.from, from: start, to: y, nesting: openActivations[message.from].count
          )
        }
      default: break
      }
    }

    mutating func closeActivations() {
      for lifeline in openActivations.indices {
        while let start = openActivations[lifeline].popLast() {
          addActivation(
            lifeline: lifeline, from: start, to: max(cursor, start + 6),
            nesting: openActivations[lifeline].count)
        }
      }
    }

    private mutating func addActivation(lifeline: Int, from: Int, to: Int, nesting: Int) {
      let x = xs[lifeline] - M.activationWidth / 2 + nesting * 4
      activations.append(
        Activation(
          lifeline: lifeline, rect: Rect(x: x, y: from, width: M.activationWidth, height: to - from)
        ))
    }
  }
}
