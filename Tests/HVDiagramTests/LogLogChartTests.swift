import Testing

@testable import HVDiagram

/// The sweep chart's geometry: log axes on whole units, one line and one marker shape per series.
@Suite struct LogLogChartTests {
  static let chart = LogLogChart(
    id: "c", title: "T", summary: "S", xAxisLabel: "x", yAxisLabel: "y",
    xValues: [512, 1024, 2048, 4096], xTicks: [.init(value: 512, label: "512 B")],
    yTicks: LogLogChart.decades(upTo: 5000).map { .init(value: $0, label: String($0)) },
    series: [
      .init(name: "a", values: [1, 10, 100, 1000]), .init(name: "b", values: [0, 0, nil, 0]),
    ])

  @Test func decadesCoverTheMaximum() {
    #expect(LogLogChart.decades(upTo: 1) == [1])
    #expect(LogLogChart.decades(upTo: 10) == [1, 10])
    #expect(LogLogChart.decades(upTo: 5000) == [1, 10, 100, 1000, 10000])
  }

  @Test func axesAreLogarithmicAndRounded() {
    let chart = Self.chart
    #expect(chart.xPosition(512) == 0)
    #expect(chart.xPosition(4096) == LogLogChart.plotWidth)
    // Doubling is an equal step on a log axis.
    #expect(abs(chart.xPosition(1024) * 3 - LogLogChart.plotWidth) <= 2)
    #expect(chart.yPosition(0) == 0)
    #expect(chart.yPosition(10_000) == LogLogChart.plotHeight)
    #expect(
      chart.yPosition(10) < chart.yPosition(100) && chart.yPosition(100) < chart.yPosition(1000))
  }

  @Test func everySeriesHasALineAndItsOwnMarkers() {
    let svg = Self.chart.render()
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    // Series a: four circles and its legend's; series b: three squares (nil skipped) and its legend's.
    #expect(svg.components(separatedBy: "<circle").count - 1 == 4 + 1)
    #expect(svg.components(separatedBy: "<rect x=").count - 1 >= 3 + 1)
    #expect(svg.contains("aria-labelledby=\"c-title c-desc\""))
    #expect(svg == Self.chart.render(), "deterministic")
  }
}
