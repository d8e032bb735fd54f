import HVTrace
import Testing

@testable import HVDiagram

/// Structural facts about the geometry, which survive cosmetic changes that would churn golden
/// files (model-codebases.md §4.4).
@Suite struct LayoutInvariantTests {
  static let options: [DiagramOptions] = [
    DiagramOptions(), DiagramOptions(lifelines: .partition), DiagramOptions(step: 1),
    DiagramOptions(step: 2),
  ]

  func layout(_ options: DiagramOptions, trace: Trace = TraceFixture.trace()) -> (
    SequenceModel, DiagramLayout
  ) {
    let model = SequenceModel(trace: trace, options: options)
    return (model, DiagramLayout(model: model, text: .english))
  }

  @Test(arguments: options) func lifelinesStrictlyIncreaseInX(_ options: DiagramOptions) {
    let (_, layout) = layout(options)
    let xs = layout.lifelines.map(\.x)
    #expect(xs.count > 1)
    #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 })
    let headers = layout.lifelines.map(\.header)
    #expect(
      zip(headers, headers.dropFirst()).allSatisfy { $0.maxX < $1.x }, "header boxes must not touch"
    )
  }

  @Test(arguments: options) func rowsStrictlyIncreaseInY(_ options: DiagramOptions) {
    let (_, layout) = layout(options)
    let ys = (layout.arrows.map { ($0.number, $0.y) } + layout.notes.map { ($0.number, $0.rect.y) })
      .sorted { $0.0 < $1.0 }.map(\.1)
    #expect(!ys.isEmpty)
    #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 < $1 })
  }

  @Test(arguments: options) func arrowsEndOnTheirLifelines(_ options: DiagramOptions) {
    let (_, layout) = layout(options)
    for arrow in layout.arrows {
      #expect(arrow.x1 == layout.lifelines[arrow.from].x)
      #expect(arrow.x2 == layout.lifelines[arrow.to].x)
      #expect(
        arrow.y > layout.lifelines[arrow.from].top && arrow.y < layout.lifelines[arrow.from].bottom)
    }
  }

  @Test(arguments: options) func labelsStayInsideTheCanvasAndTheirGap(_ options: DiagramOptions) {
    let (_, layout) = layout(options)
    let canvas = DiagramLayout.Rect(x: 0, y: 0, width: layout.width, height: layout.height)
    let blocks =
      layout.arrows.map(\.label) + layout.notes.map(\.text) + layout.lifelines.map(\.title)
      + layout.boxes.map(\.title) + layout.fragments.map(\.tab) + layout.dividers.map(\.title)
      + layout.legend.map(\.text)
    for block in blocks {
      #expect(
        canvas.contains(block.bounds),
        "\(block.lines) at \(block.bounds) leaves the \(layout.width)×\(layout.height) canvas")
    }
    for arrow in layout.arrows where !arrow.isSelf {
      let low = min(arrow.x1, arrow.x2), high = max(arrow.x1, arrow.x2)
      #expect(
        arrow.label.bounds.x >= low && arrow.label.bounds.maxX <= high,
        "label \(arrow.number) runs outside the gap between its lifelines")
    }
  }

  @Test(arguments: options) func messageLabelsNeverOverlap(_ options: DiagramOptions) {
    let (_, layout) = layout(options)
    let rects = layout.arrows.map(\.label.bounds) + layout.notes.map(\.rect)
    for (i, a) in rects.enumerated() {
      for b in rects[(i + 1)...] {
        let overlaps = a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
        #expect(!overlaps, "\(a) overlaps \(b)")
      }
    }
  }

  @Test func loopsNestInsideEachOther() {
    let (_, layout) = layout(DiagramOptions())
    #expect(layout.fragments.count == 2)
    let outer = layout.fragments.first { $0.depth == 0 }!,
      inner = layout.fragments.first { $0.depth == 1 }!
    #expect(outer.rect.contains(inner.rect))
  }

  @Test func repeatCountsDoNotChangeTheSize() {
    let small = layout(DiagramOptions(), trace: TraceFixture.trace(sectors: 20, words: 256)).1
    let huge = layout(DiagramOptions(), trace: TraceFixture.trace(sectors: 131_072, words: 256)).1
    #expect(small.height == huge.height)
    #expect(abs(small.width - huge.width) < 20)
  }

  @Test func collapsingDrawsOneLifelinePerPartition() {
    let (model, _) = layout(DiagramOptions(lifelines: .partition))
    #expect(
      model.lifelines.map(\.id) == [
        LifelineID.partition(.child), .partition(.hypervisor), .partition(.root),
        .partition(.hardware),
      ])
  }

  @Test func stepFilterKeepsOneRequestPath() {
    let (model, _) = layout(DiagramOptions(step: 2))
    #expect(model.rows.first == .divider(step: 2, title: "wait 2 s"))
    #expect(model.messages.map(\.number) == [1, 2, 3, 4, 5])
  }

  @Test func childIsLeftOfHypervisorIsLeftOfRoot() {
    let (model, _) = layout(DiagramOptions())
    #expect(
      model.lifelines.map(\.actor) == [
        ActorKey.guestApp, .ataDriver, .hypervisor, .vid, .vmwp, .disk,
      ])
  }

  @Test func longLabelsWrap() {
    let lines = LayoutMetrics.font.wrap(
      "VSTOR_OPERATION_EXECUTE_SRB_WITH_A_VERY_LONG_IDENTIFIER_THAT_CANNOT_FIT", maximum: 120)
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { LayoutMetrics.font.width($0) <= 120 })
    #expect(
      lines.joined() == "VSTOR_OPERATION_EXECUTE_SRB_WITH_A_VERY_LONG_IDENTIFIER_THAT_CANNOT_FIT")
  }
}

@Suite struct MessageRangeTests {
  @Test func aRangeKeepsItsNumbersItsLoopsAndOnlyTheLifelinesItUses() {
    let full = SequenceModel(trace: TraceFixture.trace(), options: DiagramOptions())
    let part = SequenceModel(trace: TraceFixture.trace(), options: DiagramOptions(messages: 2...7))
    #expect(part.messages.map(\.number) == [2, 3, 4, 5, 6, 7])
    #expect(
      part.messages.map(\.event)
        == full.messages.filter { (2...7).contains($0.number) }.map(\.event))
    #expect(part.lifelines.map(\.actor) == [ActorKey.ataDriver, .hypervisor, .vid, .vmwp])
    // The data-port loop and the sector loop around it are kept; step 2 has nothing in range.
    #expect(part.rows.filter { if case .loopStart = $0 { true } else { false } }.count == 2)
    #expect(part.rows.filter { if case .divider = $0 { true } else { false } }.count == 1)
    let layout = DiagramLayout(model: part, text: .english)
    for arrow in layout.arrows {
      #expect(
        arrow.x1 == layout.lifelines[arrow.from].x && arrow.x2 == layout.lifelines[arrow.to].x)
    }
  }

  @Test func aRangeOutsideEveryLoopDropsTheLoops() {
    let part = SequenceModel(
      trace: TraceFixture.trace(), options: DiagramOptions(messages: 12...16))
    #expect(part.rows.allSatisfy { if case .loopStart = $0 { false } else { true } })
    #expect(part.rows.first == .divider(step: 2, title: "wait 2 s"))
  }
}
