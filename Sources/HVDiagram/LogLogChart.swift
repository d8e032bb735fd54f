import Foundation

/// A line chart with logarithmic axes on both sides: how a counter grows with a parameter that
/// spans many powers of two (a write of 512 B to 64 MiB), one line per series.
///
/// On log–log axes a cost that grows in proportion to the size is a straight line of slope one,
/// and a fixed cost is flat, so the emulated and synthetic disk paths show their shape at a
/// glance. Every series also has its own marker shape, so the lines stay apart without colour.
/// Coordinates are rounded to whole units: the output does not depend on the last bits of the
/// platform's logarithm.
public struct LogLogChart: Sendable {
  public struct Series: Sendable {
    public var name: String
    /// One value per x position (nil: no point there).
    public var values: [Int?]

    public init(name: String, values: [Int?]) {
      self.name = name
      self.values = values
    }
  }

  /// A tick on an axis: where it is and how people read it.
  public struct Tick: Sendable {
    public var value: Int
    public var label: String

    public init(value: Int, label: String) {
      self.value = value
      self.label = label
    }
  }

  public var id: String
  public var title: String
  public var summary: String
  public var xAxisLabel: String
  public var yAxisLabel: String
  /// The x positions, smallest first (all above zero).
  public var xValues: [Int]
  public var xTicks: [Tick]
  public var yTicks: [Tick]
  public var series: [Series]

  public init(
    id: String, title: String, summary: String, xAxisLabel: String, yAxisLabel: String,
    xValues: [Int], xTicks: [Tick], yTicks: [Tick], series: [Series]
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.xAxisLabel = xAxisLabel
    self.yAxisLabel = yAxisLabel
    self.xValues = xValues
    self.xTicks = xTicks
    self.yTicks = yTicks
    self.series = series
  }

  static let plotWidth = 560
  static let plotHeight = 300
  static let colors = ["#c2410c", "#1d4ed8", "#7c3aed", "#0f766e", "#a16207", "#be185d"]

  /// The powers of ten a chart of values up to `maximum` marks on its y axis (1 included).
  public static func decades(upTo maximum: Int) -> [Int] {
    var result = [1]
    while let last = result.last, last <= maximum / 10 { result.append(last * 10) }
    if let last = result.last, last < maximum { result.append(last * 10) }
    return result
  }

  /// 0…plotWidth for `x` between the smallest and largest x value, on a log scale.
  func xPosition(_ x: Int) -> Int {
    guard let low = xValues.first, let high = xValues.last, high > low, x > 0 else { return 0 }
    let ratio = (log2(Double(x)) - log2(Double(low))) / (log2(Double(high)) - log2(Double(low)))
    return Int((ratio * Double(Self.plotWidth)).rounded())
  }

  /// 0…plotHeight from the bottom for `value`: log10(1 + v) against the top tick.
  func yPosition(_ value: Int) -> Int {
    let top = max(yTicks.last?.value ?? 1, 1)
    guard value > 0 else { return 0 }
    let ratio = log10(1 + Double(value)) / log10(1 + Double(top))
    return Int((min(ratio, 1) * Double(Self.plotHeight)).rounded())
  }

  public func render() -> String {
    let font = TextMetrics(fontSize: 13)
    let left = (yTicks.map { font.width($0.label) }.max() ?? 0) + 40
    let legendHeight = series.count * 20 + 8
    let top = legendHeight + 12
    let bottom = top + Self.plotHeight
    let legendWidth = (series.map { font.width($0.name) }.max() ?? 0) + 40
    let width = max(left + Self.plotWidth + 40, legendWidth + 16)
    let height = bottom + 52
    var children: [SVGElement.Node] = [
      .element(SVGElement("title", [("id", "\(id)-title")], text: title)),
      .element(SVGElement("desc", [("id", "\(id)-desc")], text: summary)),
    ]
    for tick in yTicks {
      let y = bottom - yPosition(tick.value)
      children.append(
        .el(
          "line",
          [
            ("class", "hv-chart-grid"), ("x1", left.svg), ("y1", y.svg),
            ("x2", (left + Self.plotWidth).svg), ("y2", y.svg), ("stroke", "#d0d7de"),
          ]))
      children.append(
        .element(
          SVGElement(
            "text",
            [
              ("class", "hv-chart-tick"), ("x", (left - 6).svg), ("y", (y + 4).svg),
              ("text-anchor", "end"), ("fill", "#1f2328"),
            ], text: tick.label)))
    }
    for tick in xTicks {
      let x = left + xPosition(tick.value)
      children.append(
        .el(
          "line",
          [
            ("class", "hv-chart-grid"), ("x1", x.svg), ("y1", top.svg), ("x2", x.svg),
            ("y2", bottom.svg), ("stroke", "#eaeef2"),
          ]))
      children.append(
        .element(
          SVGElement(
            "text",
            [
              ("class", "hv-chart-tick"), ("x", x.svg), ("y", (bottom + 18).svg),
              ("text-anchor", "middle"), ("fill", "#1f2328"),
            ], text: tick.label)))
    }
    children.append(
      .element(
        SVGElement(
          "text",
          [
            ("class", "hv-chart-axis"), ("x", (left + Self.plotWidth / 2).svg),
            ("y", (bottom + 40).svg), ("text-anchor", "middle"), ("fill", "#1f2328"),
          ], text: xAxisLabel)))
    children.append(
      .element(
        SVGElement(
          "text",
          [
            ("class", "hv-chart-axis"), ("x", "14"), ("y", (top + Self.plotHeight / 2).svg),
            ("text-anchor", "middle"), ("fill", "#1f2328"),
            ("transform", "rotate(-90 14 \(top + Self.plotHeight / 2))"),
          ], text: yAxisLabel)))
    children.append(
      .el(
        "rect",
        [
          ("x", left.svg), ("y", top.svg), ("width", Self.plotWidth.svg),
          ("height", Self.plotHeight.svg), ("fill", "none"), ("stroke", "#8c959f"),
        ]))
    for (index, line) in series.enumerated() {
      let color = Self.colors[index % Self.colors.count]
      let points = zip(xValues, line.values).compactMap { x, value in
        value.map { (left + xPosition(x), bottom - yPosition($0)) }
      }
      children.append(
        .el(
          "polyline",
          [
            ("class", "hv-line-series-\(index)"), ("fill", "none"), ("stroke", color),
            ("stroke-width", "2"),
            ("points", points.map { "\($0.0),\($0.1)" }.joined(separator: " ")),
          ]))
      for point in points {
        children.append(Self.marker(index, at: point, color: color))
      }
      let legendY = 6 + index * 20
      children.append(Self.marker(index, at: (16, legendY + 7), color: color))
      children.append(
        .element(
          SVGElement(
            "text", [("x", "30"), ("y", (legendY + 12).svg), ("fill", "#1f2328")],
            text: line.name)))
    }
    return SVGElement(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("class", "hv-chart hv-loglog"), ("id", id),
        ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
        ("viewBox", "0 0 \(width) \(height)"), ("width", width.svg), ("height", height.svg),
        ("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"),
        ("font-size", "13"),
      ], children
    ).render()
  }

  /// Series `index`'s marker: circle, square, triangle, diamond, then again.
  static func marker(_ index: Int, at point: (Int, Int), color: String) -> SVGElement.Node {
    let (x, y) = point
    switch index % 4 {
    case 0:
      return .el("circle", [("cx", x.svg), ("cy", y.svg), ("r", "4"), ("fill", color)])
    case 1:
      return .el(
        "rect",
        [("x", (x - 4).svg), ("y", (y - 4).svg), ("width", "8"), ("height", "8"), ("fill", color)])
    case 2:
      return .el(
        "polygon",
        [("points", "\(x),\(y - 5) \(x + 5),\(y + 4) \(x - 5),\(y + 4)"), ("fill", color)]
      )
    default:
      return .el(
        "polygon",
        [("points", "\(x),\(y - 5) \(x + 5),\(y) \(x),\(y + 5) \(x - 5),\(y)"), ("fill", color)])
    }
  }
}
