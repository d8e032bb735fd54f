import Foundation

/// A horizontal bar chart comparing a few series per category, on a logarithmic scale so a small
/// value stays visible next to one thousands of times larger (the emulated and synthetic disk
/// paths differ by that much). The chart always says its scale; the exact numbers belong in a
/// table beside it.
public struct BarChart: Sendable {
  public struct Category: Sendable {
    public var label: String
    /// One value per series, in series order.
    public var values: [Int]
    /// Each value as people read it (grouped digits).
    public var valueLabels: [String]

    public init(label: String, values: [Int], valueLabels: [String]) {
      self.label = label
      self.values = values
      self.valueLabels = valueLabels
    }
  }

  public var id: String
  public var title: String
  public var summary: String
  public var series: [String]
  public var categories: [Category]

  public init(id: String, title: String, summary: String, series: [String], categories: [Category])
  {
    self.id = id
    self.title = title
    self.summary = summary
    self.series = series
    self.categories = categories
  }

  static let plotWidth = 420
  static let barHeight = 14
  static let rowGap = 12

  /// Bar length for `value` out of `maximum`: log10(1 + v) / log10(1 + max), at least 3 units
  /// for any value above zero. Rounded to whole units, so output does not depend on the last bits
  /// of the platform's logarithm.
  static func length(_ value: Int, maximum: Int) -> Int {
    guard value > 0, maximum > 0 else { return 0 }
    let ratio = log10(1 + Double(value)) / log10(1 + Double(maximum))
    return max(3, Int((ratio * Double(plotWidth)).rounded()))
  }

  public func render() -> String {
    let font = TextMetrics(fontSize: 12)
    let maximum = categories.flatMap(\.values).max() ?? 0
    let decades = maximum > 0 ? Int(log10(Double(maximum)).rounded(.up)) : 0
    let rowHeight = series.count * (Self.barHeight + 2) + Self.rowGap
    // One legend line per series: scenario titles are long.
    let legendHeight = series.count * 18 + 4
    let top = legendHeight + 8
    let labelWidth = (categories.map { font.width($0.label) }.max() ?? 0) + 16
    let valueSpace = (categories.flatMap(\.valueLabels).map(font.width).max() ?? 0) + 8
    let legendWidth = (series.map(font.width).max() ?? 0) + 30
    let width = max(labelWidth + Self.plotWidth + valueSpace + 16, legendWidth + 16)
    let height = top + categories.count * rowHeight + 8
    var children: [SVGElement.Node] = [
      .element(SVGElement("title", [("id", "\(id)-title")], text: title)),
      .element(SVGElement("desc", [("id", "\(id)-desc")], text: summary)),
    ]
    // Grid: one line per power of ten.
    for decade in 0...max(decades, 0) {
      let power = Int(pow(10.0, Double(decade)))
      let x = labelWidth + Self.length(power, maximum: max(maximum, 1))
      guard x <= labelWidth + Self.plotWidth else { continue }
      children.append(
        .el(
          "line",
          [
            ("class", "hv-chart-grid"), ("x1", x.svg), ("y1", top.svg), ("x2", x.svg),
            ("y2", (height - 8).svg), ("stroke", "#d0d7de"),
          ]))
    }
    for (index, name) in series.enumerated() {
      let y = 4 + index * 18
      children.append(
        .el(
          "rect",
          [
            ("class", "hv-chart-series-\(index)"), ("x", "8"), ("y", y.svg),
            ("width", "12"), ("height", "12"), ("fill", Self.colors[index % 2]),
          ]))
      children.append(
        .element(
          SVGElement("text", [("x", "26"), ("y", (y + 10).svg), ("fill", "#1f2328")], text: name)))
    }
    for (row, category) in categories.enumerated() {
      let y = top + row * rowHeight
      children.append(
        .element(
          SVGElement(
            "text",
            [
              ("class", "hv-chart-label"), ("x", (labelWidth - 8).svg),
              ("y", (y + series.count * (Self.barHeight + 2) / 2 + 4).svg), ("text-anchor", "end"),
              ("fill", "#1f2328"),
            ],
            text: category.label)))
      for (index, value) in category.values.enumerated() {
        let barY = y + index * (Self.barHeight + 2)
        let length = Self.length(value, maximum: maximum)
        children.append(
          .el(
            "rect",
            [
              ("class", "hv-chart-series-\(index)"), ("x", labelWidth.svg), ("y", barY.svg),
              ("width", length.svg), ("height", Self.barHeight.svg),
              ("fill", Self.colors[index % 2]),
            ]))
        children.append(
          .element(
            SVGElement(
              "text",
              [
                ("class", "hv-chart-value"), ("x", (labelWidth + length + 4).svg),
                ("y", (barY + Self.barHeight - 3).svg), ("fill", "#1f2328"),
              ], text: category.valueLabels[index])))
      }
    }
    return SVGElement(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("class", "hv-chart"), ("id", id), ("role", "img"),
        ("aria-labelledby", "\(id)-title \(id)-desc"), ("viewBox", "0 0 \(width) \(height)"),
        ("width", width.svg), ("height", height.svg),
        ("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"),
        ("font-size", "12"),
      ], children
    ).render()
  }

  static let colors = ["#c2410c", "#0f766e"]
}
