import HVTrace

extension DiagramLayout {
  /// Lays a sequence model out. A pure function: the same model and text give the same geometry.
  ///
  /// Horizontal placement follows PlantUML's constraint sweep (`ConstraintSet.java`): every pair
  /// of lifelines that a label or header must fit between gets a minimum distance, and lifelines
  /// are pushed right until each holds; pushing never shrinks another distance, so one pass does.
  public init(model: SequenceModel, text: DiagramText) {
    typealias M = LayoutMetrics
    let collapsed = model.lifelines.contains { $0.mode == nil }
    let headers = model.lifelines.map { lifeline -> (lines: [String], width: Int) in
      let title =
        collapsed
        ? (text.partitionNames[lifeline.partition] ?? lifeline.title)
        : (lifeline.actor.flatMap { text.actorNames[$0] } ?? lifeline.title)
      let lines = M.font.wrap(title, maximum: M.headerTextWidthMax)
      return (lines, max(70, lines.map(M.font.width).max() ?? 0) + 2 * M.headerPadding)
    }
    let labels = model.rows.map { Self.labelLines(for: $0, text: text) }
    let xs = Self.placeLifelines(model: model, headerWidths: headers.map(\.width), labels: labels)

    var builder = VerticalBuilder(model: model, xs: xs, headerWidths: headers.map(\.width))
    builder.top =
      Self.headerTop + (headers.map { $0.lines.count }.max() ?? 1) * M.lineHeight + 2
      * M.headerPadding
    builder.cursor = builder.top + 8
    for (row, lines) in zip(model.rows, labels) { builder.add(row, lines: lines, text: text) }
    builder.closeActivations()

    let boxes = Self.boxes(
      model: model, xs: xs, headerWidths: headers.map(\.width), text: text,
      collapsed: collapsed, bottom: builder.cursor + 8)
    var right = max(builder.contentMaxX, boxes.map(\.rect.maxX).max() ?? 0) + M.margin
    right = max(right, (builder.dividers.map(\.title.bounds.maxX).max() ?? 0) + M.margin)
    let legend = Self.legend(
      kinds: builder.kinds, text: text, top: builder.cursor + 28, width: right)
    let bottom = (legend.map { $0.text.bounds.maxY }.max() ?? builder.cursor) + M.margin

    width = right
    height = bottom
    self.boxes = boxes.map { box in
      var box = box
      box.rect.height = builder.cursor + 8 - box.rect.y
      return box
    }
    lifelines = model.lifelines.indices.map { index in
      let header = Rect(
        x: xs[index] - headers[index].width / 2, y: Self.headerTop,
        width: headers[index].width, height: builder.top - Self.headerTop)
      let title = TextBlock(
        lines: headers[index].lines, x: xs[index], y: Self.headerTop + M.headerPadding + 11,
        centered: true, bounds: header)
      return PlacedLifeline(
        id: model.lifelines[index].id, x: xs[index], header: header, title: title,
        top: builder.top, bottom: builder.cursor + 4, partition: model.lifelines[index].partition)
    }
    arrows = builder.arrows
    notes = builder.notes
    fragments = builder.fragments.sorted { ($0.rect.y, $0.depth) < ($1.rect.y, $1.depth) }
    dividers = builder.dividers
    activations = builder.activations
    self.legend = legend
  }

  /// Where lifeline headers start: below the partition box titles and the mode band titles.
  static let headerTop = 50

  /// The lines of text a row shows, already wrapped.
  static func labelLines(for row: SequenceModel.Row, text: DiagramText) -> [String] {
    let font = LayoutMetrics.font
    switch row {
    case .message(let message):
      // A no-break space keeps the number with the first word.
      var lines = font.wrap(
        "\(message.number).\u{00A0}" + (message.message ?? message.label),
        maximum: LayoutMetrics.labelWidthMax)
      if let operation = message.operation {
        lines += font.wrap(operation, maximum: LayoutMetrics.labelWidthMax)
      }
      if message.message != nil {
        lines += font.wrap(message.label, maximum: LayoutMetrics.labelWidthMax)
      }
      return lines
    case .note(let message):
      return font.wrap(
        "\(message.number).\u{00A0}" + message.label, maximum: LayoutMetrics.noteWidthMax - 16)
    case .loopStart(let count, let label, _, _):
      return [text.loop(count), label]
    case .divider(let step, let title):
      return [text.step(step, title)]
    case .loopEnd:
      return []
    }
  }

  /// x of each lifeline after applying every distance constraint.
  static func placeLifelines(model: SequenceModel, headerWidths: [Int], labels: [[String]]) -> [Int]
  {
    typealias M = LayoutMetrics
    let count = model.lifelines.count
    guard count > 0 else { return [] }
    var constraints: [(low: Int, high: Int, distance: Int)] = []
    for index in 0..<(count - 1) {
      var gap = headerWidths[index] / 2 + headerWidths[index + 1] / 2 + M.headerGap
      if model.lifelines[index].partition != model.lifelines[index + 1].partition {
        gap += M.partitionGap
      }
      constraints.append((index, index + 1, gap))
    }
    for (row, lines) in zip(model.rows, labels) {
      let width = lines.map(M.font.width).max() ?? 0
      switch row {
      case .message(let message) where message.from != message.to:
        constraints.append(
          (min(message.from, message.to), max(message.from, message.to), width + 2 * M.labelPadding)
        )
      case .message(let message) where message.from + 1 < count:
        constraints.append(
          (message.from, message.from + 1, M.selfLoopWidth + width + 2 * M.labelPadding))
      case .note(let message):
        let half = min(width + 16, M.noteWidthMax) / 2 + M.labelPadding
        if message.from > 0 { constraints.append((message.from - 1, message.from, half)) }
        if message.from + 1 < count { constraints.append((message.from, message.from + 1, half)) }
      default: break
      }
    }
    var xs = [Int](repeating: 0, count: count)
    xs[0] = M.margin + 10 + headerWidths[0] / 2
    for index in 1..<count { xs[index] = xs[index - 1] }
    for constraint in constraints.sorted(by: {
      ($0.high - $0.low, $0.low) < ($1.high - $1.low, $1.low)
    }) {
      let shortfall = constraint.distance - (xs[constraint.high] - xs[constraint.low])
      if shortfall > 0 { for index in constraint.high..<count { xs[index] += shortfall } }
    }
    return xs
  }

  /// A box per partition (a run of lifelines of one partition) and a band per processor mode
  /// inside it, so every user↔kernel and partition crossing is visible.
  static func boxes(
    model: SequenceModel, xs: [Int], headerWidths: [Int], text: DiagramText,
    collapsed: Bool, bottom: Int
  ) -> [Box] {
    var boxes: [Box] = []
    func runs<Key: Equatable>(_ key: (Int) -> Key) -> [(Key, ClosedRange<Int>)] {
      var result: [(Key, ClosedRange<Int>)] = []
      for index in model.lifelines.indices {
        if let last = result.last, last.0 == key(index) {
          result[result.count - 1].1 = last.1.lowerBound...index
        } else {
          result.append((key(index), index...index))
        }
      }
      return result
    }
    func extent(_ range: ClosedRange<Int>, padding: Int) -> (Int, Int) {
      (
        xs[range.lowerBound] - headerWidths[range.lowerBound] / 2 - padding,
        xs[range.upperBound] + headerWidths[range.upperBound] / 2 + padding
      )
    }
    for (partition, range) in runs({ model.lifelines[$0].partition }) {
      let (left, right) = extent(range, padding: 8)
      let title = text.partitionNames[partition] ?? partition.rawValue
      boxes.append(
        Box(
          rect: Rect(x: left, y: 6, width: right - left, height: bottom - 6),
          title: TextBlock(
            lines: [title], x: left + 6, y: 20, centered: false,
            bounds: Rect(x: left + 6, y: 9, width: LayoutMetrics.font.boldWidth(title), height: 15)),
          kind: .partition))
      guard !collapsed, partition == .root || partition == .child else { continue }
      for (mode, modeRange) in runs({ model.lifelines[$0].mode }) where modeRange.overlaps(range) {
        let clipped =
          max(modeRange.lowerBound, range.lowerBound)...min(modeRange.upperBound, range.upperBound)
        guard let mode else { continue }
        let (bandLeft, bandRight) = extent(clipped, padding: 4)
        let name = text.modeNames[mode] ?? mode.rawValue
        boxes.append(
          Box(
            rect: Rect(x: bandLeft, y: 28, width: bandRight - bandLeft, height: bottom - 30),
            title: TextBlock(
              lines: [name], x: bandLeft + 5, y: 41, centered: false,
              bounds: Rect(
                x: bandLeft + 5, y: 31, width: LayoutMetrics.smallFont.width(name), height: 14)),
            kind: .band(mode)))
      }
    }
    return boxes
  }

  /// One sample per kind of arrow or note the diagram uses, flowing left to right.
  static func legend(kinds: [EventKind], text: DiagramText, top: Int, width: Int) -> [LegendEntry] {
    typealias M = LayoutMetrics
    var entries: [LegendEntry] = []
    var x = M.margin
    var y = top
    for kind in EventKind.allCases where kinds.contains(kind) {
      let name = text.kindNames[kind] ?? kind.rawValue
      let entryWidth = M.legendLine + 8 + M.smallFont.width(name) + 20
      if x + entryWidth > width - M.margin, x > M.margin {
        x = M.margin
        y += 20
      }
      let label = TextBlock(
        lines: [name], x: x + M.legendLine + 8, y: y + 4, centered: false,
        bounds: Rect(x: x + M.legendLine + 8, y: y - 7, width: M.smallFont.width(name), height: 14))
      entries.append(LegendEntry(kind: kind, y: y, x: x, text: label))
      x += entryWidth
    }
    return entries
  }
}
