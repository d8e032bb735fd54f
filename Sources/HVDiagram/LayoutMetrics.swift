/// The fixed sizes of the diagram, in layout units (CSS pixels at 100 %). One place to tune.
enum LayoutMetrics {
  static let font = TextMetrics(fontSize: 13)
  static let smallFont = TextMetrics(fontSize: 12)
  static let lineHeight = 17
  static let margin = 12
  /// Widest a message label may be before it wraps.
  static let labelWidthMax = 300
  /// Widest a lifeline title may be before it wraps.
  static let headerTextWidthMax = 118
  static let headerPadding = 8
  /// Least distance between neighbouring lifelines' header boxes.
  static let headerGap = 14
  /// Extra room at a partition boundary, so partition boxes never touch.
  static let partitionGap = 22
  static let labelPadding = 10
  static let selfLoopWidth = 28
  static let selfLoopHeight = 14
  static let noteWidthMax = 200
  static let activationWidth = 8
  static let legendLine = 36
}
